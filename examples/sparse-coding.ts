/**
 * Sparse coding of natural images, patch-based and convolutional. Learns a dictionary of 128
 * unit-norm atoms on ZCA-whitened 8×8 patches of the mandrill photograph (baboon-image-uri) and
 * writes it as a picture (localized, oriented edges); compares ISTA, FISTA and coordinate descent
 * at equal iteration counts on held-out patches; then learns 16 convolutional 8×8 filters on 256
 * whole 32×32 crops of the contrast-normalised photograph and measures how much each bank repeats
 * itself up to a shift (random filters for scale).
 *
 * Run after `npm run build`:  node dist/examples/sparse-coding.js [output folder, default /tmp/strata-sparse-coding]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Generator, nn, optim, randn } from "../src/index.js";
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

// 3. Convolutional sparse coding on whole crops of the contrast-normalised photograph. A code map
// has 16 × 39² units per 32² pixels, so λ must be high for codes to be sparse (~1% active), and
// FISTA from zero needs ~150 steps per batch to get there (30 left the filters noise).
const normalised = new nn.LocalContrastNorm(9).forward(toGrey(mandrill()).unsqueeze(0)).squeeze(0);
const crops = randomPatches(normalised, 32, 256, 3);
const conv = new ConvSparseCoding(1, 16, 8, { lambda: 1, seed: 1 });
const convEpochs = 8;
const convOptimizer = new optim.Adam(conv.parameters(), { lr: 0.01 });
for (let epoch = 1; epoch <= convEpochs; epoch++) {
  const start = performance.now();
  for (const group of convOptimizer.paramGroups) group.lr = 0.01 * (1 - (0.9 * (epoch - 1)) / (convEpochs - 1));
  const r = forEachBatch([crops], { batchSize: 8, generator }, (y) => dictionaryStep(conv, y, convOptimizer, { iterations: 150 }));
  console.log(`convolutional epoch ${epoch}: energy ${r.energy.toFixed(2)}, ${(100 * r.activeFraction).toFixed(2)}% active  ${seconds(start)}s`);
}
await writePng(join(out, "conv-dictionary.png"), filterImage(conv.weight, { scale: 8 }));

const meanScore = (t: ReturnType<typeof shiftedCopyScores>) => t.mean().itemSync().toFixed(3);
console.log(`\nmax normalised cross-correlation with another filter over all shifts (mean over filters; 1 = a shifted copy):`);
console.log(`  patch-based, 128 atoms: ${meanScore(shiftedCopyScores(patchFilters))};  the first 16: ${meanScore(shiftedCopyScores(patchFilters.narrow(0, 0, 16)))}`);
console.log(`  convolutional, 16 filters: ${meanScore(shiftedCopyScores(conv.weight))};  16 random filters: ${meanScore(shiftedCopyScores(randn([16, 1, 8, 8], { generator: new Generator(2) })))}`);
console.log(`pictures in ${out}`);
