/**
 * The "triangle" k-means feature encoding of Coates, Lee & Ng (2011): f_k(x) = max(0, μ(z) − z_k),
 * z_k = ‖x − c_k‖ and μ(z) the mean of the z_k over the K centroids. About half the features are
 * 0 (those of centroids farther than average): a soft, sparse code that beat the hard one-hot
 * assignment in their experiments.
 */
import { nn } from "../../index.js";
import type { Tensor } from "../../tensor/index.js";
import { KMeans } from "./kmeans.js";

/** Triangle features of y [N, D] (or images) under model's centroids: [N, K]. */
export function triangleFeatures(model: KMeans, y: Tensor): Tensor {
  const distances = model.distances(y).sqrt();
  return distances.mean(1, true).sub(distances).relu();
}

/** The triangle encoding as a layer (centroids saved as a buffer, not trained), to stack under a classifier like any encoder. */
export class TriangleEncoding extends nn.Module {
  constructor(centroids: Tensor) {
    super();
    this.registerBuffer("centroids", centroids);
  }

  forward(x: Tensor): Tensor {
    return triangleFeatures(new KMeans(this.getBuffer("centroids")), x);
  }
}
