/**
 * Helper process for checkpoint.test.ts, not a test itself: saves checkpointB() into the folder
 * argv[2], but kills itself with SIGKILL — no cleanup runs, as in a power cut — at the N-th
 * rename or unlink, N = argv[3]: the calls that change which files the folder holds (a crash at
 * a rename leaves that file's temporary copy behind). Exits with 0 if the save finished first.
 */
import fsp from "node:fs/promises";
import { syncBuiltinESMExports } from "node:module";

const dir = process.argv[2];
const crashAt = Number(process.argv[3]);
let calls = 0;
for (const name of ["rename", "unlink"] as const) {
  const original = fsp[name] as (...args: unknown[]) => Promise<unknown>;
  Object.assign(fsp, {
    [name]: (...args: unknown[]) => {
      calls += 1;
      if (calls === crashAt) process.kill(process.pid, "SIGKILL");
      return original(...args);
    },
  });
}
syncBuiltinESMExports(); // so that `import { rename } from "node:fs/promises"` sees the wrapped functions

const { saveCheckpoint } = await import("../../src/io/index.js");
const { checkpointB } = await import("./sample-checkpoints.js");
await saveCheckpoint(dir, checkpointB());
