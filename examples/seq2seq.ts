/**
 * Sequence to sequence (Sutskever et al. 2014, with Luong attention): an encoder–decoder LSTM
 * learns to reverse digit strings of lengths 3–8 from freshly generated batches (teacher forcing),
 * then decodes held-out strings — never seen in training — greedily and by beam search, and prints
 * the exact-match accuracy on the training lengths and on longer strings (9–10 digits).
 * Measured (400 steps of 64, 178 s on a shared 2-core machine): 100.0% greedy and 100.0% beam 5 on
 * 500 held-out strings of lengths 3–8; 39.0% greedy and 39.6% beam 5 on lengths 9–10.
 *
 * Run after `npm ci`:  node dist/examples/seq2seq.js [reverse|sort|add] [steps]
 */
import { Generator, manualSeed } from "../src/index.js";
import { SEQ_VOCAB, seqBatch, seqTaskExamples, type SeqTask, type SeqTaskOptions } from "../src/data/index.js";
import { Seq2Seq, seq2seqExactMatch, trainSeq2Seq } from "../src/models/index.js";

const task = (process.argv[2] ?? "reverse") as SeqTask;
const steps = Number(process.argv[3] ?? 400);
const lengths: SeqTaskOptions = task === "add" ? { minLength: 1, maxLength: 3 } : { minLength: 3, maxLength: 8 };
const longer: SeqTaskOptions = { minLength: lengths.maxLength + 1, maxLength: lengths.maxLength + 2 };

manualSeed(0);
const generator = new Generator(1);
const model = new Seq2Seq(SEQ_VOCAB.size, { embeddingDim: 32, hiddenSize: 128 });
console.log(`seq2seq on ${task}, lengths ${lengths.minLength}–${lengths.maxLength}: ${model.parameters().reduce((n, p) => n + p.size, 0)} parameters, ${steps} steps of 64`);

const start = performance.now();
trainSeq2Seq(model, () => seqBatch(seqTaskExamples(task, 64, generator, lengths)), {
  steps,
  lr: 0.005,
  onStep: (step, loss) => {
    if ((step + 1) % 100 === 0) console.log(`step ${step + 1}/${steps}  loss ${loss.toFixed(4)}  ${((performance.now() - start) / 1000).toFixed(0)}s`);
  },
});
console.log(`trained in ${((performance.now() - start) / 1000).toFixed(1)} s`);

const tokens = { startToken: SEQ_VOCAB.SOS, endToken: SEQ_VOCAB.EOS };
for (const [name, options] of [["training lengths", lengths], ["longer", longer]] as const) {
  const held = seqBatch(seqTaskExamples(task, 500, new Generator(2), { ...options, split: "test" }));
  const greedy = seq2seqExactMatch(model, held, tokens);
  const beam = seq2seqExactMatch(model, held, { ...tokens, beamWidth: 5 });
  const pct = (a: number) => `${(100 * a).toFixed(1)}%`;
  console.log(`held-out ${name} (${options.minLength}–${options.maxLength}, ${held.examples.length} examples): greedy ${pct(greedy.accuracy)}, beam 5 ${pct(beam.accuracy)}`);
  const { source, target } = held.examples[0];
  console.log(`  e.g. ${source} → ${SEQ_VOCAB.decode(greedy.predictions[0])} (expected ${target})`);
}
