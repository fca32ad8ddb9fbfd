/**
 * `strata caption`: trains a captioner (Show, Attend and Tell by default, or Show and Tell) on
 * freshly drawn captioned images of MNIST training digits, then captions held-out images made from
 * its test digits and prints exact match and BLEU-4, greedy and by beam search, and a few captions;
 * `--out DIR` writes the attention of each word over an image and a grid of captioned images.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manualSeed } from "../index.js";
import { captionBatch, captionDecoding, captionedDigits, captionTrainingBatches, captionVocabulary, mnist } from "../data/index.js";
import { ShowAndTell, ShowAttendTell, trainCaptioner } from "../models/index.js";
import { captionScores } from "../train/index.js";
import { attentionFigure, captionGrid } from "../viz/index.js";

export interface CaptionCommandOptions {
  model: "attention" | "show-and-tell";
  steps: number;
  batchSize: number;
  heldOut: number;
  beam: number;
  seed: number;
  /** Adam's learning rate; default by model, as the example's. */
  lr?: number;
  out?: string;
}

/** The example's sizes (examples/captioning-mnist.ts), which reach 93% exact match with attention at 2,000 steps. */
const SIZE = { widths: [8, 16, 32], embeddingDim: 32, hiddenSize: 96 } as const;
const HELD_OUT_SEED = 2015;
/** The rates examples/captioning-mnist.ts trains with: Show and Tell learns best of 0.001, 0.003 and 0.01 at 0.003. */
const DEFAULT_LR = { attention: 0.01, "show-and-tell": 0.003 } as const;

export async function captionCommand(options: CaptionCommandOptions): Promise<void> {
  const { model: kind, steps, batchSize, heldOut: count, beam, seed, lr = DEFAULT_LR[kind], out } = options;
  manualSeed(seed);
  const [train, test] = await Promise.all([mnist("train"), mnist("test")]);
  const heldOut = captionedDigits(test, { count, seed: HELD_OUT_SEED });
  const vocabulary = captionVocabulary();
  const model = kind === "attention" ? new ShowAttendTell(vocabulary.size, { ...SIZE, attentionDim: 32 }) : new ShowAndTell(vocabulary.size, SIZE);
  const name = kind === "attention" ? "Show, Attend and Tell" : "Show and Tell";
  console.log(`${name}: ${steps} steps of ${batchSize} captioned training images, then ${count} held-out images of MNIST test digits`);
  const started = performance.now();
  let sum = 0;
  const every = Math.min(100, steps);
  trainCaptioner(model, captionTrainingBatches(train, vocabulary, batchSize), {
    steps,
    lr,
    onStep: (step, loss) => {
      sum += loss;
      if ((step + 1) % every !== 0) return;
      console.log(`  step ${step + 1}: mean loss ${(sum / every).toFixed(4)}  (${((performance.now() - started) / 1000).toFixed(0)} s)`);
      sum = 0;
    },
  });
  const decode = captionDecoding(vocabulary);
  const greedy = captionScores(model, vocabulary, heldOut.images, heldOut.captions, decode);
  const beamed = captionScores(model, vocabulary, heldOut.images, heldOut.captions, { ...decode, beamWidth: beam });
  const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
  console.log(`greedy: exact match ${percent(greedy.exact)}, BLEU-4 ${greedy.bleu.toFixed(3)}`);
  console.log(`beam ${beam}: exact match ${percent(beamed.exact)}, BLEU-4 ${beamed.bleu.toFixed(3)}`);
  for (let i = 0; i < Math.min(5, count); i++) {
    const right = greedy.captions[i] === heldOut.captions[i];
    console.log(`  image ${i}: "${greedy.captions[i]}"${right ? "" : `  (true: "${heldOut.captions[i]}")`}`);
  }
  if (out === undefined) return;
  mkdirSync(out, { recursive: true });
  const shown = Math.min(16, count);
  const grid = captionGrid(heldOut.images.narrow(0, 0, shown), greedy.captions.slice(0, shown), { truth: heldOut.captions.slice(0, shown), title: `${name}, greedy: ${shown} held-out images (red: wrong)` });
  writeFileSync(join(out, "captions.svg"), grid);
  if (model instanceof ShowAttendTell) {
    const image = heldOut.images.narrow(0, 0, 1);
    const words = greedy.captions[0].split(" ");
    // row t of the maps is where the model looked to predict word t; the last row, the end token
    const maps = model.attentionMaps(image, captionBatch(vocabulary, [greedy.captions[0]]).input).select(0, 0);
    writeFileSync(join(out, "attention.svg"), attentionFigure(image.select(0, 0), [...words, "<end>"], maps, { title: `${name} on held-out image 0: where it looked for each word` }));
  }
  console.log(`pictures in ${out}`);
}
