import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { arange, tensor } from "../../src/index.js";
import { fromStored, readFixture, type StoredTensor } from "../ops/fixture.js";

interface PrintCase {
  name: string;
  tensor: StoredTensor;
  text: string;
}

describe("toString", () => {
  it("prints a small matrix exactly (worked example)", () => {
    assert.equal(tensor([[1.5, -2.25], [3, 4]]).toString(), "tensor([[ 1.5000, -2.2500],\n        [ 3.0000,  4.0000]])");
    assert.equal(tensor([1, 2, 3]).toString(), "tensor([1., 2., 3.])");
    assert.equal(tensor([7, -12], { dtype: "int32" }).toString(), "tensor([  7, -12], dtype=int32)");
  });

  it("notes gradients", () => {
    const x = tensor([1, 2], { requiresGrad: true });
    assert.equal(x.toString(), "tensor([1., 2.], requiresGrad=true)");
    assert.equal(x.mul(2).toString(), "tensor([2., 4.], gradFn=<mul>)");
  });

  it("elides the middle of a big tensor", () => {
    const text = arange(5000).toString();
    assert.equal(text, "tensor([   0,    1,    2,  ..., 4997, 4998, 4999], dtype=int32)");
  });

  it("prints a million elements without trouble", () => {
    assert.match(arange(1_000_000).reshape([1000, 1000]).float().toString(), /^tensor\(\[\[0\.0000e\+00, 1\.0000e\+00, 2\.0000e\+00,  \.\.\., /);
  });

  // the same tensors printed by PyTorch 1.13 (test/fixtures/fixtures_ops.py); Strata names dtypes
  // without the "torch." prefix and gives sizes as arrays
  for (const c of readFixture<PrintCase[]>("print.json")) {
    it(`prints like PyTorch: ${c.name}`, () => {
      const expected = c.text.replace("dtype=torch.", "dtype=").replace(/size=\((.*)\)/, "size=[$1]");
      assert.equal(fromStored(c.tensor).toString(), expected);
    });
  }
});
