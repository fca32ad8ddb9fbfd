/**
 * What the compiled AssemblyScript module (assembly/index.ts) exports: functions over i32/f32
 * arguments, pointers being byte offsets into the shared memory. Each kernel family's host file
 * names the exports it calls.
 */
export type KernelExports = Record<string, (...args: number[]) => number>;

/**
 * The module's parallel jobs (exports named …Chunk), numbered by sorted name: every thread
 * derives the same numbering from the same module, so a job travels between threads as a number.
 */
export function jobTable(module: WebAssembly.Module, kernels: KernelExports): { names: string[]; functions: ((args: number, chunk: number, worker: number) => number)[] } {
  const names = WebAssembly.Module.exports(module).map((e) => e.name).filter((name) => name.endsWith("Chunk")).sort();
  return { names, functions: names.map((name) => kernels[name]) };
}
