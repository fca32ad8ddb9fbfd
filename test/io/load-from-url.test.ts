/**
 * Weights and data fetched from a URL, as a browser loads them: safetensors files, checkpoints and
 * gzipped IDX files served over HTTP load exactly as they do from disk, and a missing file or an
 * HTTP error is named.
 */
import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { gzipSync } from "node:zlib";
import { tensor } from "../../src/index.js";
import { encodeIdx, mnist, readIdx } from "../../src/data/index.js";
import { CheckpointError, decodeSafetensors, loadCheckpoint, loadSafetensors, saveCheckpoint, saveSafetensors, SafetensorsError } from "../../src/io/index.js";
import { scratchDir } from "../data/scratch.js";

const dir = scratchDir("load-url");
let base = "";
let close: () => void = () => {};

before(async () => {
  // serves the scratch folder; /broken/… answers 500
  const server = createServer((request, response) => {
    const path = new URL(request.url!, "http://x").pathname;
    if (path.startsWith("/broken/")) return void response.writeHead(500).end();
    let body: Buffer;
    try {
      body = readFileSync(join(dir, path));
    } catch {
      return void response.writeHead(404).end();
    }
    response.writeHead(200).end(body);
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  close = () => {
    server.closeAllConnections(); // fetch keeps connections alive
    server.close();
  };
});
after(() => close());

describe("loading over HTTP", () => {
  it("a safetensors file at a URL loads as from disk; a missing one is named", async () => {
    await saveSafetensors(join(dir, "w.safetensors"), { w: tensor([[1, -2], [3.5, 4]]) });
    const fromUrl = await loadSafetensors(new URL("/w.safetensors", base));
    assert.deepEqual(fromUrl.tensors.w.toArray(), [[1, -2], [3.5, 4]]);
    assert.deepEqual((await loadSafetensors(`${base}/w.safetensors`)).tensors.w.shape, [2, 2]);
    const fetched = await (await fetch(`${base}/w.safetensors`)).arrayBuffer();
    assert.deepEqual(decodeSafetensors(fetched).tensors.w.toArray(), [[1, -2], [3.5, 4]], "an ArrayBuffer decodes as its bytes do");
    await assert.rejects(loadSafetensors(`${base}/none.safetensors`), (e: Error) => e instanceof SafetensorsError && e.message.includes(`${base}/none.safetensors`) && /does not exist/.test(e.message));
    await assert.rejects(loadSafetensors(`${base}/broken/w.safetensors`), /HTTP 500/);
  });

  it("a checkpoint folder at a URL loads with its optimizer and extra state", async () => {
    const checkpoint = join(dir, "run", "checkpoint");
    await saveCheckpoint(checkpoint, { model: { "fc.weight": tensor([1, 2, 3]) }, optimizer: { step: 7, m: tensor([0.25]) }, extra: { epoch: 3 } });
    for (const url of [`${base}/run/checkpoint`, `${base}/run/checkpoint/`, new URL("/run/checkpoint/", base)]) {
      const loaded = await loadCheckpoint(url);
      assert.deepEqual(loaded.model["fc.weight"].toArray(), [1, 2, 3]);
      assert.deepEqual(loaded.extra, { epoch: 3 });
      const optimizer = loaded.optimizer as unknown as { step: number; m: { toArray(): number[] } };
      assert.equal(optimizer.step, 7);
      assert.deepEqual(optimizer.m.toArray(), [0.25]);
    }
    await assert.rejects(loadCheckpoint(`${base}/nothing`), (e: Error) => e instanceof CheckpointError && /nothing\/checkpoint\.json does not exist/.test(e.message));
  });

  it("gzipped IDX files, from disk or a URL, read as the plain ones; MNIST's loader takes a folder URL", async () => {
    const images = new Uint8Array(3 * 28 * 28).map((_, i) => i % 256);
    const labels = new Uint8Array([7, 0, 9]);
    writeFileSync(join(dir, "t10k-images-idx3-ubyte"), gzipSync(encodeIdx({ shape: [3, 28, 28], data: images })));
    writeFileSync(join(dir, "t10k-labels-idx1-ubyte"), encodeIdx({ shape: [3], data: labels }));
    assert.deepEqual((await readIdx(join(dir, "t10k-images-idx3-ubyte"))).shape, [3, 28, 28]);
    const test = await mnist("test", { dir: new URL("/", base) });
    assert.equal(test.length, 3);
    const { x, y } = test.get(2);
    assert.equal(y.itemSync(), 9);
    assert.ok(Math.abs(x.values[5] - ((2 * 784 + 5) % 256) / 255) < 1e-6);
    await assert.rejects(mnist("train", { dir: `${base}/` }), /train-images-idx3-ubyte: does not exist/);
  });
});
