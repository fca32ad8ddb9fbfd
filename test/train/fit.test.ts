import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Generator, manualSeed, nn, optim, tensor, type Tensor } from "../../src/index.js";
import { DataLoader, TensorDataset } from "../../src/data/index.js";
import { evaluate, fit, JsonlLog } from "../../src/train/index.js";

const dirs: string[] = [];
after(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), "strata-fit-"));
  dirs.push(d);
  return d;
}

/** Three Gaussian blobs in 2-D: a problem a small MLP solves almost perfectly. */
function blobs(n: number, seed: number): TensorDataset {
  const g = new Generator(seed);
  const centres = [[2, 0], [-1, 1.7], [-1, -1.7]];
  const x = new Float32Array(n * 2);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const c = g.int(3);
    y[i] = c;
    x[2 * i] = centres[c][0] + 0.5 * g.normal();
    x[2 * i + 1] = centres[c][1] + 0.5 * g.normal();
  }
  return new TensorDataset(tensor(x, [n, 2]), tensor(y, [n]));
}

function setup() {
  manualSeed(3);
  const model = new nn.Sequential(new nn.Linear(2, 16), new nn.ReLU(), new nn.Dropout(0.1), new nn.Linear(16, 3));
  const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
  const scheduler = new optim.StepLR(optimizer, { stepSize: 1, gamma: 0.8 });
  const train = new DataLoader(blobs(300, 1), { batchSize: 32, shuffle: true, seed: 11 });
  const validation = new DataLoader(blobs(150, 2), { batchSize: 50 });
  return { model, optimizer, scheduler, train, validation, loss: (o: Tensor, t: Tensor) => nn.functional.crossEntropy(o, t) };
}

const quiet = { progress: false, print: () => {} };

describe("fit", () => {
  it("trains a classifier, validates each epoch and logs one JSON line per epoch", async () => {
    const logFile = join(tempDir(), "log.jsonl");
    const s = setup();
    const { history } = await fit({ ...s, epochs: 5, logFile, ...quiet });
    assert.equal(history.length, 5);
    assert.ok(history[4].trainLoss < history[0].trainLoss, "training loss falls");
    assert.ok(history[4].valAccuracy! > 0.95, `validation accuracy ${history[4].valAccuracy}`);
    const lines = JsonlLog.read(logFile);
    assert.deepEqual(lines.map((l) => l.epoch), [1, 2, 3, 4, 5]);
    assert.equal(lines[4].valAccuracy, history[4].valAccuracy);
    // StepLR with gamma 0.8 per epoch
    assert.ok(Math.abs(history[2].lr - 0.1 * 0.8 ** 2) < 1e-12);
    const test = evaluate(s.model, new DataLoader(blobs(200, 3), { batchSize: 64 }), { numClasses: 3 });
    assert.ok(test.accuracy > 0.95, `held-out accuracy ${test.accuracy}`);
    assert.equal(test.confusion!.total, 200);
  });

  it("reports every update to onBatchEnd, whose losses average to the epoch's", async () => {
    const s = setup();
    const seen: { epoch: number; batch: number; batches: number; loss: number; accuracy?: number; samplesPerSecond: number }[] = [];
    const { history } = await fit({ ...s, epochs: 2, ...quiet, onBatchEnd: (r) => void seen.push(r) });
    assert.equal(seen.length, 2 * s.train.length);
    assert.deepEqual(seen.slice(0, 3).map((r) => [r.epoch, r.batch, r.batches]), [[1, 1, 10], [1, 2, 10], [1, 3, 10]]);
    assert.deepEqual(seen.at(-1)!.epoch, 2);
    // batches of 32 and a last one of 12: the sample-weighted mean of batch losses is the epoch's loss
    const first = seen.filter((r) => r.epoch === 1);
    const weighted = first.reduce((sum, r, i) => sum + r.loss * (i < 9 ? 32 : 12), 0) / 300;
    assert.ok(Math.abs(weighted - history[0].trainLoss) < 1e-6, `${weighted} vs ${history[0].trainLoss}`);
    assert.ok(first.every((r) => r.accuracy! >= 0 && r.accuracy! <= 1 && r.samplesPerSecond > 0));
  });

  it("keeps the log and the checkpoint in agreement after a crash between logging an epoch and saving it", async () => {
    const dir = tempDir();
    const logFile = join(dir, "log.jsonl");
    const checkpointDir = join(dir, "checkpoint");
    const crashAtEpoch3 = (r: { epoch: number }) => {
      if (r.epoch === 3) throw new Error("simulated crash after the log line of epoch 3, before its checkpoint");
    };
    await assert.rejects(fit({ ...setup(), epochs: 4, logFile, checkpointDir, onEpochEnd: crashAtEpoch3, ...quiet }), /simulated crash/);
    assert.deepEqual(JsonlLog.read(logFile).map((l) => l.epoch), [1, 2, 3], "epoch 3 was logged but not saved");
    const { history } = await fit({ ...setup(), epochs: 4, logFile, checkpointDir, resume: true, ...quiet });
    assert.deepEqual(history.map((r) => r.epoch), [1, 2, 3, 4]);
    assert.deepEqual(JsonlLog.read(logFile).map((l) => l.epoch), [1, 2, 3, 4], "epoch 3 appears once");
  });

  it("resumes from its checkpoint and ends bit for bit where an uninterrupted run ends", async () => {
    const straight = setup();
    await fit({ ...straight, epochs: 4, ...quiet });

    const checkpointDir = join(tempDir(), "checkpoint");
    const first = setup();
    await fit({ ...first, epochs: 2, checkpointDir, ...quiet });
    manualSeed(999); // disturb the global generator: resume must restore it
    const second = setup();
    const { history } = await fit({ ...second, epochs: 4, checkpointDir, resume: true, ...quiet });
    assert.deepEqual(history.map((r) => r.epoch), [1, 2, 3, 4], "history carries over from the checkpoint");

    const want = straight.model.stateDict();
    for (const [name, t] of second.model.stateDict()) {
      assert.deepEqual(Array.from(t.values), Array.from(want.get(name)!.values), `parameter ${name} differs after resume`);
    }
    assert.ok(readdirSync(checkpointDir).includes("checkpoint.json"));
  });

  it("stops early when the validation loss stops improving", async () => {
    const s = setup();
    // a learning rate of 0 never improves on epoch 1
    for (const g of s.optimizer.paramGroups) g.initialLr = g.lr = 0;
    const result = await fit({ ...s, epochs: 10, earlyStopping: { patience: 2 }, ...quiet });
    assert.equal(result.stoppedBy, "earlyStopping");
    assert.equal(result.history.length, 3);
  });
});
