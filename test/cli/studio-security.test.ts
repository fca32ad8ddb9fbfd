/**
 * `strata studio` serves the runs it was given and its own files, and nothing else: every rule,
 * sent over a raw socket so that nothing on the client side tidies the request first.
 */
import assert from "node:assert/strict";
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { startStudio, type Studio } from "../../src/cli/studio/index.js";
import { PAGE } from "../../src/cli/studio/page.js";
import { get, raw, withEvents } from "./studio-http.js";
import { scratchDir } from "./run-strata.js";

const scratch = scratchDir("strata-studio-security-");

/** A run whose checkpoint lists a model file that is a link to a file outside the run. */
function runWithLinks(): string {
  const run = join(scratch, "run");
  mkdirSync(join(run, "checkpoint"), { recursive: true });
  writeFileSync(join(scratch, "secret.txt"), "not for the network");
  writeFileSync(join(run, "log.jsonl"), `${JSON.stringify({ epoch: 1, trainLoss: 0.5 })}\n`);
  writeFileSync(join(run, "checkpoint", "checkpoint.json"), JSON.stringify({ format: "strata-checkpoint", version: 1, generation: 1, files: { model: "model-1.safetensors" }, extra: { config: { title: "<script>alert(1)</script>" } } }));
  symlinkSync(join(scratch, "secret.txt"), join(run, "checkpoint", "model-1.safetensors"));
  const linked = join(scratch, "linked");
  mkdirSync(linked);
  symlinkSync(join(scratch, "secret.txt"), join(linked, "log.jsonl"));
  return run;
}

describe("strata studio's request rules", () => {
  let studio: Studio;
  let port: number;
  before(async () => {
    runWithLinks();
    studio = await startStudio({ runDirs: [join(scratch, "run"), join(scratch, "linked")], port: 0 });
    port = studio.port;
  });
  after(() => studio.close());

  const status = async (path: string, options?: Parameters<typeof get>[2]) => (await get(port, path, options)).status;

  it("listens on 127.0.0.1 unless told another host", () => {
    assert.equal(studio.host, "127.0.0.1");
    assert.match(studio.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  });

  it("refuses paths that climb, hide separators or NUL, or are not paths", async () => {
    for (const path of [
      "/runs/run/checkpoint/../../../secret.txt",
      "/runs/run/checkpoint/%2e%2e/%2e%2e/secret.txt",
      "/runs/run/checkpoint/%2E%2E%2F%2E%2E%2Fsecret.txt",
      "/static/..%2f..%2f..%2fpackage.json",
      "/strata/..%2f..%2fpackage.json",
      "/strata/%2e%2e",
      "/static/.",
      "/runs/run/checkpoint/%2Fetc%2Fpasswd",
      "//etc/passwd",
      "/static\\..\\..\\package.json",
      "/static/%5c..%5cpackage.json",
      "/static/main.js%00.png",
      "/static/%zz",
      `http://127.0.0.1:${port}/etc/passwd`,
      "*",
    ]) {
      assert.equal(await status(path), 400, path);
    }
    // an absolute path is only a path under the studio's root, where nothing is
    assert.equal(await status("/etc/passwd"), 404);
    // a NUL byte in the request line itself is refused by Node's parser
    assert.equal((await raw(port, `GET /static/main.js\0 HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nConnection: close\r\n\r\n`)).status, 400);
  });

  it("refuses files whose real path (through links) is outside the run's folder", async () => {
    const linked = await get(port, "/runs/run/checkpoint/model-1.safetensors");
    assert.equal(linked.status, 403);
    assert.match(linked.text, /checkpoint\/model-1\.safetensors of run run leads outside its folder/);
    assert.doesNotMatch(linked.text, /not for the network/);
    assert.equal(await status("/api/runs/linked/log"), 403);
    await withEvents(port, "/api/events?run=linked", async (events) => {
      assert.equal((await events.next()).event, "reset");
      const refused = await events.next();
      assert.equal(refused.event, "problem", "a linked log is not followed");
      assert.match(String(refused.data.message), /cannot read .*log\.jsonl/);
      assert.doesNotMatch(JSON.stringify(events.pending()), /not for the network/);
    });
    assert.equal(await status("/api/runs/run/confusion.svg"), 404, "a checkpoint of no classifier");
  });

  it("answers unknown runs and files with 404, naming the runs there are", async () => {
    const unknown = await get(port, "/api/runs/nope/log");
    assert.equal(unknown.status, 404);
    assert.match(unknown.text, /no run named "nope"; the studio serves run, linked/);
    assert.equal(await status("/runs/nope/checkpoint/checkpoint.json"), 404);
    assert.equal(await status("/runs/run/checkpoint/optimizer-1.safetensors"), 404, "not listed by the manifest");
    assert.equal(await status("/api/events?run=nope"), 404);
    assert.equal(await status("/static/nope.js"), 404);
    assert.equal(await status("/static/main.js.map"), 404);
  });

  it("answers only GET and HEAD", async () => {
    for (const method of ["POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE"]) {
      const r = await get(port, "/", { method });
      assert.equal(r.status, 405, method);
      assert.equal(r.headers.allow, "GET, HEAD");
    }
    assert.equal(await status("/", { method: "HEAD" }), 200);
  });

  it("refuses long URLs, request bodies and oversized headers", async () => {
    assert.equal(await status(`/static/${"a".repeat(2100)}`), 414);
    assert.equal(await status("/", { headers: { "Content-Length": "5" }, body: "hello" }), 413);
    assert.equal(await status("/", { headers: { "Transfer-Encoding": "chunked" }, body: "5\r\nhello\r\n0\r\n\r\n" }), 413);
    assert.equal(await status("/", { method: "POST", headers: { "Content-Length": "5" }, body: "hello" }), 405);
    assert.equal(await status("/", { headers: { "X-Filler": "x".repeat(10_000) } }), 431);
  });

  it("answers only requests addressed to where it listens (no DNS rebinding)", async () => {
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `LOCALHOST:${port}`, `[::1]:${port}`]) {
      assert.equal(await status("/api/runs", { headers: { Host: host } }), 200, host);
    }
    for (const host of [`evil.example:${port}`, "evil.example", `127.0.0.1:${port + 1}`, "127.0.0.1", `127.0.0.1.nip.io:${port}`, ""]) {
      assert.equal(await status("/api/runs", { headers: { Host: host } }), 421, host);
    }
    const noHost = await raw(port, "GET / HTTP/1.0\r\n\r\n");
    assert.ok(noHost.status === 400 || noHost.status === 421, `no Host: ${noHost.status}`);
  });

  it("sends a content security policy, nosniff and the right types", async () => {
    for (const [path, type] of [
      ["/", "text/html; charset=utf-8"],
      ["/static/main.js", "text/javascript; charset=utf-8"],
      ["/static/studio.css", "text/css; charset=utf-8"],
      ["/api/runs", "application/json; charset=utf-8"],
      ["/runs/run/checkpoint/checkpoint.json", "application/json; charset=utf-8"],
      ["/nowhere", "text/plain; charset=utf-8"],
    ]) {
      const r = await get(port, path);
      assert.equal(r.headers["content-type"], type, path);
      assert.match(r.headers["content-security-policy"], /(^|; )script-src 'self' 'wasm-unsafe-eval'(;|$)/, path);
      assert.match(r.headers["content-security-policy"], /default-src 'none'/, path);
      assert.equal(r.headers["x-content-type-options"], "nosniff", path);
    }
  });

  it("keeps what runs hold out of the page's markup: the page is fixed, and the scripts set text, never HTML", async () => {
    const page = (await get(port, "/")).text;
    assert.equal(page, PAGE, "the same markup whatever the runs hold");
    const runs = (await get(port, "/api/runs")).text;
    assert.match(runs, /"title":"<script>alert\(1\)<\/script>"/, "settings are sent as JSON data");
    for (const file of ["main.js", "details.js", "run-list.js", "charts.js", "dom.js"]) {
      const script = readFileSync(new URL(`../../src/cli/studio/client/${file}`, import.meta.url), "utf8");
      assert.doesNotMatch(script, /innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function/, file);
    }
  });
});
