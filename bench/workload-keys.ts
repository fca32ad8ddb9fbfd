/** The workloads of spec.ts by key, built from one library's builders: each library writes the builders, not the key table. */

export interface WorkloadBuilders<T> {
  w1(batch: number): T;
  w2(): T;
  w2m(): T;
  w3(): T;
  w3i(batch: number): T;
  w4(): T;
  w5(): T;
  w6(batch: number): T;
}

/** The workload `key` made by `builders`, or undefined for a key spec.ts does not have. */
export function buildWorkload<T>(key: string, builders: WorkloadBuilders<T>): T | undefined {
  const b = builders;
  const table: Record<string, () => T> = {
    "W1-256": () => b.w1(256),
    "W1-1024": () => b.w1(1024),
    W2: () => b.w2(),
    W2m: () => b.w2m(),
    W3: () => b.w3(),
    W3i: () => b.w3i(256),
    "W3i-1": () => b.w3i(1),
    W4: () => b.w4(),
    W5: () => b.w5(),
    "W6-1": () => b.w6(1),
    "W6-8": () => b.w6(8),
  };
  return Object.hasOwn(table, key) ? table[key]() : undefined;
}
