/**
 * Learned ISTA (Gregor & LeCun 2010, fig. 3's experiment on natural patches): how close to the
 * optimal sparse code Z* do K steps get? A dictionary of 128 atoms is learned on whitened 8×8
 * mandrill patches; Z* is FISTA run 500 steps; LISTA with K = 1, 2, 5, 10 unfolded steps is
 * trained by Adam to predict Z* on 10,000 patches; the table gives the relative error
 * ‖Z − Z*‖² / ‖Z*‖² on 2,000 held-out patches for K and 10·K steps of ISTA and FISTA and for
 * K-step LISTA; and, since a coordinate-descent step updates a single unit (O(code size) work,
 * where an ISTA step is O(code size²)), for 10·K steps of CoD and 10·K-step LCoD.
 *
 * Run after `npm run build`:  node dist/examples/lista.js
 */
import { Generator, optim } from "../src/index.js";
import { whitenedPatches } from "../src/unsupervised/pca/index.js";
import { codePredictionEpoch, dictionaryStep, forEachBatch, Lcod, Lista, relativeCodeError, SparseCoding } from "../src/unsupervised/sparse-coding/index.js";

const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)}s`;
const { train, test } = whitenedPatches({ size: 8, count: 10000, testCount: 2000 });
const coder = new SparseCoding(64, 128, { lambda: 0.8, seed: 1 });
const generator = new Generator(1);
const dictionaryOptimizer = new optim.Adam(coder.parameters(), { lr: 0.003 });
for (let epoch = 0; epoch < 4; epoch++) forEachBatch([train], { batchSize: 250, generator }, (y) => dictionaryStep(coder, y, dictionaryOptimizer, { iterations: 50 }));
const zTrain = coder.infer(train, { iterations: 500 });
const zTest = coder.infer(test, { iterations: 500 });
const drift = relativeCodeError(coder.infer(test, { iterations: 250 }), zTest);
console.log(`dictionary and Z* ready (${elapsed()}); Z* after 250 vs 500 FISTA steps differs by ${drift.toExponential(1)} (relative)`);
console.log(`active units in Z*: ${(100 * zTest.ne(0).float().mean().itemSync()).toFixed(1)}%\n`);

function trained<M extends Lista | Lcod>(model: M, epochs: number): M {
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.003 });
  for (let epoch = 0; epoch < epochs; epoch++) codePredictionEpoch(model, train, zTrain, optimizer, { batchSize: 100, generator });
  return model;
}

const error = (z: ReturnType<typeof coder.infer>) => relativeCodeError(z, zTest).toFixed(3);
console.log("relative code error ‖Z − Z*‖²/‖Z*‖² on held-out patches");
console.log("   K   ISTA(K)  ISTA(10K)  FISTA(K)  FISTA(10K)  LISTA(K)   CoD(10K)  LCoD(10K)");
for (const k of [1, 2, 5, 10]) {
  const lista = trained(new Lista(coder, k), 30);
  const lcod = trained(new Lcod(coder, 10 * k), 30);
  console.log(
    `${String(k).padStart(4)}  ${error(coder.infer(test, { method: "ista", iterations: k }))}    ${error(coder.infer(test, { method: "ista", iterations: 10 * k }))}      ` +
      `${error(coder.infer(test, { iterations: k }))}     ${error(coder.infer(test, { iterations: 10 * k }))}       ${error(lista.forward(test))}      ` +
      `${error(coder.cod(test, 10 * k))}      ${error(lcod.forward(test))}   (${elapsed()})`,
  );
}
