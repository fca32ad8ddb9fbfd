import type { instantiate } from "./generated/kernels.js";

/**
 * What the compiled AssemblyScript module (assembly/index.ts) exports, as asc declares it
 * (generated/kernels.d.ts, written by `npm run build:wasm`): functions over i32/f32 arguments,
 * pointers being byte offsets into the shared memory. A host file calling an export that does not
 * exist, or with the wrong arity, does not compile.
 */
export type KernelExports = Omit<Awaited<ReturnType<typeof instantiate>>, "memory">;

/** The parallel jobs: the exports named …Chunk, each (args, chunk, worker). */
export type JobName = Extract<keyof KernelExports, `${string}Chunk`>;

type Job = (args: number, chunk: number, worker: number) => void;

/**
 * The module's parallel jobs (exports named …Chunk), numbered by sorted name: every thread
 * derives the same numbering from the same module, so a job travels between threads as a number.
 */
export function jobTable(module: WebAssembly.Module, kernels: KernelExports): { names: JobName[]; functions: Job[] } {
  const names = WebAssembly.Module.exports(module).map((e) => e.name).filter((name): name is JobName => name.endsWith("Chunk")).sort();
  return { names, functions: names.map((name) => kernels[name]) };
}
