import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { manualSeed, nn, optim } from "../../src/index.js";
import { DataLoader, mnist, selectClasses, TensorDataset } from "../../src/data/index.js";
import { lenet5 } from "../../src/models/index.js";
import { evaluate } from "../../src/train/index.js";

function train(net: nn.Sequential, opt: optim.Optimizer, data: TensorDataset, epochs: number): void {
  const loader = new DataLoader(data, { batchSize: 32, shuffle: true, seed: 3 });
  for (let e = 0; e < epochs; e++) {
    for (const { x, y } of loader) {
      const loss = nn.functional.crossEntropy(net.forward(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
  }
}

describe("transfer learning with LeNet-5 (a small version of examples/transfer-learning.ts)", () => {
  let trainSet: TensorDataset;
  let testSet: TensorDataset;
  before(async () => {
    trainSet = await mnist("train", { normalize: true, limit: 4000 });
    testSet = await mnist("test", { normalize: true, limit: 1000 });
  });

  it("freezes the features, swaps the head, fine-tunes at per-layer rates, and learns the new task", () => {
    manualSeed(0);
    const source = lenet5({ numClasses: 5 });
    train(source, new optim.SGD(source.parameters(), { lr: 0.05, momentum: 0.9 }), selectClasses(trainSet, [0, 1, 2, 3, 4], { limit: 1500 }), 1);

    const head = new nn.Linear(84, 5);
    const transferred = new nn.Sequential(...[...source].slice(0, -1), head);
    const before = new Map([...transferred.stateDict()]);
    // conv1 (0.) and conv2 (3.) frozen, fc1 (7.) and fc2 (9.) at a tenth of the rate, the new head at the full rate
    const groups = optim.lrMultipliers(transferred.namedParameters(), 0.05, { "0.": 0, "3.": 0, "7.": 0.1, "9.": 0.1 });
    assert.deepEqual(groups.map((g) => g.lr), [0.05 * 0.1, 0.05]);
    train(transferred, new optim.SGD(groups, { lr: 0.05, momentum: 0.9 }), selectClasses(trainSet, [5, 6, 7, 8, 9], { limit: 100 }), 8);

    const after = transferred.stateDict();
    const moved = (key: string) => after.get(key)!.values.some((v, i) => v !== before.get(key)!.values[i]);
    for (const key of ["0.weight", "0.bias", "3.weight", "3.bias"]) assert.equal(moved(key), false, `${key} is frozen but changed`);
    for (const key of ["7.weight", "9.weight", "11.weight"]) assert.equal(moved(key), true, `${key} did not train`);
    assert.ok(source.at(0) === transferred.at(0), "the feature layers are the source network's own");

    const accuracy = evaluate(transferred, new DataLoader(selectClasses(testSet, [5, 6, 7, 8, 9], { limit: 500 }), { batchSize: 500 })).accuracy;
    assert.ok(accuracy > 0.5, `digits 5–9 from 100 images with transferred features: ${accuracy} (chance is 0.2)`);
  });
});
