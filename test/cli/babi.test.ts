import assert from "node:assert/strict";
import { describe, it, mock } from "node:test";
import { babiCommand } from "../../src/cli/babi-command.js";

/** Runs the command with console.log captured; returns the printed lines. */
function printed(options: Parameters<typeof babiCommand>[0]): string[] {
  const log = mock.method(console, "log", () => {});
  try {
    babiCommand(options);
    return log.mock.calls.map((c) => c.arguments.join(" "));
  } finally {
    log.mock.restore();
  }
}

describe("babiCommand", () => {
  it("prints the setup, each epoch, the test error and each hop's top-3 statements", () => {
    const lines = printed({ task: 1, epochs: 2, questions: 60 });
    assert.equal(lines[0], "MemN2N PE LS RN on generated bAbI task 1: 60 training and 60 test questions, 2 epochs");
    assert.match(lines[1], /^ {2}epoch 1: train loss \d+\.\d{3}, validation error \d+\.\d% \(linear start\)$/);
    assert.match(lines[3], /^test error \d+\.\d% \((passed|not passed): ≤ 5%\) in \d+ s$/);
    assert.match(lines[4], /^"where is \w+\?" answer \w+, predicted \w+; supporting facts \d+$/);
    assert.deepEqual(lines.slice(5).map((l) => l.slice(0, 6)), ["hop 1:", "hop 2:", "hop 3:"]);
    for (const hop of lines.slice(5)) assert.match(hop, /^hop \d: (\d\.\d\d \[\d+\] [a-z ]+)( \| \d\.\d\d \[\d+\] [a-z ]+)*$/);
  });

  it("names the tasks it can generate", () => {
    assert.throws(() => printed({ task: 3, epochs: 1, questions: 10 }), /runMemN2NOnTask: task 3 is not generated; choose from 1, 2, 4, 6, 7, 8, 9, 10, 11, 12, 13, 15, 16, 19/);
  });
});
