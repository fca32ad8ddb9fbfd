/** Retrieval as a picture: each query (framed blue) followed by its nearest neighbours, the wrong ones framed red. */
import { fmtShape, Tensor } from "../tensor/index.js";
import { imageGrid, toImage, toRgb, upscale, type Image } from "./image.js";

const QUERY = [0.15, 0.35, 0.95];
const WRONG = [0.9, 0.1, 0.1];
const RIGHT = [1, 1, 1];

/** The RGB image inside a frame `width` pixels wide of colour rgb. */
function framed(image: Image, rgb: readonly number[], width: number): Image {
  const [h, w] = image.shape;
  const [outH, outW] = [h + 2 * width, w + 2 * width];
  const out = new Float32Array(outH * outW * 3);
  for (let p = 0; p < outH * outW; p++) out.set(rgb, 3 * p);
  for (let y = 0; y < h; y++) out.set(image.values.subarray(y * w * 3, (y + 1) * w * 3), ((y + width) * outW + width) * 3);
  return new Tensor(out, [outH, outW, 3]);
}

/**
 * One row per query: the query image, then its k neighbours in rank order. queries [Q, C, H, W]
 * (values in [0, 1]); neighbours [Q, k, C, H, W]; wrong[q·k + j] says whether neighbour j of query q
 * has another label than the query.
 */
export function retrievalGrid(queries: Tensor, neighbours: Tensor, wrong: ArrayLike<boolean>, { scale = 2, frame = 2 }: { scale?: number; frame?: number } = {}): Image {
  const [q, k] = neighbours.shape;
  if (queries.ndim !== 4 || neighbours.ndim !== 5 || q !== queries.shape[0] || neighbours.shape.slice(2).join() !== queries.shape.slice(1).join()) {
    throw new TypeError(`retrievalGrid: expected queries [Q, C, H, W] and neighbours [Q, k, C, H, W] of the same images, got ${fmtShape(queries.shape)} and ${fmtShape(neighbours.shape)}`);
  }
  if (wrong.length !== q * k) throw new RangeError(`retrievalGrid: ${q} queries × ${k} neighbours need ${q * k} wrong flags, got ${wrong.length}`);
  const tile = (image: Tensor, rgb: readonly number[]) => framed(toRgb(upscale(toImage(image.clamp(0, 1)), scale)), rgb, frame);
  const tiles: Image[] = [];
  for (let i = 0; i < q; i++) {
    tiles.push(tile(queries.select(0, i), QUERY));
    for (let j = 0; j < k; j++) tiles.push(tile(neighbours.select(0, i).select(0, j), wrong[i * k + j] ? WRONG : RIGHT));
  }
  return imageGrid(tiles, { columns: k + 1, padding: 2 });
}
