/** Gradient attribution: saliency maps (Simonyan et al. 2013) and guided backpropagation (Springenberg et al. 2015). */
import { enableGrad, grad } from "../../autograd/index.js";
import { abs, max, reshape, select, sum, withReluGradient, type ReluGradientRule } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import { asSingleImage, checkClassIndex, classScores, type Classifier } from "../class-scores.js";

/** How the per-channel gradient [C, H, W] becomes a map: "max-abs" takes max over channels of |g| ([H, W]); "none" keeps it. */
export type ChannelReduction = "max-abs" | "none";

const REDUCTIONS: readonly ChannelReduction[] = ["max-abs", "none"];

export interface GradientMapOptions {
  /** Default "max-abs" for saliency (Simonyan's map), "none" for guidedBackprop. */
  reduce?: ChannelReduction;
}

/**
 * Simonyan et al.'s image-specific saliency: the gradient of the target class's unnormalised score
 * with respect to the input image ([C, H, W] or [1, C, H, W]), reduced by default to max over
 * channels of its magnitude, [H, W]. The model runs in its current mode: call model.eval() first.
 */
export function saliency(model: Classifier, input: Tensor, targetClass: number, options: GradientMapOptions = {}): Tensor {
  return inputGradientMap("saliency", "standard", model, input, targetClass, options.reduce ?? "max-abs");
}

/**
 * Guided backpropagation: the same gradient, but every ReLU passes back only positive gradient
 * where its input was positive, which leaves sharper, image-like maps. [C, H, W] by default
 * (reduce "max-abs" gives [H, W]).
 */
export function guidedBackprop(model: Classifier, input: Tensor, targetClass: number, options: GradientMapOptions = {}): Tensor {
  return inputGradientMap("guidedBackprop", "guided", model, input, targetClass, options.reduce ?? "none");
}

function inputGradientMap(fn: string, rule: ReluGradientRule, model: Classifier, input: Tensor, targetClass: number, reduce: ChannelReduction): Tensor {
  if (!REDUCTIONS.includes(reduce)) throw new TypeError(`${fn}: reduce must be "max-abs" or "none", got ${JSON.stringify(reduce)}`);
  const x = asSingleImage(fn, input).detach().requiresGrad_();
  // enableGrad: the map is wanted even when the caller is inside noGrad
  const [g] = enableGrad(() => withReluGradient(rule, () => {
    const scores = classScores(fn, model, x);
    checkClassIndex(fn, "targetClass", targetClass, scores.shape[1]);
    return grad(sum(select(scores, 1, targetClass)), [x]);
  }));
  const perChannel = reshape(g, g.shape.slice(1));
  return reduce === "max-abs" ? max(abs(perChannel), 0) : perChannel;
}
