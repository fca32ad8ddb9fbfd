import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { measure, measureAll, median, type Row } from "../../bench/harness.js";
import { formatLatencies, formatMedians, formatRatio, formatRatios, jsonRows } from "../../bench/report.js";
import { selectKeys } from "../../bench/spec.js";

const row = (key: string, library: string, backend: string, value: number, threads = 1): Row => ({ key, library, backend, threads, metric: "samples/s", value });

/** The cells of the table line that starts with `label`, split on runs of two or more spaces. */
function cellsOf(table: string, label: string): string[] {
  const line = table.split("\n").find((l) => l.startsWith(label));
  assert.ok(line, `no line starting with "${label}" in:\n${table}`);
  return line.split(/ {2,}/);
}

describe("bench report", () => {
  it("divides Strata's best backend by each peer's best thread setting, per workload", () => {
    const rows = [
      row("W3", "strata", "reference", 500),
      row("W3", "strata", "wasm", 2000, 2),
      row("W3", "tfjs", "wasm", 800),
      row("W3", "convnetjs", "js", 125),
      row("W3", "pytorch", "cpu", 1000, 2),
      row("W3", "pytorch", "cpu", 4000, 1),
      row("W2", "strata", "wasm", 900, 2),
      row("W2", "tfjs", "wasm", 3000),
      row("W2", "pytorch", "cpu", 1800, 2),
      row("W2", "pytorch", "cpu", 900, 1),
    ];
    const table = formatRatios(rows);
    // W3: 2000 / 800 = 2.5×, 2000 / 125 = 16×, 2000 / max(1000, 4000) = 0.50×; W2: 900 / 3000 = 0.30×, no ConvNetJS, 900 / 1800 = 0.50×.
    assert.deepEqual(cellsOf(table, "Strata"), ["Strata's best ÷ peer's best", "best strata", "÷ tfjs/wasm", "÷ convnetjs/js", "÷ pytorch/cpu"]);
    assert.deepEqual(cellsOf(table, "W3 LeNet-5 train"), ["W3 LeNet-5 train", "wasm 2t 2,000", "2.5× (1t)", "16× (1t)", "0.50× (1t)"]);
    assert.deepEqual(cellsOf(table, "W2 MLP"), ["W2 MLP 3072-1500-10 train", "wasm 2t 900", "0.30× (1t)", "—", "0.50× (2t)"]);
  });

  it("lays out one column per library, backend and thread count, with a dash where there is no figure", () => {
    const table = formatMedians([row("W3", "strata", "wasm", 2172.4, 2), row("W3i", "strata", "wasm", 4654, 2), row("W3", "pytorch", "cpu", 3400, 2), row("W3", "pytorch", "cpu", 9900, 1)]);
    assert.deepEqual(cellsOf(table, "workload"), ["workload", "unit", "strata/wasm 2t", "pytorch/cpu 2t", "pytorch/cpu 1t"]);
    assert.deepEqual(cellsOf(table, "W3 "), ["W3 LeNet-5 train", "samples/s", "2,172", "3,400", "9,900"]);
    assert.deepEqual(cellsOf(table, "W3i"), ["W3i LeNet-5 inference b=256", "samples/s", "4,654", "—", "—"]);
  });

  it("gives the batch-1 workloads again as milliseconds per call, and nothing when none ran", () => {
    const rows = [row("W3i-1", "strata", "wasm", 5000, 2), row("W3i-1", "onnxruntime-node", "cpu", 20_000), row("W3i", "strata", "wasm", 18_000, 2), row("W6-1", "strata", "wasm", 2.5, 2)];
    const table = formatLatencies(rows);
    assert.deepEqual(cellsOf(table, "workload"), ["workload", "unit", "strata/wasm 2t", "onnxruntime-node/cpu 1t"]);
    assert.deepEqual(cellsOf(table, "W3i"), ["W3i LeNet-5 inference b=1", "ms", "0.200", "0.0500"]);
    assert.deepEqual(cellsOf(table, "W6"), ["W6 VGG-11 inference b=1", "ms", "400", "—"]);
    assert.equal(formatLatencies([row("W3i", "strata", "wasm", 18_000)]), "");
  });

  it("formats ratios to two or three significant figures", () => {
    assert.equal(formatRatio(0.2345), "0.23×");
    assert.equal(formatRatio(2.345), "2.3×");
    assert.equal(formatRatio(212.4), "212×");
  });

  it("writes JSON rows with the workload's label", () => {
    assert.deepEqual(jsonRows([row("W1-1024", "pytorch", "cpu", 48)]), [
      { workload: "W1 matmul n=1024", library: "pytorch", backend: "cpu", threads: 1, metric: "samples/s", value: 48 },
    ]);
  });
});

describe("bench selection and timing", () => {
  it("--only matches the label's start, and quick mode leaves out the large sizes", () => {
    assert.deepEqual(selectKeys(false, "W3"), ["W3", "W3i", "W3i-1"]);
    assert.deepEqual(selectKeys(true, "W3"), ["W3", "W3i"]);
    assert.deepEqual(selectKeys(true, "W1"), ["W1-256"]);
    assert.deepEqual(selectKeys(false, "W6"), ["W6-1", "W6-8"]);
  });

  it("takes the median of the timed repetitions after the warm-ups", async () => {
    assert.equal(median([5, 1, 3]), 3);
    assert.equal(median([4, 1, 3, 2]), 2.5);
    let calls = 0;
    const m = await measure(() => void calls++, { warmup: 2, reps: 5, minSeconds: 0, budgetSeconds: 10 });
    assert.equal(calls, 7);
    assert.ok("seconds" in m && m.seconds >= 0);
  });

  /** A run that keeps the thread busy for `ms` milliseconds, and counts its calls. */
  const busyRun = (ms: number) => {
    const run = () => {
      run.calls++;
      const end = performance.now() + ms;
      while (performance.now() < end);
    };
    run.calls = 0;
    return run;
  };

  it("warms up and times for at least minSeconds each, past the counts, when calls are quick", async () => {
    const busy = busyRun(5);
    const start = performance.now();
    const m = await measure(busy, { warmup: 2, reps: 5, minSeconds: 0.1, budgetSeconds: 10 });
    assert.ok("seconds" in m && m.seconds >= 0.005);
    // both phases lasted 0.1 s: far more calls than the 2 + 5 the counts ask for
    assert.ok(performance.now() - start >= 200, `took ${performance.now() - start} ms`);
    assert.ok(busy.calls > 7, `${busy.calls} calls`);
  });

  it("awaits a run that returns a promise, inside the timed span", async () => {
    let calls = 0;
    const m = await measure(() => {
      calls++;
      return new Promise<void>((resolve) => setTimeout(resolve, 20));
    }, { warmup: 1, reps: 3, minSeconds: 0, budgetSeconds: 10 });
    assert.equal(calls, 4);
    assert.ok("seconds" in m && m.seconds >= 0.015, `timed ${JSON.stringify(m)}, not the 20 ms the promise took`);
    const result = await measureAll(["W3i-1"], async () => ({ units: 1, run: () => new Promise<void>((resolve) => setTimeout(resolve, 20)) }),
      { library: "peer", backend: "async", threads: 1 }, { warmup: 1, reps: 1, minSeconds: 0, budgetSeconds: 10 });
    assert.equal(result.rows.length, 1);
    assert.ok(result.rows[0].value < 1 / 0.015, `${result.rows[0].value} samples/s: the 20 ms were not awaited`);
  });

  it("skips a workload whose first repetition says it would overrun the budget", async () => {
    const slow = busyRun(30);
    const m = await measure(slow, { warmup: 2, reps: 5, minSeconds: 0, budgetSeconds: 0.1 });
    assert.equal(slow.calls, 1);
    assert.ok("skipped" in m && /budget 0.1 s/.test(m.skipped));
  });

  it("turns what a library cannot express, and failures, into notes naming the library and workload", async () => {
    const result = await measureAll(["W4", "W5", "W3i"], (key) => {
      if (key === "W4") return "no average pooling";
      if (key === "W5") throw new Error("Kernel 'X' not registered");
      return { units: 256, run: () => undefined };
    }, { library: "peer", backend: "js", threads: 1 }, { warmup: 1, reps: 1, minSeconds: 0, budgetSeconds: 10 });
    assert.deepEqual(result.notes, [
      "peer/js cannot express W4 CIFAR-10 quick train: no average pooling",
      "peer/js cannot express W5 char-LSTM train: Kernel 'X' not registered",
    ]);
    assert.deepEqual(result.rows.map((r) => r.key), ["W3i"]);
  });
});
