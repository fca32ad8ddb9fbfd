/** `strata protocols` on a small scale: every protocol for every budget, a table, and learning that shows. */
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { formatTable, protocolsCommand } from "../../src/cli/protocols-command.js";
import { snapshot } from "./dir-snapshot.js";
import { scratchDir } from "./run-strata.js";

const dir = scratchDir("strata-protocols-");
const out = join(dir, "results");
const asides = () => readdirSync(dir).filter((name) => name.startsWith("results.previous-"));

describe("strata protocols", () => {
  it("runs the three protocols for each label budget and writes one table", async () => {
    const lines: string[] = [];
    const rows = await protocolsCommand({ labels: [40, 300], hidden: [64], pretrainEpochs: 1, epochs: 1, minSteps: 300, limit: 1000, testLimit: 400, out, print: (l) => lines.push(l) });
    assert.equal(rows.length, 10, "5 protocols × 2 budgets");
    for (const row of rows) assert.ok(row.accuracy > 0.1 && row.accuracy <= 1, `${row.protocol} with ${row.labels} labels: ${row.accuracy}`);
    const at = (protocol: string, labels: number) => rows.find((r) => r.protocol.startsWith(protocol) && r.labels === labels)!.accuracy;
    assert.ok(at("(a)", 300) > 0.6, `supervised on 300 labels: ${at("(a)", 300)}`);
    assert.ok(at("(a)", 300) > at("(a)", 40), "more labels, better");
    const table = readFileSync(join(out, "protocols.md"), "utf8");
    assert.match(table, /\| protocol \| 40 labels \| 300 labels \|/);
    assert.equal(table.trim().split("\n").filter((l) => l.startsWith("| (")).length, 5);
    assert.ok(existsSync(join(out, "protocols.json")));
    assert.ok(lines.some((l) => /RBM 1\/1, epoch 1/.test(l)) && lines.some((l) => /denoising autoencoder 1\/1, epoch 1/.test(l)));
  });

  it("keeps earlier results: a bad budget leaves them as they were, a new run moves them aside, --overwrite deletes them once it has its own", async () => {
    const before = snapshot(out);
    await assert.rejects(protocolsCommand({ labels: [2000], limit: 1000, out, print: () => {} }), /--labels: each budget must be an integer from 1 to 1000/);
    assert.deepEqual(snapshot(out), before);
    assert.deepEqual(asides(), []);
    const quick = { labels: [20], hidden: [16], pretrainEpochs: 1, epochs: 1, minSteps: 10, limit: 200, testLimit: 100, out, print: () => {} };
    await protocolsCommand(quick);
    const [kept] = asides();
    assert.deepEqual(snapshot(join(dir, kept)), before);
    await protocolsCommand({ ...quick, overwrite: true });
    assert.deepEqual(asides(), [kept], "the results it replaced are gone, the ones kept before stay");
    assert.match(readFileSync(join(out, "protocols.md"), "utf8"), /\| 20 labels \|/);
  });

  it("formats a missing cell as a dash", () => {
    const table = formatTable([{ protocol: "(a) supervised, random init", labels: 100, accuracy: 0.5, seconds: 2 }], [100], { sdaeSeconds: 1, dbnSeconds: 2, testImages: 10 });
    assert.match(table, /\| \(a\) supervised, random init \| 50\.00% \(2 s\) \|/);
    assert.match(table, /\| \(c\) DBN, fine-tuned \| – \|/);
  });
});
