import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { search } from "../../../src/train/index.js";

const { choice, logUniform, parseSpace, uniform } = search;

describe("parseSpace", () => {
  it("reads entries separated by ; and new lines, kebab-case names, comments, constants and nested choices", () => {
    const text = `lr=log(0.005, 0.2); weight-decay=choice(0, log(1e-5, 1e-3))
      # the batch sizes the machine handles well
      batch-size = choice(32, 64, 128)
      dropout=uniform(0, .3); momentum=0.9; optimizer=adam; augment=false`;
    assert.deepEqual(parseSpace(text), {
      lr: logUniform(0.005, 0.2),
      weightDecay: choice([0, logUniform(1e-5, 1e-3)]),
      batchSize: choice([32, 64, 128]),
      dropout: uniform(0, 0.3),
      momentum: 0.9,
      optimizer: "adam",
      augment: false,
    });
  });

  it("a later entry for the same setting replaces the earlier one", () => {
    assert.deepEqual(parseSpace("lr=0.1; lr=log(0.01, 0.1)"), { lr: logUniform(0.01, 0.1) });
  });

  it("names the entry and what is wrong with it", () => {
    const cases: [string, RegExp][] = [
      ["lr=log(0.1)", /^"lr=log\(0.1\)": log\(…\) takes 2 numbers, got \(0.1\)$/],
      ["lr=gauss(0, 1)", /"lr=gauss\(0, 1\)": unknown function gauss\(…\); expected log, uniform, int, choice/],
      ["lr 0.1", /"lr 0.1": expected name=value/],
      ["lr=log(1, 0.1)", /"lr=log\(1, 0.1\)": logUniform\(1, 0.1\): expected finite bounds with low < high/],
      ["lr=log(0, 0.1)", /the bounds must be positive/],
      ["batch-size=choice(32 64)", /"batch-size=choice\(32 64\)": choice\(…\): expected "," or "\)"/],
      ["lr=0.1 0.2", /unexpected "0.2" after the value/],
      ["lr=0.1$", /unexpected "\$"/],
      ["lr=", /a value is missing/],
    ];
    for (const [text, message] of cases) assert.throws(() => parseSpace(text), { name: "SyntaxError", message }, text);
  });
});
