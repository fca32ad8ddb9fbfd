/**
 * The bench's ONNX files (bench/models/, written by test/fixtures/fixtures_onnx.py) and the workloads
 * ONNX Runtime runs on them. VGG-11's 507 MB of weights are not in the repository: its graph keeps every
 * initializer as external data in one file, of which bench/models/vgg11.onnx.json records the length;
 * `prepareModel` writes that file, with seeded random float32 values, beside a copy of the graph in a
 * temporary directory (BENCHMARKS.md's weights are random anyway).
 */
import { closeSync, copyFileSync, mkdtempSync, openSync, readFileSync, rmSync, writeSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

/** The models are not compiled: from dist/bench/peers/ they are found in the source tree. */
export const modelsDir = fileURLToPath(new URL("../../../bench/models/", import.meta.url));

export type OnnxModel = "lenet5" | "vgg11";

/** A workload of spec.ts as ONNX Runtime runs it: one `session.run` on an input of this shape (batch first). */
export interface OnnxWorkload {
  model: OnnxModel;
  input: readonly number[];
}

/** The inference workloads; ONNX Runtime does not train, so it has no version of the others. */
export const ONNX_WORKLOADS: Readonly<Record<string, OnnxWorkload>> = {
  "W3i": { model: "lenet5", input: [256, 1, 28, 28] },
  "W3i-1": { model: "lenet5", input: [1, 1, 28, 28] },
  "W6-1": { model: "vgg11", input: [1, 3, 224, 224] },
  "W6-8": { model: "vgg11", input: [8, 3, 224, 224] },
};

/** What bench/models/vgg11.onnx.json records about the external data file the graph names. */
export interface ExternalData {
  dataFile: string;
  bytes: number;
}

export function vgg11ExternalData(): ExternalData {
  const path = join(modelsDir, "vgg11.onnx.json");
  const info = JSON.parse(readFileSync(path, "utf8")) as Partial<ExternalData>;
  if (typeof info.dataFile !== "string" || !Number.isInteger(info.bytes) || info.bytes! % 4 !== 0) {
    throw new Error(`${path} should be {"dataFile": string, "bytes": a multiple of 4}, got ${JSON.stringify(info)}; rerun test/fixtures/fixtures_onnx.py`);
  }
  return info as ExternalData;
}

/** A graph file ready to load, its external data (if any) beside it; `remove()` deletes what was written for it. */
export interface PreparedModel {
  path: string;
  external?: { path: string; dataFile: string };
  remove(): void;
}

/** Uniform in [-scale, scale), from a mulberry32 generator: small, fast, seeded. */
export function seededFloats(seed: number, scale: number): (out: Float32Array) => void {
  let state = seed >>> 0;
  return (out) => {
    for (let i = 0; i < out.length; i++) {
      state = (state + 0x6d2b79f5) >>> 0;
      let t = Math.imul(state ^ (state >>> 15), state | 1);
      t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
      out[i] = ((((t ^ (t >>> 14)) >>> 0) / 4294967296) * 2 - 1) * scale;
    }
  };
}

/** Writes `bytes` bytes of seeded random float32 values (uniform ±0.05) to `path`, 4 MiB at a time. */
export function writeRandomWeights(path: string, bytes: number, seed = 0): void {
  const fill = seededFloats(seed, 0.05);
  const chunk = new Float32Array(1 << 20);
  const fd = openSync(path, "w");
  try {
    for (let written = 0; written < bytes; ) {
      const part = chunk.subarray(0, Math.min(chunk.length, (bytes - written) / 4));
      fill(part);
      const n = writeSync(fd, part);
      if (n !== part.byteLength) throw new Error(`writeRandomWeights: wrote ${n} of ${part.byteLength} bytes to ${path} (disk full?)`);
      written += n;
    }
  } finally {
    closeSync(fd);
  }
}

/**
 * The model's graph file: LeNet-5's as it is in bench/models; VGG-11's copied into a fresh temporary
 * directory next to a data file of the recorded length, written here (about 1 s).
 */
export function prepareModel(model: OnnxModel): PreparedModel {
  if (model === "lenet5") return { path: join(modelsDir, "lenet5.onnx"), remove: () => undefined };
  const { dataFile, bytes } = vgg11ExternalData();
  const dir = mkdtempSync(join(tmpdir(), "strata-bench-vgg11-"));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  try {
    const path = join(dir, "vgg11.onnx");
    copyFileSync(join(modelsDir, "vgg11.onnx"), path);
    writeRandomWeights(join(dir, dataFile), bytes);
    return { path, external: { path: join(dir, dataFile), dataFile }, remove };
  } catch (err) {
    remove();
    throw err;
  }
}
