import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdir, mkdtemp, readdir, readFile, rm, unlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { isDeepStrictEqual } from "node:util";
import { describe, it } from "node:test";
import { CheckpointError, loadCheckpoint, saveCheckpoint, SafetensorsError } from "../../src/io/index.js";
import { tensor } from "../../src/index.js";
import { scratchDir } from "../data/scratch.js";
import { checkpointA, checkpointB, snapshot } from "./sample-checkpoints.js";

const root = scratchDir("checkpoint");
const crashHelper = fileURLToPath(new URL("./crash-save.js", import.meta.url));

async function listing(dir: string): Promise<string[]> {
  return (await readdir(dir)).sort();
}

async function rejectsNaming(fn: () => Promise<unknown>, kind: typeof CheckpointError | typeof SafetensorsError, file: string, pattern: RegExp): Promise<void> {
  await assert.rejects(fn, (e: unknown) => {
    assert.ok(e instanceof kind, `expected a ${kind.name}, got ${e}`);
    assert.equal(e.file, file);
    assert.match(e.message, pattern);
    return true;
  });
}

describe("checkpoints", () => {
  it("round-trip model tensors, nested optimizer state and extra state (Infinity and NaN too)", async () => {
    const dir = join(root, "roundtrip");
    await saveCheckpoint(dir, checkpointA());
    assert.deepEqual(snapshot(await loadCheckpoint(dir)), snapshot(checkpointA()));
    assert.deepEqual(await listing(dir), ["checkpoint.json", "model-1.safetensors", "optimizer-1.safetensors"]);
  });

  it("replace the previous checkpoint as a whole and delete its files", async () => {
    const dir = join(root, "replace");
    await saveCheckpoint(dir, checkpointA());
    await saveCheckpoint(dir, checkpointB());
    assert.deepEqual(snapshot(await loadCheckpoint(dir)), snapshot(checkpointB()));
    assert.deepEqual(await listing(dir), ["checkpoint.json", "extra-2.safetensors", "model-2.safetensors", "optimizer-2.safetensors"]);
    const manifest = JSON.parse(await readFile(join(dir, "checkpoint.json"), "utf8"));
    assert.deepEqual(manifest.files, { model: "model-2.safetensors", optimizer: "optimizer-2.safetensors", extra: "extra-2.safetensors" });
  });

  it("survive a crash at any point of a save: the old checkpoint or the new one loads, never a mix", async () => {
    const seen = new Set<string>();
    let finished = false;
    for (let crashAt = 1; crashAt < 100 && !finished; crashAt++) {
      const dir = await mkdtemp(join(root, "crash-"));
      await saveCheckpoint(dir, checkpointA());
      const child = spawnSync(process.execPath, [crashHelper, dir, String(crashAt)], { encoding: "utf8" });
      finished = child.status === 0;
      if (!finished) assert.equal(child.signal, "SIGKILL", `the helper failed otherwise: ${child.stderr}`);
      const loaded = snapshot(await loadCheckpoint(dir));
      const which = isDeepStrictEqual(loaded, snapshot(checkpointA())) ? "A" : "B";
      assert.deepEqual(loaded, snapshot(which === "A" ? checkpointA() : checkpointB()), `after a crash at call ${crashAt}`);
      assert.ok(!(which === "A" && seen.has("B")), `crash at call ${crashAt} went back to the old checkpoint`);
      seen.add(which);
      // The next save succeeds and clears whatever the crash left behind.
      await saveCheckpoint(dir, checkpointB());
      assert.deepEqual((await listing(dir)).filter((f) => !/^(checkpoint\.json|(model|optimizer|extra)-\d+\.safetensors)$/.test(f)), []);
      assert.equal((await listing(dir)).length, 4);
      await rm(dir, { recursive: true });
    }
    assert.ok(finished, "the helper never finished its save");
    assert.deepEqual([...seen].sort(), ["A", "B"]);
  });

  it("name the manifest when it is missing, not JSON, foreign or from a newer version", async () => {
    const dir = join(root, "manifest");
    const manifest = join(dir, "checkpoint.json");
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /checkpoint\.json does not exist/);
    await saveCheckpoint(dir, checkpointA());
    const good = await readFile(manifest, "utf8");
    await writeFile(manifest, good.slice(0, 40));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /is not valid JSON/);
    await writeFile(manifest, "{}");
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /is not a Strata checkpoint manifest/);
    await writeFile(manifest, good.replace('"version": 2', '"version": 3'));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /has format version 3; this Strata reads versions 1 and 2/);
    await writeFile(manifest, good.replace('"generation": 1', '"generation": "1"'));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /has "generation": "1"; expected a whole number ≥ 1/);
    await writeFile(manifest, good.replace('"model-1.safetensors"', '"../model-1.safetensors"'));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /lists "\.\.\/model-1\.safetensors" as its model file/);
    await writeFile(manifest, good.replace('"$tensor": "state.0.momentum_buffer"', '"$tensor": "state.0.velocity"'));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /refers to tensor "state\.0\.velocity"/);
  });

  it("validate the manifest's values against its schema", async () => {
    const dir = join(root, "schema");
    const manifest = join(dir, "checkpoint.json");
    await saveCheckpoint(dir, { model: { w: tensor([1]) }, extra: { best: Infinity, worst: -Infinity, missing: NaN } });
    assert.deepEqual((await loadCheckpoint(dir)).extra, { best: Infinity, worst: -Infinity, missing: NaN });
    const good = await readFile(manifest, "utf8");
    for (const spelled of ['"abc"', '""', "5", "null"]) {
      await writeFile(manifest, good.replace('{\n      "$number": "Infinity"\n    }', `{ "$number": ${spelled} }`));
      await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /only "NaN", "Infinity" and "-Infinity" are written that way/);
    }
    await writeFile(manifest, good.replace(/"sha256": "[0-9a-f]+"/, '"sha256": "12ab"'));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /"contents"\."model-1\.safetensors"\.sha256 "12ab"; expected 64 hex digits/);
    await writeFile(manifest, good.replace('"shape": [\n            1\n          ]', '"shape": [-1]'));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, manifest, /\.tensors\."w" .*expected \{ "dtype": "float32", "shape": \[whole numbers\] \}/);
  });

  it("load a version-1 checkpoint, written before checksums", async () => {
    const dir = join(root, "version-1");
    await saveCheckpoint(dir, checkpointA());
    const manifest = join(dir, "checkpoint.json");
    const v2 = JSON.parse(await readFile(manifest, "utf8"));
    delete v2.contents;
    await writeFile(manifest, JSON.stringify({ ...v2, version: 1 }));
    const loaded = await loadCheckpoint(dir);
    assert.deepEqual(Object.keys(loaded.model).sort(), Object.keys(checkpointA().model).sort());
  });

  it("name a tensor file that is missing or damaged", async () => {
    const dir = join(root, "tensor-files");
    await saveCheckpoint(dir, checkpointA());
    const model = join(dir, "model-1.safetensors");
    const bytes = await readFile(model);
    await writeFile(model, bytes.subarray(0, bytes.length - 4));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, model, /is damaged: its SHA-256 does not match the one .*checkpoint\.json recorded/);
    // one flipped bit in a weight: a file that still parses, with a wrong value
    const flipped = Uint8Array.from(bytes);
    flipped[flipped.length - 1] ^= 1;
    await writeFile(model, flipped);
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, model, /is damaged/);
    // the file intact but the manifest's tensor list not: what the file holds is named against it
    await writeFile(model, bytes);
    const manifest = join(dir, "checkpoint.json");
    const entry = JSON.parse(await readFile(manifest, "utf8"));
    const [first] = Object.keys(entry.contents["model-1.safetensors"].tensors);
    entry.contents["model-1.safetensors"].tensors[first].shape.push(7);
    await writeFile(manifest, JSON.stringify(entry));
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, model, new RegExp(`holds "${first.replace(/\./g, "\\.")}" as float32 \\[.*\\]; the manifest recorded float32 \\[.*7\\]`));
    await unlink(model);
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, model, /is missing \(.*checkpoint\.json lists it\)/);
    await mkdir(model);
    await rejectsNaming(() => loadCheckpoint(dir), CheckpointError, model, /model-1\.safetensors is a folder, not a file/);
  });

  it("refuse state a checkpoint cannot hold, naming where it is", async () => {
    const dir = join(root, "refused");
    const save = (optimizer: unknown) => saveCheckpoint(dir, { model: {}, optimizer: optimizer as never });
    await assert.rejects(() => save({ state: [{ when: new Date(0) }] }), /saveCheckpoint: optimizer\.state\.0\.when is a Date/);
    await assert.rejects(() => save({ f: () => 1 }), /optimizer\.f is a function/);
    await assert.rejects(() => save({ a: { $tensor: "x" } }), /the keys "\$tensor" and "\$number" are reserved/);
    await assert.rejects(() => save({ "a.b": tensor([1]), a: { b: tensor([2]) } }), /two tensors would both be stored as "a\.b"/);
    await assert.rejects(() => saveCheckpoint(dir, {} as never), /needs a model state dict/);
  });
});
