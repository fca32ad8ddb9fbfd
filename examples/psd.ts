/**
 * Predictive sparse decomposition on whitened 8×8 mandrill patches (baboon-image-uri): the
 * dictionary and a D·tanh(W_e y + b) encoder trained jointly; then the encoder's codes against
 * FISTA's on held-out patches — how close, and how much faster. Then invariant (topographic) PSD:
 * the L1 penalty replaced by L2 norms of overlapping 3×3 groups on a 12×12 torus of code units,
 * with the learned filters laid out on that grid (neighbours come to share orientation), and the
 * mean |cosine| between grid neighbours' filters against that of random pairs.
 *
 * Run after `npm run build`:  node dist/examples/psd.js [output folder, default /tmp/strata-psd]
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Generator, optim, type Tensor } from "../src/index.js";
import { whitenedPatches } from "../src/unsupervised/pca/index.js";
import { codingSpeed, Psd, TanhEncoder } from "../src/unsupervised/psd/index.js";
import { forEachBatch, relativeCodeError, SparseCoding, TopographicSparseCoding } from "../src/unsupervised/sparse-coding/index.js";
import { filterImage, writePng } from "../src/viz/index.node.js";

const out = process.argv[2] ?? "/tmp/strata-psd";
mkdirSync(out, { recursive: true });
const { train, test } = whitenedPatches({ size: 8, count: 20000, testCount: 2000 });
const generator = new Generator(1);

function fit(psd: Psd, epochs: number, label: string, lr = 0.003): void {
  const optimizer = new optim.Adam(psd.parameters(), { lr });
  for (let epoch = 1; epoch <= epochs; epoch++) {
    const start = performance.now();
    const r = forEachBatch([train], { batchSize: 250, generator }, (y) => psd.learningStep(y, optimizer));
    console.log(
      `${label} epoch ${epoch}: energy ${r.energy.toFixed(3)}, encoder's relative error ${r.predictionError.toFixed(3)}, ` +
        `${(100 * r.activeFraction).toFixed(1)}% active  ${((performance.now() - start) / 1000).toFixed(1)}s`,
    );
  }
}

const pictures = (weight: Tensor) => filterImage(weight.detach().reshape([weight.shape[0], 1, 8, 8]), { scale: 5 });

// 1. PSD.
const encoder = new TanhEncoder(64, 128);
const psd = new Psd(new SparseCoding(64, 128, { lambda: 0.8, seed: 1 }), encoder, { alpha: 1, iterations: 50 });
fit(psd, 4, "PSD");
await writePng(join(out, "psd-dictionary.png"), pictures(psd.coder.weight));
await writePng(join(out, "psd-encoder.png"), pictures(encoder.linear.weight));
const optimal = psd.coder.infer(test, { iterations: 500 });
console.log(`\nheld out, the encoder's relative error against PSD's own Z* (α = 1): ${relativeCodeError(psd.forward(test), psd.infer(test, 500)).toFixed(3)}`);
console.log(`  against plain sparse coding's Z* (α = 0): encoder ${relativeCodeError(psd.forward(test), optimal).toFixed(3)}`);
for (const n of [1, 5, 20]) console.log(`  FISTA ${n} steps from zero: ${relativeCodeError(psd.coder.infer(test, { iterations: n }), optimal).toFixed(3)}`);
const speed = codingSpeed(psd, test, 100);
console.log(`speed on ${test.shape[0]} patches: encoder ${Math.round(speed.encoder)} samples/s, FISTA (100 steps) ${Math.round(speed.fista)} samples/s: ${(speed.encoder / speed.fista).toFixed(0)}×\n`);

// 2. Invariant PSD: topographic group sparsity.
const side = 12;
// λ is per group, and a lone active unit sits in g² = 9 of them: 0.25 here is about 2.25 in L1 terms.
const topographic = new TopographicSparseCoding(64, side, side, { lambda: 0.25, seed: 2, groupSize: 3, smoothing: 0.01 });
const ipsd = new Psd(topographic, new TanhEncoder(64, side * side), { alpha: 1, iterations: 50 });
fit(ipsd, 10, "invariant PSD", 0.01);
await writePng(join(out, "topographic-dictionary.png"), pictures(topographic.weight));

const similarity = topographic.neighbourSimilarity();
console.log(`mean |cosine| between filters: grid neighbours ${similarity.neighbours.toFixed(3)}, all pairs ${similarity.allPairs.toFixed(3)}`);
console.log(`pictures in ${out}`);
