/**
 * lm-compare's neural probabilistic language model (Bengio et al. 2003): trained on the training
 * split's (context window, next word) pairs in shuffled minibatches, on the recurrent models' budget.
 */
import { nextTurn } from "../backend/index.js";
import * as nn from "../nn/index.js";
import * as optim from "../optim/index.js";
import { tensor } from "../ops/index.js";
import { defaultGenerator, manualSeed } from "../tensor/index.js";
import { NPLM } from "../models/index.js";
import { guardedStep } from "./guarded-step.js";
import { trainWithinBudget } from "./lm-compare-budget.js";
import type { LmCompareProgress, LmCompareSettings } from "./lm-compare.js";

/**
 * A fresh NPLM (seeded by s.seed) trained with Adam at s.lr, clipped at s.clipGradNorm, on minibatches
 * of s.batchSize × s.seqLen windows — as many target tokens per update as one truncated-BPTT chunk of
 * the recurrent models — for up to s.epochs passes or s.minutes. The targets are training tokens
 * 1 … m − 1, each predicted from the s.nplmContext tokens before it (start slots before token 0).
 */
export async function trainNplm(train: Int32Array, V: number, s: LmCompareSettings, onProgress?: LmCompareProgress): Promise<{ model: NPLM; name: string; trainSeconds: number; epochs: number }> {
  manualSeed(s.seed);
  const model = new NPLM({ vocabSize: V, context: s.nplmContext, embeddingDim: s.embeddingDim, hidden: s.nplmHidden, directConnections: s.nplmDirect });
  const name = `NPLM n=${s.nplmContext + 1} ${s.embeddingDim}→${s.nplmHidden}${s.nplmDirect ? " +direct" : ""}`;
  const optimizer = new optim.Adam(model.parameters(), { lr: s.lr });
  const batch = s.batchSize * s.seqLen;
  const targets = train.length - 1;
  const minibatches = function* () {
    const order = defaultGenerator.permutation(targets);
    for (let from = 0; from < targets; from += batch) {
      const positions = order.subarray(from, Math.min(from + batch, targets)).map((i) => i + 1);
      yield { x: model.windows(train, positions), y: tensor(positions.map((p) => train[p]), [positions.length]) };
    }
  };
  model.train();
  const { trainSeconds, epochs } = await trainWithinBudget(
    name,
    { epochs: s.epochs, minutes: s.minutes, updatesPerEpoch: Math.ceil(targets / batch) },
    async (within) => {
      let lossSum = 0;
      let tokens = 0;
      let index = 0;
      for (const { x, y } of within(minibatches())) {
        const where = `lm-compare NPLM: minibatch ${++index}`;
        lossSum += guardedStep(nn.functional.crossEntropy(model.forward(x), y), { optimizer, model, clipGradNorm: s.clipGradNorm, where }) * y.size;
        tokens += y.size;
        await nextTurn(); // lets this minibatch's tensors go back to the backend
      }
      return lossSum / Math.max(tokens, 1);
    },
    onProgress,
  );
  return { model, name, trainSeconds, epochs };
}
