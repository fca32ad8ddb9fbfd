/**
 * `strata protocols`: the lectures' three ways to learn with few labels, on MNIST — (a) supervised
 * from random initialisation; (b) greedy unsupervised pre-training (stacked denoising autoencoders,
 * and a DBN) on all training images, then a linear classifier on the frozen features; (c) the same
 * pre-training, then the whole stack fine-tuned — for each label budget, in one table with times.
 */
import { join } from "node:path";
import { Generator, manualSeed, nextTurn } from "../index.js";
import { fetchBatch, mnist, TensorDataset } from "../data/index.js";
import { writeFileAtomic } from "../io/index.js";
import { UsageError } from "./options.js";
import { checkRunDir, takeRunDir } from "./run-dir.js";
import { fineTune, linearProbe, type ProtocolResult } from "../unsupervised/index.js";
import { copyStack, pretrainBeliefNet, pretrainDenoisingStack, sigmoidStack } from "./protocols/pretrained.js";
import { definedOnly } from "../train/defined-only.js";

export interface ProtocolsSettings {
  /** Labelled training images per run (the first of a seeded shuffle of the 60,000). */
  labels: number[];
  hidden: number[];
  pretrainEpochs: number;
  /** Supervised epochs with all 60,000 labels; smaller budgets get more, to make at least minSteps steps. */
  epochs: number;
  /** Small budgets still get this many SGD steps (2 batches of 64 for 100 labels would otherwise teach nothing). */
  minSteps: number;
  /** Training images used for pre-training (and drawn from for labels). */
  limit: number;
  testLimit: number;
  seed: number;
}

export const PROTOCOLS_DEFAULTS: ProtocolsSettings = { labels: [100, 1000, 60000], hidden: [500, 500], pretrainEpochs: 5, epochs: 10, minSteps: 2000, limit: 60000, testLimit: 10000, seed: 1 };

const BATCH = 64;

export interface ProtocolRow {
  protocol: string;
  labels: number;
  accuracy: number;
  seconds: number;
}

const PROTOCOLS = ["(a) supervised, random init", "(b) SDAE + linear classifier", "(b) DBN + linear classifier", "(c) SDAE, fine-tuned", "(c) DBN, fine-tuned"] as const;

export interface ProtocolsOptions extends Partial<ProtocolsSettings> {
  /** Also write protocols.json and protocols.md here; earlier ones are moved aside as a training run's are. */
  out?: string;
  /** Delete the earlier results in `out` once the new ones are written (instead of keeping them aside). */
  overwrite?: boolean;
  print?: (line: string) => void;
}

/** Runs every protocol for every budget; prints and returns the rows, and writes them to `out` if given. */
export async function protocolsCommand(options: ProtocolsOptions = {}): Promise<ProtocolRow[]> {
  const { out, overwrite, print = console.log, ...given } = options;
  const s: ProtocolsSettings = { ...PROTOCOLS_DEFAULTS, ...definedOnly(given) };
  if (out !== undefined) checkRunDir(out);
  const train = await mnist("train", { limit: s.limit });
  const test = await mnist("test", { limit: s.testLimit });
  const pixels = train.x.reshape([train.length, -1]);
  for (const budget of s.labels) {
    if (!Number.isInteger(budget) || budget < 1 || budget > pixels.shape[0]) throw new UsageError(`--labels: each budget must be an integer from 1 to ${pixels.shape[0]} (the training images used), got ${budget}`);
  }
  const resultsSaved = out === undefined ? () => {} : takeRunDir(out, { overwrite, results: "results", print });
  manualSeed(s.seed);
  const pretrain = { hidden: s.hidden, epochs: s.pretrainEpochs, batchSize: 100, seed: s.seed };
  print(`pre-training on ${pixels.shape[0]} unlabelled images: ${[784, ...s.hidden].join("-")}, ${s.pretrainEpochs} epochs a layer`);
  let started = performance.now();
  const sdae = await pretrainDenoisingStack(pixels, pretrain, print);
  const sdaeSeconds = (performance.now() - started) / 1000;
  started = performance.now();
  const dbn = await pretrainBeliefNet(pixels, pretrain, print);
  const dbnSeconds = (performance.now() - started) / 1000;
  print(`pre-training took ${sdaeSeconds.toFixed(0)} s (autoencoders) and ${dbnSeconds.toFixed(0)} s (DBN)`);

  const order = new Generator(s.seed).permutation(pixels.shape[0]);
  const pool = new TensorDataset(pixels, train.y);
  const testSet = { x: test.x.reshape([test.length, -1]), y: test.y };
  const rows: ProtocolRow[] = [];
  for (const budget of s.labels) {
    const labelled = fetchBatch(pool, order.subarray(0, budget));
    const epochs = Math.max(s.epochs, Math.ceil(s.minSteps / Math.ceil(budget / BATCH)));
    const supervised = { epochs, batchSize: BATCH, seed: s.seed, print: () => {} };
    const runs: [(typeof PROTOCOLS)[number], () => Promise<ProtocolResult>][] = [
      [PROTOCOLS[0], () => fineTune([sigmoidStack(784, s.hidden)], labelled, testSet, supervised)],
      [PROTOCOLS[1], () => linearProbe([copyStack(sdae, 784, s.hidden)], labelled, testSet, supervised)],
      [PROTOCOLS[2], () => linearProbe([copyStack(dbn, 784, s.hidden)], labelled, testSet, supervised)],
      [PROTOCOLS[3], () => fineTune([copyStack(sdae, 784, s.hidden)], labelled, testSet, supervised)],
      [PROTOCOLS[4], () => fineTune([copyStack(dbn, 784, s.hidden)], labelled, testSet, supervised)],
    ];
    for (const [protocol, run] of runs) {
      const { accuracy, seconds } = await run();
      rows.push({ protocol, labels: budget, accuracy, seconds });
      print(`  ${budget} labels, ${protocol}: ${(accuracy * 100).toFixed(2)}% (${epochs} epochs, ${seconds.toFixed(1)} s)`);
      await nextTurn();
    }
  }
  const table = formatTable(rows, s.labels, { sdaeSeconds, dbnSeconds, testImages: test.length });
  print(table);
  if (out !== undefined) {
    await writeFileAtomic(join(out, "protocols.json"), JSON.stringify({ settings: s, pretrainSeconds: { sdae: sdaeSeconds, dbn: dbnSeconds }, rows }, null, 2));
    await writeFileAtomic(join(out, "protocols.md"), table + "\n");
    resultsSaved();
  }
  return rows;
}

/** A Markdown table: protocols down, label budgets across, accuracy (and seconds) in each cell. */
export function formatTable(rows: readonly ProtocolRow[], budgets: readonly number[], { sdaeSeconds, dbnSeconds, testImages }: { sdaeSeconds: number; dbnSeconds: number; testImages: number }): string {
  const header = `| protocol | ${budgets.map((b) => `${b.toLocaleString("en-US")} labels`).join(" | ")} |`;
  const lines = PROTOCOLS.map((protocol) => `| ${protocol} | ${budgets.map((b) => {
    const row = rows.find((r) => r.protocol === protocol && r.labels === b);
    return row ? `${(row.accuracy * 100).toFixed(2)}% (${row.seconds.toFixed(0)} s)` : "–";
  }).join(" | ")} |`);
  return [
    `test accuracy on ${testImages.toLocaleString("en-US")} MNIST test images (supervised training time); pre-training once: ${sdaeSeconds.toFixed(0)} s for the autoencoders, ${dbnSeconds.toFixed(0)} s for the DBN`,
    "",
    header,
    `| --- | ${budgets.map(() => "---").join(" | ")} |`,
    ...lines,
  ].join("\n");
}
