/** `strata inspect`: a small trained run turned into one self-contained HTML report; missing files named. */
import assert from "node:assert/strict";
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Tensor } from "../../src/index.js";
import { saveCheckpoint } from "../../src/io/index.js";
import { JsonlLog } from "../../src/train/index.js";
import { writePng } from "../../src/viz/index.node.js";
import { snapshot } from "./dir-snapshot.js";
import { scratchDir, strata } from "./run-strata.js";

const out = scratchDir("strata-inspect-");

describe("strata inspect", () => {
  const run = join(out, "lenet");
  it("trains a small LeNet-5, saving the first layer's filters each epoch", () => {
    const trained = strata("train", "lenet5", "--epochs", "2", "--limit", "600", "--out", run, "--no-progress");
    assert.equal(trained.code, 0, trained.stderr);
    assert.ok(existsSync(join(run, "filters", "epoch-0001.safetensors")) && existsSync(join(run, "filters", "epoch-0002.safetensors")));
    assert.match(trained.stdout, /see inside: npx strata inspect/);
  });

  it("writes one HTML file with every section, its images embedded and nothing fetched", () => {
    const r = strata("inspect", run, "--samples", "300");
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(join(run, "inspect", "report.html"), "utf8");
    for (const title of ["Architecture", "Training", "Filters", "Activations", "Hidden units", "What units respond to", "Mistakes", "Why it decided", "Optimising the input", "Invariance", "Feature tapping", "Embedding"]) {
      assert.match(html, new RegExp(`<h2>${title}</h2>`), `no ${title} section`);
    }
    assert.match(html, /feature evolution: the filters of layer 0 \(columns\) after epochs 1, 2/);
    assert.ok((html.match(/src="data:image\/png;base64,/g) ?? []).length >= 30, "the pictures are embedded");
    assert.doesNotMatch(html, /(src|href)="(https?:)?\/\//, "nothing is loaded from elsewhere");
    assert.match(html, /of 300 test images right/);
    assert.ok((html.match(/<svg[ >]/g) ?? []).length >= 10, "curves, histograms, confusion matrix, invariance and tapping plots are inline SVG");
    assert.match(html, /class models, 0: p = .*, 9: p = /);
    const figures = readdirSync(join(run, "inspect", "figures"));
    assert.ok(figures.includes("03-filters-1-layer-0-6-filters-1-5-5-one-tile-per-fil.png"), figures.slice(0, 8).join(", "));
    assert.ok(figures.filter((f) => f.endsWith(".svg")).length >= 10);
  });

  it("reports on a run of another command (an autoencoder, say): its logged numbers, its filters, the pictures it drew", async () => {
    const other = join(out, "autoencoder");
    const weight = new Tensor(Float32Array.from({ length: 16 * 784 }, (_, i) => Math.sin(i)), [16, 784]);
    await saveCheckpoint(join(other, "checkpoint"), { model: { "encoder.weight": weight, "encoder.bias": new Tensor(new Float32Array(16), [16]) }, extra: { config: { model: "autoencoder" } } });
    const log = new JsonlLog(join(other, "log.jsonl"));
    [0.31, 0.12, 0.08].forEach((error, i) => log.append({ epoch: i + 1, reconstructionError: error, seconds: 2 }));
    log.append({ testLogLikelihood: -121.12 });
    await writePng(join(other, "samples.png"), new Tensor(new Float32Array(12).fill(0.5), [2, 2, 3]));
    const r = strata("inspect", other);
    assert.equal(r.code, 0, r.stderr);
    const html = readFileSync(join(other, "inspect", "report.html"), "utf8");
    for (const title of ["Training", "Filters", "Pictures of the run"]) assert.match(html, new RegExp(`<h2>${title}</h2>`));
    assert.match(html, /reconstructionError per epoch/);
    assert.doesNotMatch(html, /seconds per epoch/, "pace is not plotted");
    assert.match(html, /<td>testLogLikelihood<\/td><td>-121\.12<\/td>/, "a figure logged once is a table row, not a curve");
    assert.doesNotMatch(html, /testLogLikelihood per epoch/);
    assert.match(html, /encoder\.weight \[16, 784\]/);
    assert.match(html, /<figcaption>samples\.png<\/figcaption>/);
  });

  it("checks every input before it writes: a report stays as it was when a run to compare with has no log", () => {
    const report = join(run, "inspect");
    const before = snapshot(report);
    const r = strata("inspect", run, "--compare", join(out, "nowhere"));
    assert.equal(r.code, 1);
    assert.match(r.stderr, /--compare: .*nowhere holds no training log/);
    assert.equal(strata("inspect", run, "--out", join(run, "log.jsonl")).code, 2);
    assert.deepEqual(snapshot(report), before);
  });

  it("names what is missing from a run directory", () => {
    assert.match(strata("inspect", join(out, "nowhere")).stderr, /no run directory .*nowhere/);
    const empty = join(out, "empty");
    mkdirSync(empty);
    assert.match(strata("inspect", empty).stderr, /holds no checkpoint: .*checkpoint\.json is missing/);
    rmSync(join(run, "log.jsonl"));
    assert.match(strata("inspect", run).stderr, /holds no training log: .*log\.jsonl is missing/);
  });
});
