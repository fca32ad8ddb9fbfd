import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { erf } from "../../src/ops/index.js";
import { gradcheck, tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

describe("erf", () => {
  it("matches Python's math.erf across the series, the continued fraction and the saturated range", () => {
    const x = tensor([0, 0.5, -1.3, 2.9, 3.1, -4.5, 5.9, 7, -30, NaN], { dtype: "float64" });
    const expected = [0, 0.5204998778130465, -0.9340079449406524, 0.9999589021219005, 0.9999883513426328, -0.9999999998033839, 0.9999999999999999, 1, -1, NaN];
    assertClose(erf(x), expected, { rtol: 1e-15, atol: 1e-16 });
  });

  it("has gradient 2/√π·e^(−x²) (gradcheck in float64)", () => {
    assert.equal(gradcheck(erf, [tensor([-3.5, -1.2, -0.1, 0.4, 1.7, 3.2], { dtype: "float64" })]), true);
  });
});
