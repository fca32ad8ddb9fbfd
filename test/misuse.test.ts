/**
 * Misuses a user will make, each answered by a message that names what was wrong and how to fix it
 * (issue 13's list), and the PyTorch spellings that are not misuses at all.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, it } from "node:test";
import { nn, optim, reshape, tensor, zeros, type Tensor } from "../src/index.js";
import { DataLoader, TensorDataset } from "../src/data/index.js";
import { join } from "node:path";
import { fit, JsonlLog } from "../src/train/index.js";
import { scratchDir, strata } from "./cli/run-strata.js";

const entry = fileURLToPath(new URL("../src/index.js", import.meta.url));

describe("clear messages for misuses", () => {
  it("an optimiser given a module, a single tensor or nothing", () => {
    const layer = new nn.Linear(2, 2);
    assert.throws(() => new optim.SGD(layer as never, { lr: 0.1 }), /SGD: expected the parameters to optimise .*got a module: pass module\.parameters\(\)/);
    assert.throws(() => new optim.Adam(layer.weight as never), /Adam: .*got a single Tensor: wrap it in an array, \[tensor\]/);
    assert.throws(() => new optim.SGD(undefined as never, { lr: 0.1 }), /got undefined/);
  });

  it("reshape, view and permute take PyTorch's two spellings, and name a bad shape", () => {
    const x = tensor([[1, 2, 3], [4, 5, 6]]);
    assert.deepEqual(x.reshape(3, 2).toArray(), [[1, 2], [3, 4], [5, 6]]);
    assert.deepEqual(x.reshape([3, 2]).toArray(), x.reshape(3, 2).toArray());
    assert.deepEqual(x.view(-1).shape, [6]);
    assert.deepEqual(x.permute(1, 0).toArray(), [[1, 4], [2, 5], [3, 6]]);
    assert.deepEqual(x.permute([1, 0]).toArray(), x.permute(1, 0).toArray());
    assert.throws(() => reshape(x, 6 as never), /reshape: shape must be an array of whole numbers \(e\.g\. \[3, 2\]\), got 6/);
    assert.throws(() => x.reshape(1.5, 4), /reshape: shape\[0\] must be a whole number ≥ -1, got 1\.5/);
    assert.throws(() => x.permute(0, 0), /permute: \[0, 0\] is not a permutation of the 2 axes/);
  });

  it("a recurrent layer over an empty sequence", () => {
    assert.throws(() => new nn.LSTM(3, 4).forward(zeros([0, 2, 3])), /LSTM: the input sequence is empty \(shape \[0, 2, 3\], seq length 0\); a recurrent layer needs at least one step/);
    assert.throws(() => new nn.GRU(3, 4, { batchFirst: true }).forward(zeros([2, 0, 3])), /GRU: the input sequence is empty .*batch-first seq length 0/);
  });

  it("fit() over an empty training or validation loader", async () => {
    const model = new nn.Linear(2, 2);
    const empty = new DataLoader(new TensorDataset(zeros([0, 2]), tensor(new Int32Array(0), [0])), { batchSize: 4 });
    const some = new DataLoader(new TensorDataset(zeros([4, 2]), tensor(new Int32Array(4), [4])), { batchSize: 4 });
    const base = { model, optimizer: new optim.SGD(model.parameters(), { lr: 0.1 }), loss: (o: Tensor, y: Tensor) => nn.functional.crossEntropy(o, y), epochs: 1, progress: false, print: () => {} };
    await assert.rejects(fit({ ...base, train: empty }), /fit: the training loader gave no batches in epoch 1/);
    await assert.rejects(fit({ ...base, train: some, validation: empty }), /fit: the validation loader gave no batches; leave `validation` out/);
  });

  it("a misspelt or misplaced flag: one line, exit 2, and commander's suggestion kept", () => {
    const misspelt = strata("train", "mlp", "--epohcs", "3");
    assert.equal(misspelt.code, 2);
    assert.equal(misspelt.stderr.trim(), "strata: unknown option '--epohcs' (Did you mean --epochs?) (see strata --help)");
    const misplaced = strata("--epochs", "3", "train", "mlp");
    assert.equal(misplaced.code, 2);
    assert.equal(misplaced.stderr.trim().split("\n").length, 1);
  });

  it("--val-size 0 trains without validation instead of logging a NaN loss each epoch", () => {
    const out = join(scratchDir("strata-val0-"), "run");
    const r = strata("train", "mlp", "--val-size", "0", "--epochs", "1", "--limit", "128", "--out", out);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /128 training \/ 0 validation/);
    assert.doesNotMatch(r.stdout, /NaN|val loss/);
    const [line] = JsonlLog.read(join(out, "log.jsonl"));
    assert.equal(line.valLoss, undefined);
  });

  it("worker threads start under `node --input-type=module -e`, whose flag a worker refuses", () => {
    const script = `const s = await import(${JSON.stringify(entry)}); await new Promise((r) => setTimeout(r, 400)); console.log(s.backendInfo().threadsRunning);`;
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", env: { ...process.env, STRATA_THREADS: "2" } });
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
    assert.equal(r.stdout.trim(), "2");
  });
});
