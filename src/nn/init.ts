/**
 * nn.init: fill a tensor's values in place (PyTorch's torch.nn.init, names in camelCase). Random
 * fills draw from the seeded default generator unless one is passed. Each returns its tensor.
 */
import { defaultGenerator, fmtShape, ShapeError, type Generator, type Tensor } from "../tensor/index.js";

/** Activation functions calculateGain knows; the conv/linear entries all have gain 1. */
export type Nonlinearity =
  | "linear" | "conv1d" | "conv2d" | "conv3d" | "convTranspose1d" | "convTranspose2d" | "convTranspose3d"
  | "sigmoid" | "tanh" | "relu" | "leakyRelu" | "selu";

/** Which fan the Kaiming initialisers keep the variance of: forward activations (fanIn) or backward gradients (fanOut). */
export type FanMode = "fanIn" | "fanOut";

export interface KaimingOptions {
  /** Negative slope of the leaky ReLU that follows (only used with nonlinearity "leakyRelu"). Default 0. */
  a?: number;
  mode?: FanMode;
  /** Default "leakyRelu", as PyTorch (with a = 0 that is ReLU's gain √2). */
  nonlinearity?: Nonlinearity;
  generator?: Generator;
}

function fill(op: string, t: Tensor, draw: () => number): Tensor {
  if (t.dtype === "int32") throw new TypeError(`${op}: needs a float tensor, got int32 of shape ${fmtShape(t.shape)}`);
  const values = t.values;
  for (let i = 0; i < values.length; i++) values[i] = draw();
  return t;
}

/** Uniform in [a, b). */
export function uniform_(t: Tensor, a = 0, b = 1, generator: Generator = defaultGenerator): Tensor {
  if (!(b >= a)) throw new RangeError(`uniform_: the lower bound a (${a}) exceeds the upper bound b (${b})`);
  return fill("uniform_", t, () => a + (b - a) * generator.uniform());
}

/** Normal with the given mean and standard deviation. */
export function normal_(t: Tensor, mean = 0, std = 1, generator: Generator = defaultGenerator): Tensor {
  if (!(std >= 0)) throw new RangeError(`normal_: std must be non-negative, got ${std}`);
  return fill("normal_", t, () => mean + std * generator.normal());
}

export function constant_(t: Tensor, value: number): Tensor {
  t.values.fill(value);
  return t;
}

export function zeros_(t: Tensor): Tensor {
  return constant_(t, 0);
}

export function ones_(t: Tensor): Tensor {
  return constant_(t, 1);
}

/**
 * The recommended gain for a nonlinearity (torch.nn.init.calculate_gain): 5/3 for tanh, √2 for
 * relu, √(2 / (1 + slope²)) for leakyRelu (param: the slope, default 0.01), 3/4 for selu, else 1.
 */
export function calculateGain(nonlinearity: Nonlinearity, param?: number): number {
  switch (nonlinearity) {
    case "tanh":
      return 5 / 3;
    case "relu":
      return Math.SQRT2;
    case "leakyRelu": {
      const slope = param ?? 0.01;
      return Math.sqrt(2 / (1 + slope * slope));
    }
    case "selu":
      return 3 / 4;
    case "linear": case "conv1d": case "conv2d": case "conv3d": case "sigmoid":
    case "convTranspose1d": case "convTranspose2d": case "convTranspose3d":
      return 1;
    default:
      throw new TypeError(`calculateGain: unknown nonlinearity ${JSON.stringify(nonlinearity)}`);
  }
}

/**
 * Fan-in and fan-out of a weight laid out as PyTorch's ([out, in] or [out, in, k1, k2, …]): each
 * counts the input or output channels times the receptive field size.
 */
export function fanInOut(t: Tensor): { fanIn: number; fanOut: number } {
  if (t.ndim < 2) {
    throw new ShapeError(`fanInOut: fan in and fan out need a weight of at least 2 dimensions [out, in, …], got shape ${fmtShape(t.shape)}`);
  }
  const receptiveField = t.shape.slice(2).reduce((n, d) => n * d, 1);
  return { fanIn: t.shape[1] * receptiveField, fanOut: t.shape[0] * receptiveField };
}

/** Glorot & Bengio (2010): uniform in ±gain·√(6 / (fanIn + fanOut)). */
export function xavierUniform_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  const { fanIn, fanOut } = fanInOut(t);
  const bound = gain * Math.sqrt(6 / (fanIn + fanOut));
  return uniform_(t, -bound, bound, generator);
}

/** Glorot & Bengio (2010): normal with std gain·√(2 / (fanIn + fanOut)). */
export function xavierNormal_(t: Tensor, gain = 1, generator: Generator = defaultGenerator): Tensor {
  const { fanIn, fanOut } = fanInOut(t);
  return normal_(t, 0, gain * Math.sqrt(2 / (fanIn + fanOut)), generator);
}

/** He et al. (2015): the std that keeps activations' (or gradients') variance through the layer. */
function kaimingStd(op: string, t: Tensor, { a = 0, mode = "fanIn", nonlinearity = "leakyRelu" }: KaimingOptions): number {
  if (mode !== "fanIn" && mode !== "fanOut") throw new TypeError(`${op}: mode must be "fanIn" or "fanOut", got ${JSON.stringify(mode)}`);
  const fan = fanInOut(t)[mode];
  if (fan === 0) throw new ShapeError(`${op}: cannot initialise a weight with ${mode} 0 (shape ${fmtShape(t.shape)})`);
  return calculateGain(nonlinearity, a) / Math.sqrt(fan);
}

/** He/Kaiming uniform: U(±√3·std) with std = gain / √fan. */
export function kaimingUniform_(t: Tensor, options: KaimingOptions = {}): Tensor {
  const bound = Math.sqrt(3) * kaimingStd("kaimingUniform_", t, options);
  return uniform_(t, -bound, bound, options.generator);
}

/** He/Kaiming normal: N(0, std²) with std = gain / √fan. */
export function kaimingNormal_(t: Tensor, options: KaimingOptions = {}): Tensor {
  return normal_(t, 0, kaimingStd("kaimingNormal_", t, options), options.generator);
}

/**
 * PyTorch's default for Linear (and later Conv): weight Kaiming-uniform with a = √5, which is
 * U(±1/√fanIn), and bias U(±1/√fanIn).
 */
export function linearDefault_(weight: Tensor, bias: Tensor | null, generator: Generator = defaultGenerator): void {
  kaimingUniform_(weight, { a: Math.sqrt(5), generator });
  const { fanIn } = fanInOut(weight);
  if (bias && fanIn > 0) uniform_(bias, -1 / Math.sqrt(fanIn), 1 / Math.sqrt(fanIn), generator);
}
