/** `strata export RUN_DIR FILE.onnx`: a run's model (a recipe's classifier or a char-rnn) as an ONNX file that onnxruntime-web runs. */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { models, nn, tensor } from "../../src/index.js";
import { saveCheckpoint } from "../../src/io/index.js";
import { assertClose } from "../helpers.js";
import { runOnnx } from "../io/onnx/run-onnx.js";
import { fixtureImage } from "../models/fixture.js";
import { scratchDir, strata } from "./run-strata.js";

const dir = scratchDir("strata-export-");

/** onnxruntime-web's output for the exported file against the model's own. */
async function assertFileMatches(file: string, model: nn.Module, x: ReturnType<typeof tensor>): Promise<void> {
  const want = nn.withEvalMode(model, () => model.forward(x));
  assertClose(await runOnnx(readFileSync(file), x), want, { rtol: 1e-4, atol: 1e-5 });
}

describe("strata export", () => {
  it("writes a lenet5 run's trained model, and says what its input and output are", async () => {
    const model = models.lenet5();
    const run = join(dir, "lenet5");
    await saveCheckpoint(join(run, "checkpoint"), { model: Object.fromEntries(model.stateDict()), extra: { config: { recipe: "lenet5", settings: { epochs: 1 } } } });
    const { code, stdout, stderr } = strata("export", run, join(dir, "lenet5.onnx"));
    assert.equal(code, 0, stderr);
    assert.match(stdout, /input "input": float32 \[batch, 1, 28, 28\].*output "output": logits \[batch, 10\]/s);
    await assertFileMatches(join(dir, "lenet5.onnx"), model, fixtureImage([3, 1, 28, 28]));
  });

  it("writes a char-rnn run's LSTM with dynamic batch and time", async () => {
    const chars = [..."\n abcdefgh"];
    const settings = { text: null, epochs: 1, batchSize: 2, seqLen: 8, hidden: 12, embedding: 6, layers: 2, lr: 0.01, clip: 5, valFraction: 0.1, seed: 1 };
    const model = new models.RecurrentLM(chars.length, { embeddingDim: 6, hiddenSize: 12, numLayers: 2 });
    const run = join(dir, "char-rnn");
    await saveCheckpoint(join(run, "checkpoint"), { model: Object.fromEntries(model.stateDict()), extra: { kind: "char-rnn", chars, settings } });
    const { code, stderr } = strata("export", run, join(dir, "char-rnn.onnx"));
    assert.equal(code, 0, stderr);
    await assertFileMatches(join(dir, "char-rnn.onnx"), model, tensor(Int32Array.from({ length: 10 }, (_, i) => (i * 3) % 10), [2, 5]));
  });

  it("names a missing run", () => {
    const { code, stderr } = strata("export", join(dir, "nowhere"), join(dir, "x.onnx"));
    assert.notEqual(code, 0);
    assert.match(stderr, /no run directory/);
  });
});
