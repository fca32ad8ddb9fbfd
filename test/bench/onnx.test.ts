/** The bench's ONNX files and its ONNX Runtime peer: LeNet-5 in onnxruntime-web, VGG-11's weights file (never loaded here). */
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import * as ort from "onnxruntime-web";
import { modelsDir, prepareModel, seededFloats, vgg11ExternalData, writeRandomWeights } from "../../bench/peers/onnx-models.js";
import { runOnnxruntime } from "../../bench/peers/onnxruntime.js";
import { fixtureImage } from "../models/fixture.js";

/** PyTorch's logits for LeNet-5 on fixtureImage([2, 1, 28, 28]), written by test/fixtures/fixtures_onnx.py. */
const lenetFixture = JSON.parse(readFileSync(new URL("../../../test/fixtures/onnx/lenet5.json", import.meta.url), "utf8")) as {
  inputShape: number[];
  output: { shape: number[]; values: number[] };
};

// One thread, no worker threads: the test process can end by itself (and the peer below asks for one too).
ort.env.wasm.numThreads = 1;

describe("bench ONNX models", () => {
  it("LeNet-5's ONNX file gives PyTorch's logits in onnxruntime-web, with a dynamic batch", async () => {
    const session = await ort.InferenceSession.create(prepareModel("lenet5").path, { executionProviders: ["wasm"] });
    try {
      const x = fixtureImage(lenetFixture.inputShape);
      const { logits } = await session.run({ input: new ort.Tensor("float32", Float32Array.from(x.values), lenetFixture.inputShape) });
      assert.deepEqual(logits.dims, [2, 10]);
      const got = logits.data as Float32Array;
      lenetFixture.output.values.forEach((want, i) => assert.ok(Math.abs(got[i] - want) < 1e-5, `logit ${i}: ${got[i]} vs PyTorch's ${want}`));
      const one = await session.run({ input: new ort.Tensor("float32", new Float32Array(784), [1, 1, 28, 28]) });
      assert.deepEqual(one.logits.dims, [1, 10]);
    } finally {
      await session.release();
    }
  });

  it("records VGG-11's weights file (507 MB of float32, not stored) beside a graph file that holds none", () => {
    const { dataFile, bytes } = vgg11ExternalData();
    assert.equal(dataFile, "vgg11.onnx.data");
    // VGG-11 "A" at 224×224: 132,863,336 parameters
    assert.equal(bytes, 132_863_336 * 4);
    assert.ok(statSync(join(modelsDir, "vgg11.onnx")).size < 100_000, "the graph file holds no weights");
  });

  it("writes a weights file of exactly the asked length across its 4 MiB pieces, seeded", () => {
    const dir = mkdtempSync(join(tmpdir(), "strata-test-weights-"));
    try {
      const bytes = 4 * ((1 << 20) + 3);
      writeRandomWeights(join(dir, "a.data"), bytes, 5);
      writeRandomWeights(join(dir, "b.data"), bytes, 5);
      assert.equal(statSync(join(dir, "a.data")).size, bytes);
      assert.deepEqual(readFileSync(join(dir, "a.data")), readFileSync(join(dir, "b.data")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("fills with the same seeded values every time, within ±scale", () => {
    const [a, b, c] = [new Float32Array(1000), new Float32Array(1000), new Float32Array(1000)];
    seededFloats(7, 0.05)(a);
    seededFloats(7, 0.05)(b);
    seededFloats(8, 0.05)(c);
    assert.deepEqual(a, b);
    assert.notDeepEqual(a, c);
    assert.ok(a.every((v) => Math.abs(v) <= 0.05) && a.some((v) => v < 0) && a.some((v) => v > 0));
  });

  it("runs the peer on W3i-1 with onnxruntime-web, and notes the workloads it has no model for", async () => {
    const result = await runOnnxruntime("onnxruntime-web", [1], ["W3i-1", "W3"], { warmup: 1, reps: 1, minSeconds: 0, budgetSeconds: 10 });
    assert.deepEqual(result.rows.map((r) => [r.key, r.library, r.backend, r.threads]), [["W3i-1", "onnxruntime-web", "wasm", 1]]);
    assert.ok(result.rows[0].value > 0);
    assert.match(result.notes.join("\n"), /onnxruntime-web \S+ ran ort-wasm-simd-threaded\.wasm \(SIMD\), 1 thread/);
    assert.match(result.notes.join("\n"), /onnxruntime-web\/wasm cannot express W3 LeNet-5 train: no ONNX model for workload W3/);
  });
});
