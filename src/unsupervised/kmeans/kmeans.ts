/**
 * k-means in the energy-based view: E(Y, z) = ‖Y − C z‖² with z one-hot over K centroids C, so
 * inference is the nearest centroid and the free energy sums over the K codes. The energy is kept
 * from being low everywhere by the code itself (the tutorial's "k-means" strategy): only K points
 * of the input space have zero energy.
 */
import { oneHot } from "../../ops/index.js";
import { Generator, type Tensor } from "../../tensor/index.js";
import { freeEnergyOfDiscrete, type EnergyModel, type EnergyShaping } from "../energy.js";
import { featureMatrix } from "../feature-matrix.js";
import { squaredDistances } from "./distances.js";
import { kmeansPlusPlus } from "./init.js";
import { assign, lloydStep } from "./lloyd.js";

export class KMeans implements EnergyModel {
  readonly energyShaping: readonly EnergyShaping[] = ["k-means"];

  /** centroids [K, D]. */
  constructor(readonly centroids: Tensor) {
    featureMatrix("KMeans", "centroids", centroids);
  }

  get k(): number {
    return this.centroids.shape[0];
  }

  get width(): number {
    return this.centroids.shape[1];
  }

  /** ‖y_n − C z_n‖² per sample [N], for codes z [N, K] (one-hot for the k-means energy; any weights work). */
  energy(y: Tensor, z: Tensor): Tensor {
    return this.#data("energy", y).sub(z.matmul(this.centroids)).square().sum(1);
  }

  /** The one-hot code of each sample's nearest centroid [N, K]. */
  infer(y: Tensor): Tensor {
    return oneHot(this.predict(y), this.k);
  }

  /** The index of each sample's nearest centroid [N] (int32). */
  predict(y: Tensor): Tensor {
    return assign(this.#data("predict", y), this.centroids).labels;
  }

  /** ‖y_n − c_k‖² for every sample and centroid [N, K]: the energies of the K codes. */
  distances(y: Tensor): Tensor {
    return squaredDistances(this.#data("distances", y), this.centroids);
  }

  /** F_β(Y) = −(1/β) log Σ_k exp(−β‖Y − c_k‖²); β = Infinity gives the distance to the nearest centroid. */
  freeEnergy(y: Tensor, beta = 1): Tensor {
    return freeEnergyOfDiscrete(this.distances(y), beta);
  }

  /** Σ_n min_k ‖y_n − c_k‖². */
  inertia(y: Tensor): number {
    return assign(this.#data("inertia", y), this.centroids).inertia;
  }

  #data(who: string, y: Tensor): Tensor {
    return featureMatrix(`KMeans.${who}`, "y", y, this.width);
  }
}

export interface KMeansOptions {
  /** At most this many Lloyd iterations (default 300, as scikit-learn). */
  maxIterations?: number;
  /** Stop when the centroids move less than tolerance × the mean per-feature variance (squared, summed); default 1e-4, as scikit-learn. */
  tolerance?: number;
  /** Starting centroids [K, D]; default k-means++ seeding. */
  init?: Tensor;
  /** Seed of the k-means++ draw. */
  seed?: number;
}

export interface KMeansResult {
  model: KMeans;
  /** Σ_n min_k ‖x_n − c_k‖² under the final centroids. */
  inertia: number;
  /** The nearest final centroid of each sample [N]. */
  labels: Tensor;
  iterations: number;
  converged: boolean;
}

/** Check k against the data: a positive integer, at most the number of samples. */
export function checkK(who: string, k: number, samples: number): void {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`${who}: k (the number of centroids) must be a positive integer, got ${k}`);
  if (k > samples) throw new RangeError(`${who}: k = ${k} is larger than the number of samples (${samples}); each centroid needs at least one sample`);
}

/** Where Lloyd's algorithm stands after an iteration. */
export interface LloydProgress {
  iteration: number;
  centroids: Tensor;
  /** The inertia under the centroids this iteration started from. */
  inertia: number;
  converged: boolean;
}

/**
 * Lloyd iterations from `centroids` on data [N, D] (checked by the caller), numbered from
 * firstIteration, until maxIterations or scikit-learn's stopping rule: the assignments stop
 * changing, or the centroids' total squared shift falls to tolerance × mean_j var(x_{:, j}).
 */
export function* lloydIterations(data: Tensor, centroids: Tensor, { maxIterations = 300, tolerance = 1e-4, firstIteration = 1 } = {}): IterableIterator<LloydProgress> {
  if (!Number.isInteger(maxIterations) || maxIterations < 1) throw new RangeError(`kmeans: maxIterations must be a positive integer, got ${maxIterations}`);
  if (!(tolerance >= 0)) throw new RangeError(`kmeans: tolerance must be ≥ 0, got ${tolerance}`);
  const threshold = tolerance * data.var(0, { correction: 0 }).mean().itemSync();
  let previous: Int32Array | null = null;
  for (let iteration = firstIteration; iteration <= maxIterations; iteration++) {
    const step = lloydStep(data, centroids);
    const labels = step.labels.values as Int32Array;
    const converged = (previous !== null && labels.every((label, i) => label === previous![i])) || step.shift <= threshold;
    centroids = step.centroids;
    previous = labels;
    yield { iteration, centroids, inertia: step.inertia, converged };
    if (converged) return;
  }
}

/** Cluster the rows of x [N, D] (or images [N, C, H, W]) into k groups by Lloyd's algorithm (see lloydIterations). */
export function kmeans(x: Tensor, k: number, options: KMeansOptions = {}): KMeansResult {
  const data = featureMatrix("kmeans", "x", x);
  const [n, d] = data.shape;
  checkK("kmeans", k, n);
  const { init, seed = 0 } = options;
  if (init && (init.ndim !== 2 || init.shape[0] !== k || init.shape[1] !== d)) {
    throw new RangeError(`kmeans: init must be [k, D] = [${k}, ${d}], got [${init.shape.join(", ")}]`);
  }
  let centroids = init ? featureMatrix("kmeans", "init", init) : kmeansPlusPlus(data, k, new Generator(seed));
  let iterations = 0;
  let converged = false;
  for (const progress of lloydIterations(data, centroids, options)) {
    ({ centroids, iteration: iterations, converged } = progress);
  }
  const final = assign(data, centroids);
  return { model: new KMeans(centroids), inertia: final.inertia, labels: final.labels, iterations, converged };
}
