/**
 * `strata train kmeans`: k-means on MNIST digits or on whitened patches of a photograph (as Coates
 * & Ng 2011 learn their features; k-means++ seeding, batched Lloyd iterations), checkpointed after
 * every iteration (with --resume), drawing the centroids, and reporting the held-out inertia and
 * how sparse the triangle features are.
 */
import { join } from "node:path";
import { Generator } from "../../tensor/index.js";
import { checkK, KMeans, kmeansPlusPlus, lloydIterations, triangleFeatures } from "../../unsupervised/kmeans/index.js";
import { writeFilterGrid } from "./pictures.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { loadTrainingData } from "./training-data.js";

export interface KmeansSettings {
  k: number;
  /** At most this many Lloyd iterations (each one checkpointed, like an epoch). */
  epochs: number;
  tolerance: number;
  /** "mnist" (whole digits) or "patches" (ZCA-whitened grey patches of the mandrill photograph). */
  data: "mnist" | "patches";
  /** Training samples used (the first digits of the 60,000, or patches cut). */
  limit: number;
  /** patches: their side, and ZCA's ε. */
  patchSize: number;
  epsilon: number;
  seed: number;
}

export const KMEANS_DEFAULTS: KmeansSettings = { k: 100, epochs: 50, tolerance: 1e-4, data: "mnist", limit: 60000, patchSize: 8, epsilon: 0.05, seed: 1 };

export const KMEANS_DESCRIPTION = "k-means on MNIST digits or whitened natural patches (k-means++ seeding, Lloyd iterations): centroids and triangle features";

export type KmeansCommandOptions = CommandOptions<KmeansSettings>;

export async function trainKmeansCommand(options: KmeansCommandOptions): Promise<void> {
  const run = await TrainingRun.open({ kind: "kmeans", defaults: KMEANS_DEFAULTS, unit: "iteration" }, options);
  const { runDir, checkpointDir, logFile, settings: s, resumed } = run;
  const data = await loadTrainingData({ data: s.data, samples: s.limit, testSamples: s.data === "mnist" ? 10000 : 2000, patchSize: s.patchSize, epsilon: s.epsilon, symmetries: false, seed: s.seed });
  const { train, test } = data;
  checkK("strata train kmeans --k", s.k, train.shape[0]);
  const started = performance.now();
  let centroids = resumed?.checkpoint.model.centroids ?? kmeansPlusPlus(train, s.k, new Generator(s.seed));
  run.start();
  console.log(`k-means with k = ${s.k} on ${data.description} (${resumed ? `resumed after iteration ${resumed.epoch}` : `k-means++ seeding, seed ${s.seed}`}), at most ${s.epochs} iterations`);
  let start = performance.now();
  for (const progress of lloydIterations(train, centroids, { maxIterations: s.epochs, tolerance: s.tolerance, firstIteration: run.firstEpoch })) {
    centroids = progress.centroids;
    const seconds = (performance.now() - start) / 1000;
    console.log(`iteration ${progress.iteration}/${s.epochs}  inertia ${(progress.inertia / train.shape[0]).toFixed(3)} per sample  ${seconds.toFixed(1)}s${progress.converged ? "  (converged)" : ""}`);
    run.log.append({ epoch: progress.iteration, inertiaPerSample: progress.inertia / train.shape[0], converged: progress.converged, seconds });
    await run.save(progress.iteration, { model: { centroids } });
    start = performance.now();
  }
  const model = new KMeans(centroids);
  const features = triangleFeatures(model, test);
  const active = features.gt(0).float().mean().itemSync();
  await writeFilterGrid(join(runDir, "filters.png"), centroids, { side: data.side });
  console.log(`test inertia ${(model.inertia(test) / test.shape[0]).toFixed(3)} per sample; triangle features: ${(active * 100).toFixed(1)}% non-zero; ${((performance.now() - started) / 1000).toFixed(1)}s`);
  console.log(`centroids: ${join(runDir, "filters.png")}  checkpoint: ${checkpointDir}  log: ${logFile}`);
}
