/**
 * How much a filter bank repeats itself up to a shift: for each filter, the largest normalised
 * cross-correlation |⟨f_i, shift(f_j)⟩| / (‖f_i‖‖f_j‖) with any other filter j at any shift.
 * Near 1 for the shifted copies patch-based sparse coding learns; lower for convolutional coding,
 * where the convolution already supplies every shift.
 */
import { noGrad } from "../../autograd/index.js";
import { conv, eye } from "../../ops/index.js";
import { fmtShape, type Tensor } from "../../tensor/index.js";

/** Per filter (of weight [K, C, s, s]) the max normalised cross-correlation with another filter over all shifts: [K]. */
export function shiftedCopyScores(weight: Tensor): Tensor {
  if (weight.ndim !== 4 || weight.shape[0] < 2) throw new RangeError(`shiftedCopyScores: weight must be at least 2 filters [K, C, s, s], got ${fmtShape(weight.shape)}`);
  return noGrad(() => {
    const [k, , kh, kw] = weight.shape;
    const unit = weight.div(weight.square().sum([1, 2, 3], true).sqrt().maximum(1e-12));
    // correlations[i, j, shift]: every filter slid over every other
    const correlations = conv(unit, unit, null, { padding: [kh - 1, kw - 1] }).abs().max([2, 3]);
    return correlations.sub(eye(k).mul(2)).max(1);
  });
}
