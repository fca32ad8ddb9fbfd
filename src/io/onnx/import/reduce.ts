/** Importers of ReduceMean, ReduceSum and ReduceMax (what torch.mean, sum and amax over axes export as). */
import { max, mean, sum } from "../../../ops/index.js";
import type { Tensor } from "../../../tensor/index.js";
import type { Importer } from "./importer.js";
import { asFloatTensor, intsOf } from "./values.js";

/**
 * Reduce over the axes (an attribute, or from opset 13/18 on an input; none means all of them,
 * unless noop_with_empty_axes makes that the identity), keeping them as 1s when keepdims (default 1).
 */
function reduction(reduce: (x: Tensor, axes: number[], keepDim: boolean) => Tensor): Importer {
  return (node) => {
    const a = node.attributes;
    const attributeAxes = a.ints("axes");
    const keepDims = a.int("keepdims", 1) === 1;
    const noopWithoutAxes = a.int("noop_with_empty_axes", 0) === 1;
    return ([x, axesInput]) => {
      const t = asFloatTensor(x!);
      const axes = axesInput ? intsOf(axesInput, node.where) : [...attributeAxes];
      if (axes.length === 0 && noopWithoutAxes) return [t];
      return [reduce(t, axes.length ? axes : t.shape.map((_, i) => i), keepDims)];
    };
  };
}

export const reduceImporters: Record<string, Importer> = {
  ReduceMean: reduction(mean),
  ReduceSum: reduction(sum),
  ReduceMax: reduction(max),
};
