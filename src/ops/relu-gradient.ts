/** The rule ReLU's backward follows: the true gradient, or the guided-backprop or deconvnet rule of visualisation. */
import { withSetting } from "../autograd/scoped.js";

/**
 * How a gradient g crosses a ReLU whose input is x:
 * - "standard": g where x > 0 (the derivative);
 * - "guided": g where x > 0 and g > 0 (guided backpropagation, Springenberg et al. 2015);
 * - "deconvnet": max(g, 0) whatever x was (Zeiler & Fergus 2014 rectify the signal going down).
 */
export type ReluGradientRule = "standard" | "guided" | "deconvnet";

const RULES: readonly ReluGradientRule[] = ["standard", "guided", "deconvnet"];

let activeRule: ReluGradientRule = "standard";
const ruleSetting = { get: reluGradientRule, set: (rule: ReluGradientRule) => (activeRule = rule) };

/** The rule every ReLU backward (plain relu and the fused convRelu/linearRelu) follows right now. */
export function reluGradientRule(): ReluGradientRule {
  return activeRule;
}

/**
 * Run fn with every ReLU backward following `rule`, the previous rule restored after (even if fn
 * throws). The rule is read when the backward runs, so call backward()/grad() inside fn:
 *
 *   const [g] = withReluGradient("guided", () => grad(score(model.forward(x)), [x]));
 */
export function withReluGradient<T>(rule: ReluGradientRule, fn: () => T): T {
  if (!RULES.includes(rule)) {
    throw new TypeError(`withReluGradient: rule must be one of ${RULES.map((r) => JSON.stringify(r)).join(", ")}, got ${JSON.stringify(rule)}`);
  }
  return withSetting(ruleSetting, rule, fn, "withReluGradient takes a synchronous function; await inside it would leak the rule to other code");
}
