/** `strata caption`: a short real run prints its scores and captions and writes its pictures; bad flags are refused. */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { scratchDir, strata } from "./run-strata.js";

describe("strata caption", () => {
  it("trains briefly, scores greedy and beam captions of held-out images, and draws them", () => {
    const out = join(scratchDir("strata-caption-"), "pictures");
    const run = strata("caption", "--steps", "6", "--batch-size", "8", "--held-out", "12", "--beam", "2", "--out", out);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Show, Attend and Tell: 6 steps of 8 captioned training images, then 12 held-out images/m);
    assert.match(run.stdout, /^greedy: exact match \d+\.\d%, BLEU-4 \d\.\d{3}$/m);
    assert.match(run.stdout, /^beam 2: exact match \d+\.\d%, BLEU-4 \d\.\d{3}$/m);
    assert.equal(run.stdout.match(/^ {2}image \d+: "/gm)?.length, 5);
    assert.ok(existsSync(join(out, "attention.svg")));
    assert.match(readFileSync(join(out, "captions.svg"), "utf8"), /^<svg/);
  });

  it("refuses an unknown model", () => {
    const run = strata("caption", "--model", "lstm");
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--model.*lstm.*(attention|show-and-tell)/);
  });
});
