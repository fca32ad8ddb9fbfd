import { Tensor } from "../tensor/index.js";

/** A single tensor or any iterable of tensors, as the clipping and penalty helpers accept. */
export type Tensors = Tensor | Iterable<Tensor>;

/** The tensors as an array (an iterable such as a generator can be walked only once), each checked. */
export function tensorList(owner: string, params: Tensors): Tensor[] {
  const list = params instanceof Tensor ? [params] : [...params];
  list.forEach((p, i) => {
    if (!(p instanceof Tensor)) throw new TypeError(`${owner}: element ${i} of params is ${typeof p}, not a Tensor`);
  });
  return list;
}
