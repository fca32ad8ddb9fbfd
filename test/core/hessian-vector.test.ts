import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { hessianVectorProduct, randn, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

/** H·v against Hessians written out by hand. */
describe("hessianVectorProduct", () => {
  it("equals the explicit Hessian times v on a quadratic with a cross term, for two parameters", () => {
    const A = [
      [4, 1, 0],
      [1, 3, -1],
      [0, -1, 2],
    ];
    const a = tensor(Float64Array.from(A.flat()), [3, 3]);
    const w = tensor(Float64Array.from([0.5, -1, 2]), [3], { requiresGrad: true });
    const b = tensor(Float64Array.from([0.3]), [1], { requiresGrad: true });
    // f = ½ wᵀAw + b²·sum(w): ∂²f/∂w² = A, ∂²f/∂w∂b = 2b·1, ∂²f/∂b² = 2·sum(w)
    const f = (): Tensor => a.matmul(w).mul(w).sum().mul(0.5).add(b.square().mul(w.sum()).sum());
    const vw = [1, 2, -1];
    const vb = [0.5];
    const [hw, hb] = hessianVectorProduct(f, [w, b], [tensor(Float64Array.from(vw), [3]), tensor(Float64Array.from(vb), [1])]);
    const cross = 2 * 0.3;
    const expectedW = A.map((row, i) => row.reduce((s, aij, j) => s + aij * vw[j], 0) + cross * vb[0]);
    const expectedB = cross * (vw[0] + vw[1] + vw[2]) + 2 * (0.5 - 1 + 2) * vb[0];
    assertClose(hw, expectedW, { rtol: 1e-12, atol: 1e-12 });
    assertClose(hb, [expectedB], { rtol: 1e-12, atol: 1e-12 });
    assert.equal(w.grad, null, "leaves the parameters' .grad alone");
  });

  it("gives zeros where f is linear, and names a v of the wrong shape or count", () => {
    const w = tensor([1, 2], [2], { requiresGrad: true });
    const c = tensor([3, 4], [2]);
    assertClose(hessianVectorProduct(() => w.mul(c).sum(), [w], [tensor([1, 1], [2])])[0], [0, 0]);
    assert.throws(() => hessianVectorProduct(() => w.sum(), [w], [randn([3])]), /v\[0\] has shape \[3\], but parameter 0 has shape \[2\]/);
    assert.throws(() => hessianVectorProduct(() => w.sum(), [w], []), /got 1 parameters but 0 vectors/);
  });
});
