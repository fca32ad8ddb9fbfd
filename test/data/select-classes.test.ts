import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { tensor } from "../../src/index.js";
import { selectClasses, TensorDataset } from "../../src/data/index.js";

describe("selectClasses", () => {
  const data = new TensorDataset(tensor([[0], [1], [2], [3], [4], [5]]), tensor([7, 3, 7, 9, 3, 1], { dtype: "int32" }));

  it("keeps the samples of the named classes, in order, relabelled by position in the list", () => {
    const picked = selectClasses(data, [3, 7]);
    assert.deepEqual(Array.from(picked.x.values), [0, 1, 2, 4]);
    assert.deepEqual(Array.from(picked.y.values), [1, 0, 1, 0]);
  });

  it("stops at the limit", () => {
    assert.deepEqual(Array.from(selectClasses(data, [3, 7], { limit: 2 }).x.values), [0, 1]);
  });

  it("rejects float labels and repeated classes", () => {
    assert.throws(() => selectClasses(new TensorDataset(tensor([[0]]), tensor([1])), [1]), /labels must be a 1-D int32 tensor, got float32/);
    assert.throws(() => selectClasses(data, [3, 3]), /repeat a class/);
  });
});
