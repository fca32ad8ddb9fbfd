/** `strata filters`: a checkpoint's weights drawn as a filter grid, convolutional or fully connected. */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { decode } from "fast-png";
import { readFileSync } from "node:fs";
import { Tensor } from "../../src/index.js";
import { filtersCommand, weightPicture } from "../../src/cli/filters-command.js";
import { saveCheckpoint } from "../../src/io/index.js";
import { assertShape } from "../helpers.js";
import { snapshot } from "./dir-snapshot.js";
import { strata } from "./run-strata.js";

const out = mkdtempSync(join(tmpdir(), "strata-filters-"));
after(() => rmSync(out, { recursive: true, force: true }));
const ramp = (shape: number[]) => new Tensor(Float32Array.from({ length: shape.reduce((a, b) => a * b) }, (_, i) => i % 7), shape);

describe("strata filters", () => {
  it("draws a matrix with a 28×28 side as one tile per hidden unit, whichever side it is on", () => {
    // [hidden, 784] (a Linear encoder) and [784, hidden] (an RBM's W) give the same layout: 10 tiles of 28×28.
    const rows = weightPicture(ramp([10, 784]))!;
    const columns = weightPicture(new Tensor(Float32Array.from({ length: 7840 }, (_, i) => ramp([10, 784]).values[(i % 10) * 784 + Math.floor(i / 10)]), [784, 10]))!;
    assert.deepEqual([...rows.values], [...columns.values]);
    assertShape(rows, [3 * 29 + 1, 4 * 29 + 1, 1]); // 28×28 tiles (already ≥ 24 pixels, not enlarged) in 4 columns, 3 rows
    assert.equal(weightPicture(ramp([10, 30])), null, "no square-image side");
    assert.equal(weightPicture(ramp([5])), null);
  });

  it("writes the first drawable weight of a run's checkpoint, and names what it could not draw", async () => {
    const run = join(out, "run");
    await saveCheckpoint(join(run, "checkpoint"), { model: { bias: ramp([10]), weight: ramp([6, 64]) } });
    const name = await filtersCommand(run, join(out, "f.png"));
    assert.equal(name, "weight");
    const png = decode(readFileSync(join(out, "f.png")));
    assert.equal(png.width, 3 * 25 + 1, "6 tiles of 8×8 enlarged 3× to 24, in 3 columns");
    await assert.rejects(filtersCommand(run, join(out, "g.png"), { tensor: "bias" }), /tensor "bias" can be drawn as filters.*bias \[10\], weight \[6, 64\]/);
    await assert.rejects(filtersCommand(run, join(out, "g.png"), { tensor: "nope" }), /no tensor "nope" \(it has: bias, weight\)/);
    await assert.rejects(filtersCommand(join(out, "missing"), join(out, "g.png")), /holds no checkpoint/);
  });

  it("writes only to a .png path, and leaves the picture and the run as they were when it cannot draw", () => {
    const run = join(out, "run");
    const before = snapshot(out);
    const swapped = strata("filters", run, join(run, "checkpoint", "checkpoint.json"));
    assert.equal(swapped.code, 2);
    assert.match(swapped.stderr, /^strata: the picture's path must end in \.png, got .*checkpoint\.json$/m);
    assert.equal(strata("filters", run, join(out, "f.png"), "--tensor", "nope").code, 1);
    assert.deepEqual(snapshot(out), before);
  });
});
