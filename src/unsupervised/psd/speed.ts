/** PSD's point: codes from one pass of the encoder rather than an iterative optimisation — timed on the same samples. */
import { noGrad } from "../../autograd/index.js";
import type { Tensor } from "../../tensor/index.js";
import type { Psd } from "./psd.js";

export interface CodingSpeed {
  /** Samples per second coded by the encoder alone. */
  encoder: number;
  /** Samples per second coded by FISTA (sparse coding alone, from zero) for `iterations` steps. */
  fista: number;
  iterations: number;
}

function samplesPerSecond(samples: number, run: () => Tensor): number {
  run(); // warm-up: first calls pay for allocation and kernel start-up
  const start = performance.now();
  let repeats = 0;
  do {
    run();
    repeats++;
  } while (performance.now() - start < 500);
  return (samples * repeats * 1000) / (performance.now() - start);
}

export function codingSpeed(psd: Psd, y: Tensor, iterations = 100): CodingSpeed {
  return noGrad(() => ({
    encoder: samplesPerSecond(y.shape[0], () => psd.forward(y)),
    fista: samplesPerSecond(y.shape[0], () => psd.coder.infer(y, { iterations })),
    iterations,
  }));
}
