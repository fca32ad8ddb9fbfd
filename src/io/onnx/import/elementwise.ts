/** Importers of ONNX's elementwise ops: activations, arithmetic (also on shapes), Identity, Dropout, Softmax. */
import { functional } from "../../../nn/index.js";
import { abs, add, clamp, div, exp, gt, log, logSoftmax, mul, neg, pow, relu, reshape, sigmoid, softmax, softplus, sqrt, sub, tanh, where } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { Importer, ImportNode } from "./importer.js";
import { intBinary } from "./int-math.js";
import { asFloatTensor, IntValue, type OnnxValue } from "./values.js";

/** The first input as a float tensor. */
const first = (inputs: readonly (OnnxValue | undefined)[]): Tensor => asFloatTensor(inputs[0]!);

const unary = (f: (x: Tensor) => Tensor): Importer => () => (inputs) => [f(first(inputs))];

/** A binary op on tensors, and on integers (shape arithmetic) in JavaScript. */
function binary(f: (a: Tensor, b: Tensor) => Tensor, onInts: (x: number, y: number) => number): Importer {
  return (node) => ([a, b]) => {
    if (a instanceof IntValue && b instanceof IntValue) {
      const out = intBinary(a, b, onInts);
      if (!out) throw node.error(`the integer inputs of dims [${a.dims.join(", ")}] and [${b.dims.join(", ")}] do not broadcast`);
      return [out];
    }
    return [f(asFloatTensor(a!), asFloatTensor(b!))];
  };
}

const leakyRelu: Importer = (node) => {
  const alpha = node.attributes.float("alpha", 0.01);
  return (inputs) => [functional.leakyRelu(first(inputs), alpha)];
};

const elu: Importer = (node) => {
  const alpha = node.attributes.float("alpha", 1);
  return (inputs) => [functional.elu(first(inputs), alpha)];
};

/** PRelu: x where positive, slope·x elsewhere, the slope broadcast ([C, 1, 1] per channel, as exports write it). */
const prelu: Importer = () => ([x, slope]) => {
  const t = first([x]);
  return [where(gt(t, 0), t, mul(t, asFloatTensor(slope!)))];
};

/** Clip to [min, max]: bounds from the optional inputs (opset ≥ 11) or the attributes (before). */
const clip: Importer = (node) => {
  const low = node.attributes.float("min", -Infinity);
  const high = node.attributes.float("max", Infinity);
  return ([x, min, max]) => [clamp(first([x]), min ? asFloatTensor(min).values[0] : low, max ? asFloatTensor(max).values[0] : high)];
};

/**
 * Softmax and LogSoftmax. From opset 13 they normalise along `axis` (default −1), as Strata; before,
 * over all dimensions from `axis` (default 1) on, flattened — so the input is viewed as 2-D around it.
 */
function softmaxLike(f: (x: Tensor, axis: number) => Tensor): Importer {
  return (node: ImportNode) => {
    const axis = node.attributes.int("axis", node.opset >= 13 ? -1 : 1);
    if (node.opset >= 13) return (inputs) => [f(first(inputs), axis)];
    return (inputs) => {
      const x = first(inputs);
      const a = axis < 0 ? axis + x.ndim : axis;
      const rows = x.shape.slice(0, a).reduce((n, d) => n * d, 1);
      return [reshape(f(reshape(x, [rows, x.size / rows]), 1), x.shape)];
    };
  };
}

const identity: Importer = () => (inputs) => [inputs[0]!];

/**
 * Dropout follows the module's mode, as nn.Dropout: identity in eval (its mask output, when asked
 * for, all ones), dropping with the ratio (an attribute before opset 12, an input after) in training.
 */
const dropout: Importer = (node) => {
  const attributeRatio = node.attributes.float("ratio", 0.5);
  node.attributes.int("seed", 0);
  if (node.outputs.length > 1 && node.outputs[1] !== "") throw node.error("its mask output is used; loadOnnx imports Dropout only for its data output");
  return ([x, ratio], run) => {
    const p = ratio instanceof IntValue || ratio === undefined ? attributeRatio : ratio.values[0];
    return [run.training && p > 0 ? functional.dropout(asFloatTensor(x!), p, true) : x!];
  };
};

export const elementwiseImporters: Record<string, Importer> = {
  Relu: unary(relu),
  Tanh: unary(tanh),
  Sigmoid: unary(sigmoid),
  Exp: unary(exp),
  Log: unary(log),
  Sqrt: unary(sqrt),
  Neg: unary(neg),
  Abs: unary(abs),
  Softplus: unary(softplus),
  LeakyRelu: leakyRelu,
  PRelu: prelu,
  Clip: clip,
  Elu: elu,
  Add: binary(add, (x, y) => x + y),
  Sub: binary(sub, (x, y) => x - y),
  Mul: binary(mul, (x, y) => x * y),
  Div: binary(div, (x, y) => Math.trunc(x / y)),
  Pow: binary(pow, (x, y) => x ** y),
  Softmax: softmaxLike(softmax),
  LogSoftmax: softmaxLike(logSoftmax),
  Identity: identity,
  Dropout: dropout,
};
