import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { lmCompareCommand } from "../../src/cli/lm-compare-command.js";
import { strata } from "./run-strata.js";

/** Runs the command with console.log captured; returns the printed lines. */
async function printed(options: Parameters<typeof lmCompareCommand>[0]): Promise<string[]> {
  const log = mock.method(console, "log", () => {});
  try {
    await lmCompareCommand(options);
    return log.mock.calls.map((c) => c.arguments.join(" "));
  } finally {
    log.mock.restore();
  }
}

describe("lmCompareCommand", () => {
  it("prints the setup, each neural model's epoch and one table row per model", async () => {
    const lines = await printed({ text: "austen-persuasion", tokens: 2500, minCount: 2, embeddingDim: 6, hidden: 10, nplmContext: 2, nplmHidden: 8, nplmDirect: true, batchSize: 4, seqLen: 8, epochs: 1, seed: 2, score: ["It was not to be.", "Was she happy very xyzzy?"] });
    assert.match(lines[0], /^comparing word-level language models on austen-persuasion: 2500 tokens, split 80\/10\/10/);
    assert.match(lines[1], /^  NPLM: n = 3 \(2 previous words\), embedding 6, tanh hidden 8, direct connections; minibatches of 32 windows/);
    assert.match(lines.find((l) => l.includes("NPLM n=3 6→8 +direct epoch 1:"))!, /train loss \d+\.\d{3} nats\/token/);
    assert.match(lines[2], /embedding 6, hidden 10; adam lr 0\.003, clip 1, truncated BPTT 4×8; up to 1 epoch or 2 min each, seed 2/);
    assert.match(lines.find((l) => l.includes("Elman RNN 6→10 epoch 1:"))!, /train loss \d+\.\d{3} nats\/token \(perplexity \d+\.\d\)/);
    assert.ok(lines.some((l) => l.startsWith("  LSTM 6→10 epoch 1:")));
    assert.match(lines.find((l) => l.startsWith("vocabulary"))!, /^vocabulary \d+ words; 2000 \/ 250 \/ 250 train \/ validation \/ test tokens$/);
    const header = lines.findIndex((l) => l.startsWith("model "));
    assert.match(lines[header], /^model\s+parameters\s+val ppl\s+test ppl\s+train time$/);
    const rows = lines.slice(header + 2, header + 8);
    assert.deepEqual(rows.map((r) => r.split("  ")[0]), ["unigram (add-1)", "3-gram Kneser–Ney", "3-gram add-k (k=0.01)", "NPLM n=3 6→8 +direct", "Elman RNN 6→10", "LSTM 6→10"]);
    for (const r of rows) assert.match(r, /\s[\d,]+\s+\d+\.\d\s+\d+\.\d\s+\d/);
    assert.match(lines[header + 8], /over the same 249 validation \/ 249 test target tokens for every model/);
    const scores = lines.findIndex((l) => l.startsWith("log P("));
    assert.equal(lines[scores], 'log P("It was not to be."), nats, first token given:');
    assert.deepEqual(lines.slice(scores + 1, scores + 6).map((l) => l.trim().split(/ {2,}/)[0]), rows.slice(1).map((r) => r.split("  ")[0]));
    for (const l of lines.slice(scores + 1, scores + 6)) assert.match(l, /\s-\d+\.\d\d$/);
    assert.match(lines[scores + 6], /^log P\("Was she happy very xyzzy\?"\), nats, first token given; read as <unk>: .*xyzzy/);
    assert.match(lines.at(-1)!, /^done in \d+\.\d min$/);
  });

  it("documents the NPLM and --score flags, and refuses a bad one in one line", () => {
    const help = strata("lm-compare", "--help");
    for (const flag of ["--nplm-context", "--nplm-hidden", "--nplm-direct", "--score <sentence>"]) assert.ok(help.stdout.includes(flag), `lm-compare --help lacks ${flag}`);
    const bad = strata("lm-compare", "--nplm-context", "0");
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /^strata: .*--nplm-context.*positive integer, got "0"/);
  });

  it("names a bad NPLM setting", async () => {
    await assert.rejects(printed({ nplmContext: 0 }), /compareLanguageModels: nplmContext must be a positive integer, got 0/);
  });

  it("names the available texts when asked for an unknown one", async () => {
    await assert.rejects(printed({ text: "austen-nonesuch" }), /no text named "austen-nonesuch"; the available texts are .*austen-emma/);
  });
});
