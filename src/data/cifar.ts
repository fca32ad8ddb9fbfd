/**
 * CIFAR-10 and CIFAR-100 from the binary version of their distribution
 * (https://www.cs.toronto.edu/~kriz/cifar.html); nothing is downloaded.
 */
import { inside, readBytes, ReadError, type FileLocation } from "../io/read-bytes.js";
import { Tensor } from "../tensor/index.js";
import { TensorDataset } from "./dataset.js";

/** Per-channel (R, G, B) mean and standard deviation of the training pixels scaled to [0, 1]. */
export const CIFAR10_MEAN = [0.4914, 0.4822, 0.4465] as const;
export const CIFAR10_STD = [0.247, 0.2435, 0.2616] as const;
export const CIFAR100_MEAN = [0.5071, 0.4865, 0.4409] as const;
export const CIFAR100_STD = [0.2673, 0.2564, 0.2762] as const;

export const CIFAR10_CLASSES = ["airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"] as const;

/** One mean and std for every channel, or one per channel (R, G, B). */
export interface CifarNormalization {
  mean: number | readonly number[];
  std: number | readonly number[];
}

export interface CifarOptions {
  /** The folder the binary archive unpacks to (cifar-10-batches-bin, cifar-100-binary): a path or a URL. */
  dir: FileLocation;
  /** Keep only the first `limit` samples. */
  limit?: number;
  /** Subtract a mean and divide by a std after scaling to [0, 1]: true uses the set's per-channel values. */
  normalize?: boolean | CifarNormalization;
}

export interface Cifar100Options extends CifarOptions {
  /** Which of the two labels each image carries: its 100 "fine" classes (default) or 20 "coarse" superclasses. */
  labels?: "fine" | "coarse";
}

const PIXELS = 3 * 32 * 32;
/** Images in each CIFAR-10 file, and in CIFAR-100's two. */
const CIFAR10_PER_FILE = 10000;
const CIFAR100_IMAGES = { train: 50000, test: 10000 };

const CIFAR10_FILES = {
  train: [1, 2, 3, 4, 5].map((i) => `data_batch_${i}.bin`),
  test: ["test_batch.bin"],
};

/** Where the files come from. */
export const CIFAR_SOURCE = "https://www.cs.toronto.edu/~kriz/cifar.html";

/**
 * The CIFAR-10 training (50,000, from data_batch_1.bin … data_batch_5.bin) or test set (10,000,
 * test_batch.bin): x float32 [N, 3, 32, 32] with pixels scaled to [0, 1] (and normalised if asked),
 * y int32 [N] with the classes 0–9 (CIFAR10_CLASSES).
 */
export async function cifar10(split: "train" | "test", options: CifarOptions): Promise<TensorDataset> {
  const files = CIFAR10_FILES[split];
  if (!files) throw new TypeError(`cifar10: split must be "train" or "test", got ${JSON.stringify(split)}`);
  const limit = checkLimit("cifar10", options.limit);
  // a limit reads only the files it reaches (a quick run need not read 150 MB)
  const parts: Uint8Array[] = [];
  for (const name of files.slice(0, Math.ceil(limit / CIFAR10_PER_FILE))) parts.push(await readRecords(options.dir, name, CIFAR10_PER_FILE, 1, "CIFAR-10"));
  const normalization = normalizationOf("cifar10", options.normalize, CIFAR10_MEAN, CIFAR10_STD);
  return toDataset(parts, 1, 0, limit, normalization);
}

/**
 * The CIFAR-100 training (50,000, train.bin) or test set (10,000, test.bin): x as cifar10's, y int32
 * [N] with the fine labels 0–99 or, with `labels: "coarse"`, the superclasses 0–19.
 */
export async function cifar100(split: "train" | "test", options: Cifar100Options): Promise<TensorDataset> {
  if (split !== "train" && split !== "test") throw new TypeError(`cifar100: split must be "train" or "test", got ${JSON.stringify(split)}`);
  const { labels = "fine" } = options;
  if (labels !== "fine" && labels !== "coarse") throw new TypeError(`cifar100: labels must be "fine" or "coarse", got ${JSON.stringify(labels)}`);
  const limit = checkLimit("cifar100", options.limit);
  const records = await readRecords(options.dir, `${split}.bin`, CIFAR100_IMAGES[split], 2, "CIFAR-100");
  const normalization = normalizationOf("cifar100", options.normalize, CIFAR100_MEAN, CIFAR100_STD);
  return toDataset([records], 2, labels === "coarse" ? 0 : 1, limit, normalization);
}

/** A file of `count` records of label bytes then 3072 pixel bytes, checked to be exactly that long. */
async function readRecords(dir: FileLocation, name: string, count: number, labelBytes: number, set: string): Promise<Uint8Array> {
  const location = inside(dir, name);
  const bytes = await readBytes(location);
  if (bytes === null) {
    throw new ReadError(String(location), `does not exist: ${set}'s files come from ${CIFAR_SOURCE} ("${set} binary version"); unpack the archive and pass its folder`);
  }
  const expected = count * (labelBytes + PIXELS);
  if (bytes.length !== expected) {
    throw new ReadError(
      String(location),
      `holds ${bytes.length.toLocaleString("en")} bytes; a ${set} file of ${count.toLocaleString("en")} images holds ${expected.toLocaleString("en")} ` +
        `(${labelBytes} label byte${labelBytes === 1 ? "" : "s"} + ${PIXELS} pixel bytes each): it is ${bytes.length < expected ? "truncated" : "not a " + set + " file"}`,
    );
  }
  return bytes;
}

function checkLimit(reader: string, limit = Infinity): number {
  if (!(limit >= 0) || (limit !== Infinity && !Number.isInteger(limit))) throw new RangeError(`${reader}: limit must be a non-negative integer, got ${limit}`);
  return limit;
}

/** Three means and stds, one per channel. */
function normalizationOf(reader: string, normalize: CifarOptions["normalize"], mean: readonly number[], std: readonly number[]): { mean: number[]; std: number[] } {
  if (normalize === true) return { mean: [...mean], std: [...std] };
  if (!normalize) return { mean: [0, 0, 0], std: [1, 1, 1] };
  const perChannel = (v: number | readonly number[]) => (typeof v === "number" ? [v, v, v] : [...v]);
  const given = { mean: perChannel(normalize.mean), std: perChannel(normalize.std) };
  if (given.mean.length !== 3 || given.std.length !== 3 || !given.mean.every(Number.isFinite) || !given.std.every((s) => s > 0)) {
    throw new RangeError(`${reader}: normalize needs finite means and positive stds, one number or three (R, G, B), got mean ${JSON.stringify(normalize.mean)}, std ${JSON.stringify(normalize.std)}`);
  }
  return given;
}

/** Records → x [N, 3, 32, 32] (a 256-entry table per channel) and the label at byte `labelAt` of each record. */
function toDataset(parts: Uint8Array[], labelBytes: number, labelAt: number, limit: number, { mean, std }: { mean: number[]; std: number[] }): TensorDataset {
  const record = labelBytes + PIXELS;
  const total = parts.reduce((sum, p) => sum + p.length / record, 0);
  const n = Math.min(total, limit);
  const tables = [0, 1, 2].map((c) => Float32Array.from({ length: 256 }, (_, v) => (v / 255 - mean[c]) / std[c]));
  const x = new Float32Array(n * PIXELS);
  const y = new Int32Array(n);
  let i = 0;
  for (const bytes of parts) {
    for (let r = 0; r < bytes.length / record && i < n; r++, i++) {
      const start = r * record;
      y[i] = bytes[start + labelAt];
      for (let c = 0; c < 3; c++) {
        const table = tables[c];
        const from = start + labelBytes + c * 1024;
        const to = i * PIXELS + c * 1024;
        for (let p = 0; p < 1024; p++) x[to + p] = table[bytes[from + p]];
      }
    }
  }
  return new TensorDataset(new Tensor(x, [n, 3, 32, 32]), new Tensor(y, [n]));
}
