/** The shape of outputs joined along one axis: the check shared by Concat, Parallel and Inception. */
import { fmtShape, normAxis, ShapeError } from "../tensor/index.js";

/**
 * The shape of `shapes` concatenated along `dim`, or a ShapeError from `owner` naming the branch
 * whose output differs from the first one's outside that axis.
 */
export function concatShape(owner: string, shapes: readonly (readonly number[])[], dim: number): number[] {
  if (shapes.length === 0) throw new ShapeError(`${owner}: there are no outputs to concatenate`);
  const [first] = shapes;
  const axis = normAxis(owner, dim, first.length);
  shapes.forEach((s, i) => {
    if (s.length !== first.length || s.some((d, k) => k !== axis && d !== first[k])) {
      throw new ShapeError(
        `${owner}: branch ${i}'s output ${fmtShape(s)} and branch 0's ${fmtShape(first)} differ outside dim ${dim}, so they cannot be concatenated along it`,
      );
    }
  });
  const out = [...first];
  out[axis] = shapes.reduce((n, s) => n + s[axis], 0);
  return out;
}
