/**
 * Sparse coding of natural images, patch-based and convolutional. Learns a dictionary of 128
 * unit-norm atoms on ZCA-whitened 8×8 patches of the mandrill photograph (baboon-image-uri) and
 * writes it as a picture (localized, oriented edges); compares ISTA, FISTA and coordinate descent
 * at equal iteration counts on held-out patches; then learns 16 convolutional 8×8 filters on whole
 * contrast-normalised 32×32 crops and measures how much each bank repeats itself up to a shift.
 *
 * Run after `npm run build`:  node dist/examples/sparse-coding.js [output folder, default /tmp/strata-sparse-coding]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Generator, nn, optim } from "../src/index.js";
import { mandrill, randomPatches, toGrey } from "../src/data/natural-images.js";
import { whitenedPatches } from "../src/unsupervised/pca/index.js";
import { ConvSparseCoding, dictionaryStep, forEachBatch, shiftedCopyScores, SparseCoding } from "../src/unsupervised/sparse-coding/index.js";
import { filterImage, writePng } from "../src/viz/index.node.js";

const out = process.argv[2] ?? "/tmp/strata-sparse-coding";
mkdirSync(out, { recursive: true });
const seconds = (start: number) => ((performance.now() - start) / 1000).toFixed(1);

// 1. Patch-based dictionary learning.
const { train, test } = whitenedPatches({ size: 8, count: 20000, testCount: 2000 });
const coder = new SparseCoding(64, 128, { lambda: 0.8, seed: 1 });
const optimizer = new optim.Adam(coder.parameters(), { lr: 0.003 });
const generator = new Generator(1);
for (let epoch = 1; epoch <= 6; epoch++) {
  const start = performance.now();
  const r = forEachBatch([train], { batchSize: 250, generator }, (y) => dictionaryStep(coder, y, optimizer, { iterations: 50 }));
  console.log(`dictionary epoch ${epoch}: energy ${r.energy.toFixed(3)}, ${(100 * r.activeFraction).toFixed(1)}% of codes active  ${seconds(start)}s`);
}
const patchFilters = coder.weight.reshape([128, 1, 8, 8]);
await writePng(join(out, "patch-dictionary.png"), filterImage(patchFilters, { scale: 3 }));

// 2. Inference on held-out patches: energy above the optimum after n iterations of each method.
const optimum = coder.energy(test, coder.infer(test, { iterations: 2000 })).mean().itemSync();
console.log(`\nheld-out energy above the optimum (${optimum.toFixed(4)}) after n iterations (CoD: n·K single-unit steps, the same work):`);
console.log("     n     ISTA     FISTA      CoD");
for (const n of [5, 20, 100]) {
  const gap = (z: ReturnType<typeof coder.infer>) => (coder.energy(test, z).mean().itemSync() - optimum).toExponential(2);
  console.log(`${String(n).padStart(6)}  ${gap(coder.infer(test, { method: "ista", iterations: n }))}  ${gap(coder.infer(test, { iterations: n }))}  ${gap(coder.cod(test, n * 128))}`);
}

// 3. Convolutional sparse coding on whole crops.
const crops = new nn.LocalContrastNorm(7).forward(randomPatches(toGrey(mandrill()), 32, 64, 3));
const conv = new ConvSparseCoding(1, 16, 8, { lambda: 0.4, seed: 1 });
const convOptimizer = new optim.Adam(conv.parameters(), { lr: 0.005 });
for (let epoch = 1; epoch <= 8; epoch++) {
  const start = performance.now();
  const r = forEachBatch([crops], { batchSize: 8, generator }, (y) => dictionaryStep(conv, y, convOptimizer, { iterations: 30 }));
  console.log(`convolutional epoch ${epoch}: energy ${r.energy.toFixed(2)}, ${(100 * r.activeFraction).toFixed(1)}% active  ${seconds(start)}s`);
}
await writePng(join(out, "conv-dictionary.png"), filterImage(conv.weight, { scale: 3 }));

const meanScore = (t: ReturnType<typeof shiftedCopyScores>) => t.mean().itemSync().toFixed(3);
console.log(`\nmax normalised cross-correlation with another filter over all shifts (mean over filters; 1 = a shifted copy):`);
console.log(`  patch-based, 128 atoms: ${meanScore(shiftedCopyScores(patchFilters))};  the first 16: ${meanScore(shiftedCopyScores(patchFilters.narrow(0, 0, 16)))}`);
console.log(`  convolutional, 16 filters: ${meanScore(shiftedCopyScores(conv.weight))}`);
console.log(`pictures in ${out}`);
