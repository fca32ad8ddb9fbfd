/**
 * A denoising autoencoder on MNIST with the library API: 784-200-784, sigmoid units, 30% masking
 * noise, cross-entropy reconstruction; prints the test reconstruction error each epoch and writes
 * the encoder's filters (stroke detectors) to autoencoder-filters.png.
 * Run: node dist/examples/autoencoder.js
 */
import { manualSeed } from "../src/index.js";
import { mnist } from "../src/data/index.js";
import { Autoencoder, evaluateReconstruction, trainAutoencoder } from "../src/unsupervised/autoencoders/index.js";
import { filterImage, writePng } from "../src/viz/index.node.js";

manualSeed(1);
const train = (await mnist("train", { limit: 20000 })).x;
const test = (await mnist("test")).x;
const autoencoder = new Autoencoder(784, 200, { loss: "bce", corruption: { kind: "masking", level: 0.3 } });
console.log(`a ${autoencoder.toString()} shaped by ${autoencoder.energyShaping.join(" and ")}`);
console.log(`test cross-entropy before training: ${evaluateReconstruction(autoencoder, test).toFixed(1)} nats per digit`);

const started = performance.now();
await trainAutoencoder(autoencoder, train, {
  epochs: 5, batchSize: 64, lr: 0.03, momentum: 0.9,
  onEpoch: (r) => console.log(`epoch ${r.epoch}: train ${r.reconstruction.toFixed(1)}, test ${evaluateReconstruction(autoencoder, test).toFixed(1)} nats per digit (${r.seconds.toFixed(1)}s)`),
});
console.log(`trained in ${((performance.now() - started) / 1000).toFixed(0)}s`);

await writePng("autoencoder-filters.png", filterImage(autoencoder.encoder.weight.detach().reshape([200, 1, 28, 28]), { maxFilters: 100, scale: 2 }));
console.log("filters: autoencoder-filters.png");
