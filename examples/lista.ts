/**
 * Learned ISTA (Gregor & LeCun 2010, fig. 3's experiment on natural patches): how close to the
 * optimal sparse code Z* do K steps get? A dictionary of 128 atoms (λ 0.4) is learned on whitened
 * 8×8 mandrill patches; Z* is FISTA run 500 steps; LISTA with K = 1, 2, 5, 10 unfolded steps is
 * trained by Adam to predict Z* on 20,000 patches (the photograph's left 96 columns, randomly
 * flipped or turned); the table gives the relative error ‖Z − Z*‖² / ‖Z*‖² on 2,000 patches from
 * the right 32 columns for K and 10·K steps of ISTA and FISTA and K-step LISTA; and, since a
 * coordinate-descent step updates a single unit (O(code size) work where an ISTA step is
 * O(code size²)), for 10·K steps of CoD and 10·K-step LCoD (K ≤ 5: LCoD at 100 steps trains slowly).
 *
 * Run after `npm run build`:  node dist/examples/lista.js
 */
import { Generator, optim, type Tensor } from "../src/index.js";
import { whitenedPatches } from "../src/unsupervised/pca/index.js";
import { codePredictionEpoch, dictionaryStep, forEachBatch, Lcod, Lista, relativeCodeError, SparseCoding } from "../src/unsupervised/sparse-coding/index.js";

const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)}s`;
const { train, test } = whitenedPatches({ size: 8, count: 20000, testCount: 2000, symmetries: true });
const coder = new SparseCoding(64, 128, { lambda: 0.4, seed: 1 });
const generator = new Generator(1);
const dictionaryOptimizer = new optim.Adam(coder.parameters(), { lr: 0.003 });
for (let epoch = 0; epoch < 3; epoch++) forEachBatch([train], { batchSize: 250, generator }, (y) => dictionaryStep(coder, y, dictionaryOptimizer, { iterations: 50 }));
const zTrain = coder.infer(train, { iterations: 500 });
const zTest = coder.infer(test, { iterations: 500 });
const drift = relativeCodeError(coder.infer(test, { iterations: 250 }), zTest);
console.log(`dictionary and Z* ready (${elapsed()}); Z* after 250 vs 500 FISTA steps differs by ${drift.toExponential(1)} (relative)`);
console.log(`active units in Z*: ${(100 * zTest.ne(0).float().mean().itemSync()).toFixed(1)}%\n`);

/** The model after `epochs` of Adam (lr 0.001, batches of 100) on predicting the training Z*. */
function trained<M extends Lista | Lcod>(model: M, epochs: number): M {
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.001 });
  for (let epoch = 0; epoch < epochs; epoch++) codePredictionEpoch(model, train, zTrain, optimizer, { batchSize: 100, generator });
  return model;
}

const error = (z: Tensor) => relativeCodeError(z, zTest).toFixed(3);
console.log("relative code error ‖Z − Z*‖²/‖Z*‖² on held-out patches");
console.log("   K   ISTA(K)  ISTA(10K)  FISTA(K)  FISTA(10K)  LISTA(K)   CoD(10K)  LCoD(10K)");
for (const k of [1, 2, 5, 10]) {
  const lista = error(trained(new Lista(coder, k), 10).forward(test));
  const lcod = k <= 5 ? error(trained(new Lcod(coder, 10 * k), 5).forward(test)) : "  —  ";
  console.log(
    `${String(k).padStart(4)}  ${error(coder.infer(test, { method: "ista", iterations: k }))}    ${error(coder.infer(test, { method: "ista", iterations: 10 * k }))}      ` +
      `${error(coder.infer(test, { iterations: k }))}     ${error(coder.infer(test, { iterations: 10 * k }))}       ${lista}      ` +
      `${error(coder.cod(test, 10 * k))}      ${lcod}   (${elapsed()})`,
  );
}
