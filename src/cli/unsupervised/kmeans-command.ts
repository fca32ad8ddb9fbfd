/**
 * `strata train kmeans`: k-means on MNIST digits (k-means++ seeding, batched Lloyd iterations),
 * checkpointed after every iteration (with --resume), drawing the centroids, and reporting the
 * inertia and how sparse the triangle features of the test digits are.
 */
import { join } from "node:path";
import { Generator } from "../../tensor/index.js";
import { mnist } from "../../data/index.js";
import { checkK, KMeans, kmeansPlusPlus, lloydIterations, triangleFeatures } from "../../unsupervised/kmeans/index.js";
import { writeDigitFilters } from "./pictures.js";
import { saveRun, startRun } from "./run-state.js";

export interface KmeansSettings {
  k: number;
  /** At most this many Lloyd iterations (each one checkpointed, like an epoch). */
  epochs: number;
  tolerance: number;
  /** Training digits used (the first ones of the 60,000). */
  limit: number;
  seed: number;
}

export const KMEANS_DEFAULTS: KmeansSettings = { k: 100, epochs: 50, tolerance: 1e-4, limit: 60000, seed: 1 };

export const KMEANS_DESCRIPTION = "k-means on MNIST digits (k-means++ seeding, Lloyd iterations): centroids and triangle features";

export interface KmeansCommandOptions extends Partial<KmeansSettings> {
  out?: string;
  resume?: boolean;
}

export async function trainKmeansCommand(options: KmeansCommandOptions): Promise<void> {
  const { runDir, checkpointDir, logFile, log, settings: s, saved } = await startRun("kmeans", KMEANS_DEFAULTS, options);
  const train = (await mnist("train", { limit: s.limit })).x.reshape([-1, 784]);
  checkK("strata train kmeans --k", s.k, train.shape[0]);
  const started = performance.now();
  let centroids = saved?.model.centroids ?? kmeansPlusPlus(train, s.k, new Generator(s.seed));
  console.log(`k-means with k = ${s.k} on ${train.shape[0]} digits (${saved ? `resumed after iteration ${saved.epoch}` : `k-means++ seeding, seed ${s.seed}`}), at most ${s.epochs} iterations`);
  let start = performance.now();
  for (const progress of lloydIterations(train, centroids, { maxIterations: s.epochs, tolerance: s.tolerance, firstIteration: (saved?.epoch ?? 0) + 1 })) {
    centroids = progress.centroids;
    const seconds = (performance.now() - start) / 1000;
    console.log(`iteration ${progress.iteration}/${s.epochs}  inertia ${(progress.inertia / train.shape[0]).toFixed(3)} per digit  ${seconds.toFixed(1)}s${progress.converged ? "  (converged)" : ""}`);
    log.append({ epoch: progress.iteration, inertiaPerSample: progress.inertia / train.shape[0], converged: progress.converged, seconds });
    await saveRun(checkpointDir, "kmeans", { model: { centroids }, settings: s, epoch: progress.iteration });
    start = performance.now();
  }
  const model = new KMeans(centroids);
  const test = (await mnist("test")).x;
  const features = triangleFeatures(model, test);
  const active = features.gt(0).float().mean().itemSync();
  await writeDigitFilters(join(runDir, "filters.png"), centroids, s.k);
  console.log(`test inertia ${(model.inertia(test) / test.shape[0]).toFixed(3)} per digit; triangle features: ${(active * 100).toFixed(1)}% non-zero; ${((performance.now() - started) / 1000).toFixed(1)}s`);
  console.log(`centroids: ${join(runDir, "filters.png")}  checkpoint: ${checkpointDir}  log: ${logFile}`);
}
