/** The check every unsupervised model runs on its data: float samples along axis 0, with no NaN or infinity among them. */
import { fmtShape, type Tensor } from "../tensor/index.js";

/** Throws, naming `argument` of `who`, unless data is a float tensor [samples ≥ 1, …] of finite values. */
export function checkFiniteSamples(who: string, argument: string, data: Tensor): void {
  if (data.ndim < 2 || data.shape[0] === 0) throw new TypeError(`${who}: ${argument} must be [samples, …features] with at least one sample, got shape ${fmtShape(data.shape)}`);
  if (data.dtype === "int32") throw new TypeError(`${who}: ${argument} must be a float tensor, got int32`);
  const v = data.values;
  for (let i = 0; i < v.length; i++) {
    if (!Number.isFinite(v[i])) {
      throw new RangeError(`${who}: ${argument} holds ${v[i]} at element ${i} (sample ${Math.floor(i / (v.length / data.shape[0]))}); clean or drop such samples first`);
    }
  }
}

/** data as a matrix [samples, features], after checkFiniteSamples. */
export function sampleMatrix(who: string, argument: string, data: Tensor): Tensor {
  checkFiniteSamples(who, argument, data);
  return data.reshape([data.shape[0], -1]);
}
