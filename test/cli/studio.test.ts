/** `strata studio`: the run list, the log, live events (appends, torn lines, replaced logs), the page's files, checkpoints and the confusion matrix. */
import assert from "node:assert/strict";
import { appendFileSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startStudio, type Studio } from "../../src/cli/studio/index.js";
import { ConfusionMatrices } from "../../src/cli/studio/confusion.js";
import { checkpointInfo } from "../../src/cli/studio/run-info.js";
import type { RunInfo } from "../../src/cli/studio/client/protocol.js";
import { get, withEvents } from "./studio-http.js";
import { scratchDir, strata } from "./run-strata.js";

const scratch = scratchDir("strata-studio-");
const line = (record: object) => `${JSON.stringify(record)}\n`;
const epoch = (n: number) => ({ epoch: n, trainLoss: 1 / n, trainAccuracy: 0.5 + n / 100, valLoss: 1.2 / n, valAccuracy: 0.45 + n / 100, lr: 0.1, seconds: 2 });

/** A run folder holding a log of `epochs` records (and nothing else). */
function fakeRun(name: string, epochs: number): string {
  const dir = join(scratch, "runs", name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "log.jsonl"), Array.from({ length: epochs }, (_, i) => line(epoch(i + 1))).join(""));
  return dir;
}

const json = async <T>(port: number, path: string): Promise<T> => JSON.parse((await get(port, path)).text) as T;

describe("strata studio", () => {
  const alpha = fakeRun("alpha", 3);
  const beta = fakeRun("beta", 2);
  const tiny = join(scratch, "tiny");
  let studio: Studio;
  before(async () => {
    const trained = strata("train", "lenet5", "--epochs", "1", "--limit", "256", "--out", tiny, "--no-progress");
    assert.equal(trained.code, 0, trained.stderr);
    studio = await startStudio({ runDirs: [alpha, beta, tiny], port: 0, pollMs: 100 });
  });
  after(() => studio.close());

  it("listens on 127.0.0.1 at the port it printed, and lists its runs", async () => {
    assert.match(studio.url, new RegExp(`^http://127\\.0\\.0\\.1:${studio.port}/$`));
    assert.notEqual(studio.port, 0);
    const runs = await json<RunInfo[]>(studio.port, "/api/runs");
    assert.deepEqual(runs.map((r) => r.name), ["alpha", "beta", "tiny"]);
    assert.deepEqual(runs[0], { name: "alpha", hasLog: true, checkpoint: null, filtersEpoch: null, problem: null });
    const { checkpoint, filtersEpoch } = runs[2];
    assert.equal(filtersEpoch, 1);
    assert.equal(checkpoint?.generation, 1);
    assert.equal(checkpoint?.classifier, true);
    assert.deepEqual(checkpoint?.files, ["checkpoint.json", "model-1.safetensors", "optimizer-1.safetensors"]);
    assert.equal(checkpoint?.settings?.recipe, "lenet5", "the settings are checkpoint.json's extra.config");
    assert.deepEqual([(checkpoint?.settings?.settings as Record<string, unknown>).epochs, (checkpoint?.settings?.settings as Record<string, unknown>).limit], [1, 256]);
  });

  it("serves a run's log as JSON, a torn last line left out", async () => {
    appendFileSync(join(beta, "log.jsonl"), '{"epoch": 3, "trainLo');
    const records = await json<Record<string, number>[]>(studio.port, "/api/runs/beta/log");
    assert.deepEqual(records, [epoch(1), epoch(2)]);
    writeFileSync(join(beta, "log.jsonl"), line(epoch(1)) + line(epoch(2)));
  });

  it("sends each run's log as events, then each line appended after connecting", async () => {
    await withEvents(studio.port, "/api/events?run=alpha&run=beta", async (events) => {
      assert.equal(await events.contentType, "text/event-stream; charset=utf-8");
      const first = await events.take(7);
      const of = (run: string) => first.filter((e) => e.data.run === run).map((e) => (e.event === "record" ? e.data.record : e.event));
      assert.deepEqual(of("alpha"), ["reset", epoch(1), epoch(2), epoch(3)]);
      assert.deepEqual(of("beta"), ["reset", epoch(1), epoch(2)]);
      appendFileSync(join(alpha, "log.jsonl"), line(epoch(4)));
      assert.deepEqual(await events.next(), { event: "record", data: { run: "alpha", line: 4, record: epoch(4) } });
    });
  });

  it("holds back a torn line until its newline arrives", async () => {
    await withEvents(studio.port, "/api/events?run=beta", async (events) => {
      await events.take(3);
      const text = line({ ...epoch(3), note: "written in two parts" });
      appendFileSync(join(beta, "log.jsonl"), text.slice(0, 25));
      await new Promise((resolve) => setTimeout(resolve, 500)); // five polls
      assert.deepEqual(events.pending(), [], "nothing is sent for a partial line");
      appendFileSync(join(beta, "log.jsonl"), text.slice(25));
      assert.deepEqual(await events.next(), { event: "record", data: { run: "beta", line: 3, record: { ...epoch(3), note: "written in two parts" } } });
    });
  });

  it("sends a reset when a fresh run replaces the log, then the new log's lines", async () => {
    const log = join(alpha, "log.jsonl");
    await withEvents(studio.port, "/api/events?run=alpha", async (events) => {
      await events.take(5);
      // as a fresh run does: the old log moves aside (here, simply goes), the first epoch of the new run appends a new one
      rmSync(log);
      assert.deepEqual(await events.next(), { event: "reset", data: { run: "alpha" } });
      appendFileSync(log, line({ ...epoch(1), seconds: 3 }));
      assert.deepEqual(await events.next(), { event: "record", data: { run: "alpha", line: 1, record: { ...epoch(1), seconds: 3 } } });
      // replaced in one step (a rename over it), longer than before: still noticed
      writeFileSync(`${log}.new`, line(epoch(1)) + line(epoch(2)) + line(epoch(3)));
      renameSync(`${log}.new`, log);
      assert.deepEqual(await events.next(), { event: "reset", data: { run: "alpha" } });
      assert.deepEqual((await events.next()).data.record, epoch(1));
    });
  });

  it("reports a line that is not JSON and carries on", async () => {
    await withEvents(studio.port, "/api/events?run=beta", async (events) => {
      await events.take(4);
      appendFileSync(join(beta, "log.jsonl"), "not json\n" + line(epoch(5)));
      const problem = await events.next();
      assert.equal(problem.event, "problem");
      assert.match(String(problem.data.message), /log\.jsonl line 4: not valid JSON/);
      assert.deepEqual((await events.next()).data.record, epoch(5));
    });
  });

  it("serves the page, its scripts and uPlot", async () => {
    const page = await get(studio.port, "/");
    assert.equal(page.status, 200);
    assert.equal(page.headers["content-type"], "text/html; charset=utf-8");
    assert.match(page.text, /<script type="module" src="\/static\/main\.js"><\/script>/);
    assert.match(page.text, /<section id="try-it" class="card try-it">\s*<h3>Try it<\/h3>/);
    for (const [file, type, text] of [["main.js", "text/javascript", 'from "./live.js"'], ["live.js", "text/javascript", "new EventSource("], ["uplot.js", "text/javascript", "export { uPlot as default }"], ["uplot.css", "text/css", ".uplot"], ["studio.css", "text/css", ".sidebar"]]) {
      const r = await get(studio.port, `/static/${file}`);
      assert.equal(r.status, 200, file);
      assert.equal(r.headers["content-type"], `${type}; charset=utf-8`, file);
      assert.ok(r.text.includes(text), `${file} lacks ${text}`);
    }
    // the page's module graph: each script imports only the studio's own files, and each is served
    const clientDir = new URL("../../src/cli/studio/client/", import.meta.url);
    for (const file of readdirSync(clientDir).filter((f) => f.endsWith(".js"))) {
      for (const [, specifier] of readFileSync(new URL(file, clientDir), "utf8").matchAll(/(?:from|import)\s*\(?\s*"([^"]+)"/g)) {
        assert.match(specifier, /^\.\/[\w-]+\.js$/, `${file} imports ${specifier}; a page can only load what the studio serves`);
        assert.equal((await get(studio.port, `/static/${specifier.slice(2)}`)).status, 200, `${file} imports ${specifier}, which is not served`);
      }
    }
    const head = await get(studio.port, "/static/uplot.js", { method: "HEAD" });
    assert.equal(head.status, 200);
    assert.ok(Number(head.headers["content-length"]) > 10_000);
    assert.equal(head.body.length, 0);
  });

  it("serves a run's checkpoint.json and tensor files, and no other file of the folder", async () => {
    const manifest = await get(studio.port, "/runs/tiny/checkpoint/checkpoint.json");
    assert.equal(manifest.status, 200);
    assert.equal(manifest.headers["content-type"], "application/json; charset=utf-8");
    assert.equal(JSON.parse(manifest.text).files.model, "model-1.safetensors");
    const model = await get(studio.port, "/runs/tiny/checkpoint/model-1.safetensors");
    assert.equal(model.status, 200);
    assert.equal(model.headers["content-type"], "application/octet-stream");
    assert.deepEqual(model.body, readFileSync(join(tiny, "checkpoint", "model-1.safetensors")));
    writeFileSync(join(tiny, "checkpoint", "notes.txt"), "private");
    assert.equal((await get(studio.port, "/runs/tiny/checkpoint/notes.txt")).status, 404);
    assert.equal((await get(studio.port, "/runs/tiny/log.jsonl")).status, 404);
    assert.equal((await get(studio.port, "/runs/alpha/checkpoint/checkpoint.json")).status, 404, "alpha has no checkpoint");
  });

  it("serves Strata's browser build under /strata/ for the try-it panel: the modules it imports, their chunks, kernels.wasm", async () => {
    const served = async (file: string, type: string) => {
      const r = await get(studio.port, `/strata/${file}`);
      assert.equal(r.status, 200, `${file}: ${r.text}`);
      assert.equal(r.headers["content-type"], type, file);
      return r;
    };
    for (const module of ["strata.js", "recipes.js"]) {
      const script = await served(module, "text/javascript; charset=utf-8");
      const chunks = [...script.text.matchAll(/(?:from|import)\s*"\.\/([\w-]+\.js)"/g)].map((m) => m[1]);
      assert.ok(chunks.length > 0, `${module} imports its chunks`);
      for (const chunk of chunks) await served(chunk, "text/javascript; charset=utf-8");
    }
    assert.deepEqual([...(await served("kernels.wasm", "application/wasm")).body.subarray(0, 4)], [0x00, 0x61, 0x73, 0x6d], "wasm's magic number");
    const missing = await get(studio.port, "/strata/nope.js");
    assert.equal(missing.status, 404);
    assert.match(missing.text, /Strata's browser build has no nope\.js/);
    assert.equal((await get(studio.port, "/strata/README.md")).status, 404, "only the build's own kinds of file");
  });

  it("draws the newest filters as a PNG", async () => {
    const png = await get(studio.port, "/api/runs/tiny/filters.png");
    assert.equal(png.status, 200);
    assert.equal(png.headers["content-type"], "image/png");
    assert.deepEqual([...png.body.subarray(1, 4)], [...Buffer.from("PNG")]);
    const none = await get(studio.port, "/api/runs/alpha/filters.png");
    assert.equal(none.status, 404);
    assert.match(none.text, /run alpha saved no filter snapshots/);
  });

  it("computes the confusion matrix of a classifier on its test set, once per checkpoint generation", async () => {
    const first = await get(studio.port, "/api/runs/tiny/confusion.svg");
    assert.equal(first.status, 200, first.text);
    assert.equal(first.headers["content-type"], "image/svg+xml; charset=utf-8");
    assert.match(first.text, /<title>tiny, checkpoint 1: [\d.]+% of 256 test images right<\/title>/);
    assert.equal((await get(studio.port, "/api/runs/tiny/confusion.svg")).text, first.text);
    // the evaluation runs once per checkpoint generation, however often it is asked for
    const evaluations: number[] = [];
    const counted = new ConfusionMatrices(async (_run, generation) => `${evaluations.push(generation)}`);
    const run = { name: "tiny", dir: realpathSync(tiny) };
    assert.deepEqual(await Promise.all([counted.svg(run), counted.svg(run)]), ["1", "1"]);
    assert.equal(await counted.svg(run), "1");
    assert.deepEqual(evaluations, [1]);
    // training saves generation 2 and removes generation 1's files between our reading the manifest
    // and its files: the manifest is read again, and the new checkpoint drawn
    const current = (await checkpointInfo(run))!;
    const stale = { ...current, generation: 0, files: ["checkpoint.json", "model-0.safetensors"] };
    const reads: number[] = [];
    const racing = new ConfusionMatrices(async (_run, generation) => `drawn ${generation}`, async () => (reads.push(reads.length) === 1 ? stale : current));
    assert.equal(await racing.svg(run), "drawn 1");
    assert.equal(reads.length, 2);
    // a file that stays missing is still a 404 naming it
    const missing = new ConfusionMatrices(async () => "never drawn", async () => stale);
    await assert.rejects(missing.svg(run), /run tiny has no checkpoint\/model-0\.safetensors/);
    const resumed = strata("train", "lenet5", "--epochs", "2", "--limit", "256", "--out", tiny, "--resume", "--no-progress");
    assert.equal(resumed.code, 0, resumed.stderr);
    assert.match((await get(studio.port, "/api/runs/tiny/confusion.svg")).text, /<title>tiny, checkpoint 2: /);
  });

  it("says why there is no confusion matrix for a run that is not a classifier", async () => {
    const none = await get(studio.port, "/api/runs/alpha/confusion.svg");
    assert.equal(none.status, 404);
    assert.match(none.text, /run alpha has no checkpoint yet/);
    mkdirSync(join(beta, "checkpoint"));
    writeFileSync(join(beta, "checkpoint", "checkpoint.json"), JSON.stringify({ format: "strata-checkpoint", version: 1, generation: 3, files: { model: "model-3.safetensors" }, extra: { kind: "autoencoder", settings: { hidden: 64 } } }));
    const other = await get(studio.port, "/api/runs/beta/confusion.svg");
    assert.equal(other.status, 404);
    assert.match(other.text, /run beta is not a classifier of `strata train` \(lenet5, mlp\)/);
    const beta3 = (await json<RunInfo[]>(studio.port, "/api/runs"))[1];
    assert.deepEqual(beta3.checkpoint, { generation: 3, files: ["checkpoint.json", "model-3.safetensors"], settings: { kind: "autoencoder", settings: { hidden: 64 } }, classifier: false });
  });

  it("without run directories, serves the subfolders of the runs folder that hold a log, new ones as they appear", async () => {
    const root = join(scratch, "runs");
    mkdirSync(join(root, "no-log-yet"));
    const folder = await startStudio({ runsFolder: root, port: 0 });
    try {
      assert.deepEqual((await json<RunInfo[]>(folder.port, "/api/runs")).map((r) => r.name), ["alpha", "beta"]);
      fakeRun("gamma", 1);
      assert.deepEqual((await json<RunInfo[]>(folder.port, "/api/runs")).map((r) => r.name), ["alpha", "beta", "gamma"]);
    } finally {
      await folder.close();
    }
  });
});
