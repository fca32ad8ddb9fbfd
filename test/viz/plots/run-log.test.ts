import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { JsonlLog } from "../../../src/train/index.js";
import { lineChart } from "../../../src/viz/plots/index.js";
import { readRunLog, writeSvg } from "../../../src/viz/plots/node.js";

const dir = mkdtempSync(join(tmpdir(), "strata-plots-"));
after(() => rmSync(dir, { recursive: true, force: true }));

describe("readRunLog", () => {
  it("reads the records of <runDir>/log.jsonl", () => {
    const log = new JsonlLog(join(dir, "run", "log.jsonl"));
    log.append({ epoch: 1, trainLoss: 2 });
    log.append({ epoch: 2, trainLoss: 1, valLoss: 1.2 });
    assert.deepEqual(readRunLog(join(dir, "run")), [{ epoch: 1, trainLoss: 2 }, { epoch: 2, trainLoss: 1, valLoss: 1.2 }]);
  });

  it("names the missing file and the directory", () => {
    const empty = join(dir, "empty");
    assert.throws(() => readRunLog(empty), (error: Error) => error.message.includes(`no log.jsonl in ${empty}`) && error.message.includes(join(empty, "log.jsonl")));
  });
});

describe("writeSvg", () => {
  it("writes the SVG, making the folders on its path", () => {
    const svg = lineChart({ series: [{ name: "a", points: [[0, 1], [1, 2]] }] });
    const path = join(dir, "deep", "er", "plot.svg");
    writeSvg(path, svg);
    assert.equal(readFileSync(path, "utf8"), svg);
  });

  it("refuses text that is not an SVG document", () => {
    assert.throws(() => writeSvg(join(dir, "x.svg"), "hello"), /writeSvg: the text to write to .*x.svg is not an SVG document \(it starts "hello"\)/);
  });
});
