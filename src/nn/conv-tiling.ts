/**
 * Does a sliding window tile its input exactly? A window of extent F moved by S over N inputs
 * padded by P fits (N − F + 2P)/S + 1 times; PyTorch floors a fraction silently and the last inputs
 * are never seen (the lecture's 7×7 input, 3×3 filter, stride 3: "Cannot."). Conv and pooling
 * layers use this to report it (`tilingProblem`) and, with `strict`, to refuse such an input.
 */
/** A window's settings per spatial dimension, as a conv or pooling layer holds them. */
export interface WindowSpec {
  kernel: readonly number[];
  stride: readonly number[];
  /** Zeros before each dimension, and after it too unless paddingAfter is given. */
  padding: readonly number[];
  paddingAfter?: readonly number[];
  /** Spacing of kernel taps; the window's extent is dilation·(kernel − 1) + 1. Default 1. */
  dilation?: readonly number[];
}

const axisNames: Record<number, readonly string[]> = { 1: ["length"], 2: ["height", "width"], 3: ["depth", "height", "width"] };
const axisUnits: Record<number, readonly string[]> = { 1: ["element"], 2: ["row", "column"], 3: ["plane", "row", "column"] };

const dimsText = (xs: readonly number[]) => xs.join("×");

/**
 * Why the window does not tile the spatial dimensions of `inputShape` (its last kernel.length
 * entries) exactly, or null when it does. The message starts with `layer` and states the rule.
 */
export function windowTilingProblem(layer: string, inputShape: readonly number[], window: WindowSpec): string | null {
  const dims = window.kernel.length;
  const spatial = inputShape.slice(-dims);
  const dilation = window.dilation ?? window.kernel.map(() => 1);
  const after = window.paddingAfter ?? window.padding;
  const extent = window.kernel.map((k, i) => dilation[i] * (k - 1) + 1);
  const span = spatial.map((n, i) => n - extent[i] + window.padding[i] + after[i]);
  const bad = span.map((s, i) => (s >= 0 && s % window.stride[i] !== 0 ? i : -1)).filter((i) => i >= 0);
  if (bad.length === 0) return null;
  const name = (i: number) => axisNames[dims]?.[i] ?? `dimension ${i}`;
  const terms = bad.map((i) => {
    const pad = window.padding[i] === after[i] ? `2·${window.padding[i]}` : `${window.padding[i]} + ${after[i]}`;
    const exact = span[i] / window.stride[i] + 1;
    return `${name(i)}: (${spatial[i]} − ${extent[i]} + ${pad})/${window.stride[i]} + 1 = ${Number(exact.toFixed(2))}`;
  });
  const floored = span.map((s, i) => Math.floor(s / window.stride[i]) + 1);
  const unseen = bad.map((i) => {
    const n = span[i] % window.stride[i];
    const unit = axisUnits[dims]?.[i] ?? "position";
    return `${n} ${unit}${n > 1 ? "s" : ""}`;
  });
  const dilated = dilation.some((d) => d > 1) ? ` (a ${dimsText(window.kernel)} kernel dilated by ${dimsText(dilation)})` : "";
  const asymmetric = after.some((p, i) => p !== window.padding[i]);
  const padding = asymmetric ? `${dimsText(window.padding)} before and ${dimsText(after)} after` : dimsText(window.padding);
  return (
    `${layer}: a ${dimsText(extent)} window${dilated} with stride ${dimsText(window.stride)} and padding ${padding} ` +
    `does not tile the ${dimsText(spatial)} input: (N − F + 2P)/S + 1 must be a whole number, but ${terms.join("; ")}. ` +
    `The output is floored to ${dimsText(floored)}, so the last ${unseen.join(" and ")} of the padded input are never seen.`
  );
}
