import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  conv, convTranspose, enableGrad, fold, Generator, gradcheck, mul, nn, pad, randn, ShapeError, sum, tensor, unfold, type Tensor,
} from "../../src/index.js";
import { grad } from "../../src/autograd/index.js";
import { kernels } from "../../src/backend/index.js";
import type { ConvGeometry } from "../../src/backend/kernels.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadConvFixture, type EncodedTensor } from "../nn/conv-fixture.js";

const f64 = { dtype: "float64" } as const;
const seeded = (seed: number) => ({ ...f64, generator: new Generator(seed) });

/**
 * Cross-correlation by the definition, one output element at a time: the oracle the im2col + GEMM
 * kernels are checked against. Sizes per spatial dimension; padding is before (after only changes outSize).
 */
function naiveConv(x: Tensor, w: Tensor, g: ConvGeometry): number[] {
  const [batch, channels] = x.shape;
  const outChannels = w.shape[0];
  const cg = channels / g.groups;
  const og = outChannels / g.groups;
  const dims = g.kernel.length;
  const count = (sizes: readonly number[]) => sizes.reduce((n, s) => n * s, 1);
  const unravel = (flat: number, sizes: readonly number[]) => {
    const idx = new Array<number>(sizes.length);
    for (let d = sizes.length - 1; d >= 0; d--) {
      idx[d] = flat % sizes[d];
      flat = Math.floor(flat / sizes[d]);
    }
    return idx;
  };
  const ravel = (idx: readonly number[], sizes: readonly number[]) => idx.reduce((n, i, d) => n * sizes[d] + i, 0);
  const out: number[] = [];
  for (let n = 0; n < batch; n++) {
    for (let o = 0; o < outChannels; o++) {
      const group = Math.floor(o / og);
      for (let p = 0; p < count(g.outSize); p++) {
        const at = unravel(p, g.outSize);
        let s = 0;
        for (let c = 0; c < cg; c++) {
          for (let t = 0; t < count(g.kernel); t++) {
            const tap = unravel(t, g.kernel);
            const src = at.map((a, d) => a * g.stride[d] - g.padding[d] + tap[d] * g.dilation[d]);
            if (src.some((v, d) => v < 0 || v >= g.inSize[d])) continue;
            const xi = (n * channels + group * cg + c) * count(g.inSize) + ravel(src, g.inSize);
            const wi = (o * cg + c) * count(g.kernel) + t;
            s += x.values[xi] * w.values[wi];
          }
        }
        out.push(s);
      }
    }
  }
  assert.equal(dims, g.outSize.length);
  return out;
}

const dot = (a: Tensor, b: Tensor) => Array.from(a.values).reduce((s, v, i) => s + v * b.values[i], 0);

/** Geometries covering 1–3 dims, strides, padding (including one-sided), dilation, groups and 1×1. */
const geometries: { x: number[]; w: number[]; g: Omit<ConvGeometry, "inSize" | "outSize">; outSize: number[] }[] = [
  { x: [2, 3, 9], w: [4, 3, 3], g: { kernel: [3], stride: [2], padding: [1], dilation: [2], groups: 1 }, outSize: [4] },
  { x: [2, 4, 7, 6], w: [6, 2, 3, 2], g: { kernel: [3, 2], stride: [2, 1], padding: [1, 0], dilation: [1, 2], groups: 2 }, outSize: [4, 4] },
  { x: [1, 2, 6, 5], w: [3, 2, 4, 4], g: { kernel: [4, 4], stride: [1, 1], padding: [1, 1], dilation: [1, 1], groups: 1 }, outSize: [6, 5] },
  { x: [2, 6, 4, 4], w: [6, 1, 3, 3], g: { kernel: [3, 3], stride: [3, 3], padding: [2, 0], dilation: [1, 1], groups: 6 }, outSize: [2, 1] },
  { x: [2, 4, 3, 5], w: [5, 4, 1, 1], g: { kernel: [1, 1], stride: [1, 1], padding: [0, 0], dilation: [1, 1], groups: 1 }, outSize: [3, 5] },
  { x: [1, 2, 4, 5, 4], w: [3, 2, 2, 3, 2], g: { kernel: [2, 3, 2], stride: [1, 2, 1], padding: [1, 1, 0], dilation: [2, 1, 1], groups: 1 }, outSize: [4, 3, 3] },
];

describe("conv kernels (im2col + GEMM)", () => {
  for (const { x: xs, w: ws, g: partial, outSize } of geometries) {
    const geometry: ConvGeometry = { ...partial, inSize: xs.slice(2), outSize };
    it(`match the definition for input ${JSON.stringify(xs)}, weight ${JSON.stringify(ws)}, stride ${partial.stride}, padding ${partial.padding}, dilation ${partial.dilation}, groups ${partial.groups}`, () => {
      const x = randn(xs, seeded(1));
      const w = randn(ws, seeded(2));
      const bias = randn([ws[0]], seeded(3));
      const y = kernels().conv(x, w, bias, geometry);
      assert.deepEqual(y.shape, [xs[0], ws[0], ...outSize]);
      const perChannel = outSize.reduce((n, s) => n * s, 1);
      const expected = naiveConv(x, w, geometry).map((v, i) => v + bias.values[Math.floor(i / perChannel) % ws[0]]);
      assertClose(y.values, expected, { rtol: 1e-12, atol: 1e-12 });

      // the two gradient kernels are conv's adjoints: ⟨conv(x, w), g⟩ = ⟨x, gradInput(g, w)⟩ = ⟨w, gradWeight(x, g)⟩
      const g = randn(y.shape, seeded(4));
      const forward = dot(tensor(Float64Array.from(naiveConv(x, w, geometry))), g);
      const gx = kernels().convGradInput(g, w, geometry);
      const gw = kernels().convGradWeight(x, g, geometry);
      assert.deepEqual(gx.shape, xs);
      assert.deepEqual(gw.shape, ws);
      assertClose(dot(x, gx as Tensor), forward, { rtol: 1e-12, atol: 1e-10 });
      assertClose(dot(w, gw as Tensor), forward, { rtol: 1e-12, atol: 1e-10 });
    });
  }
});

describe("conv", () => {
  it("reproduces the lecture's worked example: 5×5 image ⋆ 3×3 kernel = [[4,3,4],[2,4,3],[2,3,4]]", () => {
    const image = tensor([[[[1, 1, 1, 0, 0], [0, 1, 1, 1, 0], [0, 0, 1, 1, 1], [0, 0, 1, 1, 0], [0, 1, 1, 0, 0]]]]);
    const kernel = tensor([[[[1, 0, 1], [0, 1, 0], [1, 0, 1]]]]);
    const y = conv(image, kernel);
    assert.deepEqual(y.toArray(), [[[[4, 3, 4], [2, 4, 3], [2, 3, 4]]]]);
  });

  it("floors a window that does not tile the input (7×7, 3×3, stride 3 → 2×2), as PyTorch", () => {
    assertShape(conv(randn([1, 1, 7, 7]), randn([1, 1, 3, 3]), null, { stride: 3 }), [1, 1, 2, 2]);
  });

  it("pads 'same' with the odd zero after, keeping the size for even kernels", () => {
    const x = randn([1, 1, 5, 6], f64);
    const w = randn([1, 1, 4, 2], f64);
    const same = conv(x, w, null, { padding: "same" });
    assertShape(same, [1, 1, 5, 6]);
    // total padding 3 rows (1 before, 2 after) and 1 column (0 before, 1 after)
    assertClose(same, conv(pad(x, [0, 1, 1, 2]), w), { rtol: 1e-12, atol: 1e-12 });
    assertClose(conv(x, w, null, { padding: "valid" }), conv(x, w), { rtol: 0, atol: 0 });
  });

  it("takes an unbatched input, and an int32 one (computed in float32)", () => {
    const x = randn([2, 5, 5]);
    const w = randn([3, 2, 3, 3]);
    const batched = conv(x.reshape([1, 2, 5, 5]), w);
    assertClose(conv(x, w), batched.reshape([3, 3, 3]));
    const ints = conv(tensor([[[1, 2, 3, 4]]], { dtype: "int32" }), tensor([[[1, -1]]], { dtype: "int32" }));
    assert.equal(ints.dtype, "float32");
    assert.deepEqual(ints.toArray(), [[[-1, -1, -1]]]);
  });

  const cases: [string, number[], number[], Parameters<typeof conv>[3]][] = [
    ["conv1d, stride 2, padding 1, dilation 2", [2, 2, 9], [3, 2, 3], { stride: 2, padding: 1, dilation: 2 }],
    ["conv2d, groups 2, per-dimension stride/padding/dilation", [2, 4, 6, 5], [4, 2, 3, 2], { stride: [2, 1], padding: [1, 2], dilation: [1, 2], groups: 2 }],
    ["conv2d, 'same' with an even kernel", [1, 2, 5, 4], [2, 2, 4, 3], { padding: "same" }],
    ["conv2d, depthwise (groups = channels), stride 3", [1, 3, 7, 7], [3, 1, 3, 3], { stride: 3, groups: 3 }],
    ["conv2d, 1×1", [2, 4, 3, 3], [6, 2, 1, 1], { groups: 2 }],
    ["conv3d, stride and padding", [1, 2, 4, 4, 3], [2, 2, 2, 3, 2], { stride: [1, 2, 1], padding: 1 }],
    ["conv3d, dilation and groups", [1, 2, 5, 4, 4], [2, 1, 2, 2, 2], { dilation: [2, 1, 2], groups: 2 }],
  ];
  for (const [name, xs, ws, options] of cases) {
    it(`passes gradcheck through input, weight and bias: ${name}`, () => {
      const fn = (x: Tensor, w: Tensor, b: Tensor) => conv(x, w, b, options);
      assert.equal(gradcheck(fn, [randn(xs, f64), randn(ws, f64), randn([ws[0]], f64)]), true);
    });
  }

  it("has gradients of gradients (its gradient ops record their own backward)", () => {
    const v = randn([1, 3, 3, 3], seeded(5));
    const gradNorm = (x: Tensor, w: Tensor) =>
      enableGrad(() => {
        const y = conv(x, w, null, { stride: 2, padding: 1 });
        const [gx, gw] = grad(sum(mul(y, v)), [x, w], { createGraph: true });
        return sum(mul(gx, gx)).add(sum(mul(gw, gw)));
      });
    assert.equal(gradcheck(gradNorm, [randn([1, 2, 5, 5], f64), randn([3, 2, 3, 3], f64)]), true);
  });

  it("names the op, the shapes and the rule when the arguments do not fit", () => {
    assert.throws(() => conv(randn([2, 3, 8, 8]), randn([6, 1, 3, 3])), /conv2d: input of shape \[2, 3, 8, 8\] has 3 channels, but weight of shape \[6, 1, 3, 3\] with groups = 1 expects 1/);
    assert.throws(() => conv(randn([1, 1, 4, 4]), randn([1, 1, 5, 5])), /conv2d: the input's spatial size \[4, 4\] \(padded: \[4, 4\]\) is smaller than the kernel's extent \[5, 5\]/);
    assert.throws(() => conv(randn([1, 2, 8]), randn([3, 2, 3]), null, { padding: "same", stride: 2 }), /conv1d: padding "same" needs stride 1/);
    assert.throws(() => conv(randn([1, 4, 8]), randn([3, 2, 3]), null, { groups: 2 }), /conv1d: the weight's 3 output channels .* do not split into 2 groups/);
    assert.throws(() => conv(randn([1, 2, 8]), randn([3, 2, 3]), randn([2])), /conv1d: bias must have shape \[3\]/);
    assert.throws(() => conv(randn([2, 8]), randn([3, 2, 3, 3])), ShapeError);
    assert.throws(() => conv(randn([1, 2, 8]), randn([3, 2])), /conv: weight must be \[outChannels, inChannels\/groups, …kernel\] with 1 to 3 kernel dimensions/);
    assert.throws(() => conv(randn([1, 2, 8]), randn([3, 2, 3]), null, { stride: 0 }), /conv1d: stride must be an integer ≥ 1/);
  });
});

describe("convTranspose", () => {
  const cases: [string, number[], number[], Parameters<typeof convTranspose>[3]][] = [
    ["1-D, stride 2, padding 1, outputPadding 1", [2, 3, 4], [3, 2, 3], { stride: 2, padding: 1, outputPadding: 1 }],
    ["2-D, stride 2, groups 2", [1, 4, 3, 3], [4, 1, 3, 3], { stride: 2, padding: 1, outputPadding: 1, groups: 2 }],
    ["2-D, dilation 3 with outputPadding 2 ≥ stride", [1, 2, 3, 3], [2, 3, 2, 2], { stride: 2, outputPadding: 2, dilation: 3 }],
    ["3-D, per-dimension stride", [1, 2, 2, 3, 2], [2, 2, 2, 2, 2], { stride: [2, 1, 2], padding: [0, 1, 0] }],
  ];
  for (const [name, xs, ws, options] of cases) {
    it(`passes gradcheck through input, weight and bias: ${name}`, () => {
      const fn = (x: Tensor, w: Tensor, b: Tensor) => convTranspose(x, w, b, options);
      assert.equal(gradcheck(fn, [randn(xs, f64), randn(ws, f64), randn([ws[1] * (options?.groups ?? 1)], f64)]), true);
    });
  }

  it("is the adjoint of conv: ⟨conv(x, w), y⟩ = ⟨x, convTranspose(y, w)⟩", () => {
    const x = randn([2, 3, 7, 6], f64);
    const w = randn([4, 3, 3, 3], f64);
    const options = { stride: 2, padding: 1 };
    const y = randn([2, 4, 4, 3], f64);
    const back = convTranspose(y, w, null, { ...options, outputPadding: [0, 1] });
    assertShape(back, [2, 3, 7, 6]);
    assertClose(dot(conv(x, w, null, options), y), dot(x, back), { rtol: 1e-12 });
  });

  it("refuses an outputPadding that is not smaller than the stride or the dilation", () => {
    assert.throws(() => convTranspose(randn([1, 2, 3, 3]), randn([2, 2, 3, 3]), null, { stride: 2, outputPadding: 2 }), /convTranspose2d: outputPadding \[2, 2\] must be smaller than the stride \[2, 2\] or the dilation \[1, 1\]/);
    assert.throws(() => convTranspose(randn([1, 3, 3, 3]), randn([2, 2, 3, 3])), /convTranspose2d: input of shape \[1, 3, 3, 3\] has 3 channels; weight of shape \[2, 2, 3, 3\]/);
  });
});

interface UnfoldCase {
  kernelSize: number[];
  outputSize: number[];
  options: { stride: number[]; padding: number; dilation: number[] };
  input: EncodedTensor;
  columns: EncodedTensor;
  gradOutput: EncodedTensor;
  gradInput: EncodedTensor;
  folded: EncodedTensor;
}

interface PadCase {
  pads: number[];
  value: number;
  input: EncodedTensor;
  output: EncodedTensor;
  gradOutput: EncodedTensor;
  gradInput: EncodedTensor;
}

describe("unfold and fold", () => {
  const c = loadConvFixture<UnfoldCase>("unfold.json");

  it("match PyTorch's F.unfold (columns and input gradient) and F.fold", () => {
    const x = decode(c.input).requiresGrad_();
    const cols = unfold(x, c.kernelSize, c.options);
    assertClose(cols, decode(c.columns));
    cols.backward(decode(c.gradOutput));
    assertClose(x.grad!, decode(c.gradInput));
    assertClose(fold(decode(c.gradOutput), c.outputSize, c.kernelSize, c.options), decode(c.folded));
  });

  it("pass gradcheck", () => {
    assert.equal(gradcheck((x) => unfold(x, [2, 3], { stride: 2, padding: 1 }), [randn([2, 2, 5, 6], f64)]), true);
    assert.equal(gradcheck((cols) => fold(cols, [5, 6], [2, 3], { stride: 2, padding: 1 }), [randn([2, 12, 9], f64)]), true);
  });

  it("say which column shape fold needs", () => {
    assert.throws(() => fold(randn([1, 12, 10]), [5, 6], [2, 3], { stride: 2, padding: 1 }), /fold: columns of shape \[1, 12, 10\] do not fit: a \[2, 3\] kernel over \[5, 6\] needs \[N, C·6, 9\]/);
  });
});

describe("pad", () => {
  it("matches PyTorch's F.pad with a value and a negative (cropping) amount", () => {
    const c = loadConvFixture<PadCase>("pad.json");
    const x = decode(c.input).requiresGrad_();
    const y = pad(x, c.pads, c.value);
    assertClose(y, decode(c.output));
    y.backward(decode(c.gradOutput));
    assertClose(x.grad!, decode(c.gradInput));
  });

  it("passes gradcheck and explains bad pads", () => {
    assert.equal(gradcheck((x) => pad(x, [2, -1, 1, 1], 0.25), [randn([2, 3, 4], f64)]), true);
    assert.throws(() => pad(randn([2, 3]), [1, 1, 1]), /pad: pads must be integer \(before, after\) pairs for at most the 2 dimensions of shape \[2, 3\], got \[1, 1, 1\]/);
    assert.throws(() => pad(randn([2, 3]), [-2, -2]), /pad: cropping by \[-2, -2\] leaves nothing of shape \[2, 3\]/);
  });
});

describe("nn.functional convolutions", () => {
  it("check the weight's rank for the named dimension", () => {
    assert.throws(() => nn.functional.conv2d(randn([1, 2, 5]), randn([3, 2, 3])), /conv2d: weight must be 4-D \[outChannels, inChannels\/groups, …kernel\], got shape \[3, 2, 3\]/);
    assert.throws(() => nn.functional.convTranspose2d(randn([1, 2, 5]), randn([2, 3, 3])), /convTranspose2d: weight must be 4-D \[inChannels, outChannels\/groups, …kernel\]/);
    assertShape(nn.functional.conv3d(randn([1, 1, 3, 3, 3]), randn([2, 1, 2, 2, 2])), [1, 2, 2, 2, 2]);
  });
});
