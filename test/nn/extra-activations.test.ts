import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, nn, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { checkAgainstTorch, loadExtra, title } from "./extra-fixture.js";

const F = nn.functional;

/** The module a fixture case names, built with its options. */
function build(name: string, o: Record<string, never>): nn.Module {
  switch (name) {
    case "GELU": return new nn.GELU(o.approximate);
    case "SiLU": return new nn.SiLU();
    case "SELU": return new nn.SELU();
    case "ReLU6": return new nn.ReLU6();
    case "Hardtanh": return new nn.Hardtanh(o.minVal, o.maxVal);
    case "Hardshrink": return new nn.Hardshrink(o.lambd);
    case "Softsign": return new nn.Softsign();
    case "Tanhshrink": return new nn.Tanhshrink();
    case "LogSigmoid": return new nn.LogSigmoid();
    default: throw new Error(`no such activation in the fixture: ${name}`);
  }
}

describe("more activations match PyTorch (outputs and input gradients, kinks and ±50 included)", () => {
  for (const c of loadExtra("activations.json")) {
    it(title(c), () => {
      const module = build(c.name, c.options as Record<string, never>);
      checkAgainstTorch(c, (x) => module.forward(x));
    });
  }
});

describe("more activations pass gradcheck (float64, away from the kinks)", () => {
  const x = tensor([[-2.1, -0.7, -0.3, 0.2, 0.6, 1.9], [3.1, -4.2, 0.9, -1.3, 7.5, -0.05]], { dtype: "float64" });
  const cases: [string, (x: Tensor) => Tensor][] = [
    ["gelu", (t) => F.gelu(t)],
    ["gelu tanh", (t) => F.gelu(t, "tanh")],
    ["silu", F.silu],
    ["selu", F.selu],
    ["hardtanh", (t) => F.hardtanh(t, -2, 3)],
    ["softsign", F.softsign],
    ["tanhshrink", F.tanhshrink],
    ["logSigmoid", F.logSigmoid],
  ];
  for (const [name, fn] of cases) it(name, () => assert.equal(gradcheck(fn, [x]), true));
});

describe("more activations' behaviour", () => {
  it("gelu's exact form uses erf: Φ(1)·1 and −Φ(−2)·2 to double precision", () => {
    // Φ(1) = 0.8413447460685429, Φ(−2) = 0.022750131948179195 (Python's math.erf)
    assertClose(F.gelu(tensor([1, -2], { dtype: "float64" })), [0.8413447460685429, -0.04550026389635839], { rtol: 1e-14, atol: 0 });
  });

  it("logSigmoid stays finite and exact at ±50 and beyond", () => {
    const y = F.logSigmoid(tensor([50, -50, 1000, -1000], { dtype: "float64" }));
    assertClose(y, [-Math.exp(-50), -50, 0, -1000], { rtol: 1e-12, atol: 0 });
  });

  it("refuses bad settings, naming them", () => {
    assert.throws(() => new nn.GELU("erf" as never), /GELU: approximate must be "none" or "tanh", got "erf"/);
    assert.throws(() => new nn.Hardtanh(1, -1), /Hardtanh: minVal \(1\) must not exceed maxVal \(-1\)/);
    assert.throws(() => new nn.Hardshrink(-0.5), /Hardshrink: lambd must be non-negative, got -0.5/);
  });

  it("modules print their settings as PyTorch does", () => {
    assert.equal(new nn.GELU("tanh").toString(), "GELU(approximate='tanh')");
    assert.equal(new nn.Hardtanh(-2, 0.5).toString(), "Hardtanh(min_val=-2.0, max_val=0.5)");
    assert.equal(new nn.Hardshrink().toString(), "Hardshrink(0.5)");
    assert.equal(new nn.Sequential(new nn.SiLU(), new nn.LogSigmoid()).toString(), "Sequential(\n  (0): SiLU()\n  (1): LogSigmoid()\n)");
  });
});
