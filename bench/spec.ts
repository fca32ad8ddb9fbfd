/**
 * The workloads of shared/BENCHMARKS.md by key, shared by Strata and every peer so that their rows
 * line up in one table. A peer reports rows by key; the table shows the label.
 */
export interface WorkloadSpec {
  key: string;
  label: string;
  metric: string;
  /** Part of the quick (CI smoke) run. */
  quick: boolean;
  /** One sample a repetition: the report also gives the latency of a call (1000 / value ms). */
  batchOne?: true;
}

export const WORKLOADS: readonly WorkloadSpec[] = [
  { key: "W1-256", label: "W1 matmul n=256", metric: "GFLOP/s", quick: true },
  { key: "W1-1024", label: "W1 matmul n=1024", metric: "GFLOP/s", quick: false },
  { key: "W2", label: "W2 MLP 3072-1500-10 train", metric: "samples/s", quick: true },
  { key: "W2m", label: "W2m MLP 784-256-256-10 train", metric: "samples/s", quick: true },
  { key: "W3", label: "W3 LeNet-5 train", metric: "samples/s", quick: true },
  { key: "W3i", label: "W3i LeNet-5 inference b=256", metric: "samples/s", quick: true },
  { key: "W3i-1", label: "W3i LeNet-5 inference b=1", metric: "samples/s", quick: false, batchOne: true },
  { key: "W4", label: "W4 CIFAR-10 quick train", metric: "samples/s", quick: true },
  { key: "W5", label: "W5 char-LSTM train", metric: "tokens/s", quick: true },
  { key: "W6-1", label: "W6 VGG-11 inference b=1", metric: "images/s", quick: true, batchOne: true },
  { key: "W6-8", label: "W6 VGG-11 inference b=8", metric: "images/s", quick: false },
];

/** Keys of the workloads a peer runs in quick mode: one small product and one small training step. */
export const PEER_QUICK_KEYS: readonly string[] = ["W1-256", "W3"];

/**
 * Keys onnxruntime-web runs in quick mode, on one thread (onnxruntime-node not at all): LeNet-5
 * inference, about 1 s with its child process, so that CI loads an ONNX file and times an async run.
 */
export const ONNX_QUICK_KEYS: readonly string[] = ["W3i"];

export function specOf(key: string): WorkloadSpec {
  const spec = WORKLOADS.find((w) => w.key === key);
  if (!spec) throw new Error(`bench: unknown workload key "${key}" (known: ${WORKLOADS.map((w) => w.key).join(", ")})`);
  return spec;
}

/**
 * The workload keys a run measures: quick mode's subset, narrowed by `--only PREFIX` (matched
 * against the label, so "W3" selects W3 and W3i).
 */
export function selectKeys(quick: boolean, only: string | undefined): string[] {
  return WORKLOADS.filter((w) => (!quick || w.quick) && (!only || w.label.startsWith(only))).map((w) => w.key);
}
