/** Small helpers for toString(): print settings as PyTorch's module repr does. */

/** A float setting as Python prints it (1 → "1.0", 0.01 → "0.01"). */
export function pyFloat(x: number): string {
  return Number.isInteger(x) ? x.toFixed(1) : String(x);
}

export function pyBool(x: boolean): string {
  return x ? "True" : "False";
}
