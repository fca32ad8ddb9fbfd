/** What the compiled AssemblyScript module (assembly/index.ts) exports. Pointers are byte offsets. */
export interface KernelExports {
  gemmScratchBytes(): number;
  runChunk(job: number, args: number, chunk: number, worker: number): void;
}

/** Job numbers of assembly/jobs.ts. */
export const JOB_GEMM = 1;
