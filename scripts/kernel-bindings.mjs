#!/usr/bin/env node
// After `asc … --bindings raw` (npm run build:wasm): keep the type declarations asc wrote for the
// kernel module's exports, as src/backend/wasm/generated/kernels.d.ts, so that the host's job names
// and calls are checked against what the module really exports; drop the loader asc wrote beside
// kernels.wasm, which the backend does not use (it instantiates the module on a shared memory itself).
import { copyFileSync, mkdirSync, rmSync } from "node:fs";

const built = "dist/src/backend/wasm/kernels";
mkdirSync("src/backend/wasm/generated", { recursive: true });
copyFileSync(`${built}.d.ts`, "src/backend/wasm/generated/kernels.d.ts");
rmSync(`${built}.d.ts`);
rmSync(`${built}.js`);
