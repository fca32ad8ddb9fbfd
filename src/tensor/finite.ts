/** Counting NaN and infinite values, for the checks that keep them out of training. */
import type { TypedArray } from "./dtype.js";

/** How many of the values are NaN or ±Infinity. */
export function countNonFinite(values: TypedArray): number {
  // a sum of v·0 is 0 unless some v is NaN or infinite: one pass without a branch, then a count if needed
  let probe = 0;
  for (let i = 0; i < values.length; i++) probe += values[i] * 0;
  if (probe === 0) return 0;
  let count = 0;
  for (let i = 0; i < values.length; i++) if (!Number.isFinite(values[i])) count++;
  return count;
}
