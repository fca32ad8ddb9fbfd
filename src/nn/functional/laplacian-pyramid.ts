/**
 * The Laplacian pyramid of an image batch (Burt & Adelson 1983), as Farabet et al.'s scene parser
 * feeds its multi-scale convnet: each Gaussian level is the previous one blurred and halved (2×2
 * average pooling), and each band-pass level is a Gaussian level minus the next one brought back
 * up (bilinear) to its size — what that scale holds that the coarser ones do not. The last level is
 * the coarsest Gaussian level (the low-pass residual), so adding the levels back from the coarsest
 * gives the image again. Built from ops, so gradients flow through it.
 */
import { add, avgPool, interpolate, sub } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

/** `image` brought to the height and width of `like` by bilinear interpolation (pixel centres aligned). */
function upTo(image: Tensor, like: Tensor): Tensor {
  return interpolate(image, { size: [like.shape[2], like.shape[3]], mode: "bilinear", alignCorners: false });
}

/**
 * The Gaussian pyramid of x [N, C, H, W]: `levels` images, the first x itself, each next one 2×2
 * average-pooled (an odd last row or column is dropped, as avgPool2d does).
 */
export function gaussianPyramid(x: Tensor, levels: number): Tensor[] {
  checkPyramid("gaussianPyramid", x, levels);
  const pyramid = [x];
  for (let k = 1; k < levels; k++) pyramid.push(avgPool(pyramid[k - 1], [2, 2]));
  return pyramid;
}

/**
 * The Laplacian pyramid of x [N, C, H, W]: `levels` images, full size first, each next half the
 * size; levels 0 … levels−2 are band-pass (G_k − up(G_{k+1})), the last is the low-pass G_{levels−1}.
 * One level gives [x].
 */
export function laplacianPyramid(x: Tensor, levels: number): Tensor[] {
  checkPyramid("laplacianPyramid", x, levels);
  const gaussian = gaussianPyramid(x, levels);
  return gaussian.map((g, k) => (k === levels - 1 ? g : sub(g, upTo(gaussian[k + 1], g))));
}

/** The image a Laplacian pyramid was made from: from the coarsest level, up-sample and add each finer band. */
export function laplacianReconstruct(pyramid: readonly Tensor[]): Tensor {
  if (pyramid.length === 0) throw new RangeError("laplacianReconstruct: the pyramid holds no levels");
  let image = pyramid[pyramid.length - 1];
  for (let k = pyramid.length - 2; k >= 0; k--) {
    const band = pyramid[k];
    if (band.ndim !== 4 || image.ndim !== 4 || band.shape[0] !== image.shape[0] || band.shape[1] !== image.shape[1]) {
      throw new ShapeError(`laplacianReconstruct: level ${k} of shape ${fmtShape(band.shape)} does not go with level ${k + 1} of shape ${fmtShape(pyramid[k + 1].shape)} (both [N, C, H, W], same N and C)`);
    }
    image = add(band, upTo(image, band));
  }
  return image;
}

function checkPyramid(op: string, x: Tensor, levels: number): void {
  if (x.ndim !== 4) throw new ShapeError(`${op}: expected an [N, C, H, W] image batch, got shape ${fmtShape(x.shape)}`);
  if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`${op}: levels must be a positive integer, got ${levels}`);
  const smallest = Math.min(x.shape[2], x.shape[3]);
  if (smallest >> (levels - 1) < 1) {
    throw new RangeError(`${op}: ${levels} levels halve a ${x.shape[2]}×${x.shape[3]} image below one pixel; use at most ${Math.floor(Math.log2(smallest)) + 1}`);
  }
}
