/** The importer of Resize, for the two resamplings PyTorch's interpolate exports: nearest (floor) and (bi/tri)linear. */
import { interpolate } from "../../../ops/index.js";
import type { Importer } from "./importer.js";
import { asFloatTensor, dimsOf, intsOf } from "./values.js";

/**
 * Resize by sizes or scales of the spatial dimensions (the batch and channel scales must be 1).
 * nearest: only coordinate_transformation_mode asymmetric with nearest_mode floor, which is
 * PyTorch's nearest. linear: half_pixel (or pytorch_half_pixel) is align_corners false,
 * align_corners true.
 */
const resize: Importer = (node) => {
  const a = node.attributes;
  const mode = a.string("mode", "nearest");
  const transform = a.string("coordinate_transformation_mode", "half_pixel");
  const nearestMode = a.string("nearest_mode", "round_prefer_floor");
  a.float("cubic_coeff_a", -0.75);
  a.float("extrapolation_value", 0);
  if (a.int("exclude_outside", 0) !== 0) throw a.refuse("exclude_outside", 1, "only cubic resampling uses it, and that is not imported");
  let alignCorners = false;
  if (mode === "nearest") {
    if (transform !== "asymmetric") throw a.refuse("coordinate_transformation_mode", transform, "nearest resizing is imported with asymmetric coordinates only (PyTorch's nearest)");
    if (nearestMode !== "floor") throw a.refuse("nearest_mode", nearestMode, "nearest resizing is imported with floor only (PyTorch's nearest)");
  } else if (mode === "linear") {
    if (!["half_pixel", "pytorch_half_pixel", "align_corners"].includes(transform)) throw a.refuse("coordinate_transformation_mode", transform, "linear resizing is imported with half_pixel, pytorch_half_pixel or align_corners");
    alignCorners = transform === "align_corners";
  } else {
    throw a.refuse("mode", mode, "nearest and linear resizing are imported, cubic is not");
  }
  return (inputs) => {
    const x = asFloatTensor(inputs[0]!);
    // opset 10 has (X, scales); from 11 on (X, roi, scales, sizes), either of the last two given
    const [scales, sizes] = inputs.length === 2 ? [inputs[1], undefined] : [inputs[2], inputs[3]];
    const sampling = mode === "nearest" ? { mode: "nearest" as const } : { mode: (["linear", "bilinear", "trilinear"] as const)[x.ndim - 3], alignCorners };
    if (sizes && dimsOf(sizes)[0] > 0) return [interpolate(x, { size: intsOf(sizes, node.where).slice(2), ...sampling })];
    const factors = Array.from(asFloatTensor(scales!).values);
    if (factors[0] !== 1 || factors[1] !== 1) throw node.error(`its scales [${factors.join(", ")}] resize the batch or channel dimension`);
    return [interpolate(x, { scaleFactor: factors.slice(2), ...sampling })];
  };
};

export const resizeImporters: Record<string, Importer> = { Resize: resize };
