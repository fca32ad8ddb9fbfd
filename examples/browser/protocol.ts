/** The messages between the page (main.ts) and the training worker (trainer.ts). */
import type { BackendInfo } from "strata";

/** What the page asks of the worker. */
export type ToWorker =
  /** Load MNIST from `mnistUrl` (a folder of the four IDX files), and the weights at `weightsUrl` if given. */
  | { type: "init"; mnistUrl: string; weightsUrl: string | null }
  | { type: "train" }
  | { type: "pause" }
  /** Classify one 28×28 digit: `pixels` in [0, 1], ink bright, as the studio's client/digit.ts makes it. */
  | { type: "predict"; id: number; pixels: Float32Array };

/** A picture for a canvas: `values` row-major, `channels` (1, 3 or 4) per pixel, in [0, 1]. */
export interface Picture {
  width: number;
  height: number;
  channels: number;
  values: Float32Array;
}

/** What the worker tells the page. */
export type FromWorker =
  /**
   * Its modules (Strata's wasm backend among them) have loaded and it listens: a message sent
   * before would be lost, as a module worker has no handler while its imports load.
   */
  | { type: "listening" }
  | { type: "status"; text: string }
  | { type: "ready"; info: BackendInfo; trainSize: number; testSize: number; pretrained: boolean }
  | { type: "batch"; step: number; epoch: number; batch: number; batches: number; loss: number; accuracy: number; samplesPerSecond: number; info: BackendInfo }
  | { type: "filters"; step: number; picture: Picture }
  | { type: "tested"; step: number; epoch: number; accuracy: number; loss: number }
  | { type: "paused"; step: number }
  | { type: "prediction"; id: number; probabilities: number[] }
  | { type: "error"; message: string };
