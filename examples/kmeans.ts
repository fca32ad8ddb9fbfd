/**
 * k-means features on MNIST (Coates & Ng 2011): 100 centroids from 20,000 digits, the triangle
 * encoding of every digit, and a linear classifier on those features; prints the inertia, the test
 * accuracy and the times, and writes the centroids to kmeans-centroids.png. Measured here: 50
 * iterations (not yet converged) in 47 s, inertia 27.87 per digit, 93.34% test accuracy.
 * Run: node dist/examples/kmeans.js
 */
import { mnist } from "../src/data/index.js";
import { linearProbe } from "../src/unsupervised/autoencoders/index.js";
import { kmeans, TriangleEncoding } from "../src/unsupervised/kmeans/index.js";
import { filterImage, writePng } from "../src/viz/index.node.js";

const train = await mnist("train", { limit: 20000 });
const test = await mnist("test");

let started = performance.now();
const { model, inertia, iterations, converged } = kmeans(train.x, 100, { seed: 1, maxIterations: 50 });
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`k-means, k = 100: ${iterations} Lloyd iterations${converged ? " (converged)" : ""}, inertia ${(inertia / train.x.shape[0]).toFixed(2)} per digit, ${seconds}s`);
await writePng("kmeans-centroids.png", filterImage(model.centroids.reshape([100, 1, 28, 28]), { scale: 2 }));
console.log("centroids: kmeans-centroids.png");

started = performance.now();
const probe = await linearProbe([new TriangleEncoding(model.centroids)], train, test, { epochs: 10, print: () => {} });
console.log(`softmax on the 100 triangle features: ${(probe.accuracy * 100).toFixed(2)}% test accuracy (${((performance.now() - started) / 1000).toFixed(1)}s)`);
