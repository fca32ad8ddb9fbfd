/**
 * How a parallel job's items (rows, channels, elements, tiles…) are cut into chunks for the thread
 * pool: the one rule the kernel families share. On one thread, one chunk of everything. In
 * parallel, `perThread` chunks per thread, so that a thread slowed by another process on the
 * machine simply claims fewer of them, each a multiple of `multiple` items (whole SIMD vectors).
 */
export interface Split {
  chunks: number;
  perChunk: number;
}

export function split(items: number, threads: number, parallel: boolean, { perThread = 4, multiple = 1 } = {}): Split {
  const perChunk = parallel ? Math.max(multiple, Math.ceil(items / (perThread * threads) / multiple) * multiple) : Math.max(1, items);
  return { chunks: Math.ceil(items / perChunk), perChunk };
}
