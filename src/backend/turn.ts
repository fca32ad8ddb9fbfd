/**
 * One turn of the event loop, for hand-written training loops. Memory of tensors that are no longer
 * referenced goes back to the backend between turns (see backend/wasm/heap.ts), so a loop that
 * awaits `nextTurn()` once per step keeps every result in the fast kernel memory; one that never
 * yields still runs, with its results copied out to ordinary arrays after its first few hundred
 * MiB. `fit()` does this itself.
 */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => atNextTurn(resolve));
}

/** Runs fn at the next turn of the event loop (setImmediate in Node, a zero timeout elsewhere). */
export function atNextTurn(fn: () => void): void {
  if (typeof setImmediate === "function") setImmediate(fn);
  else setTimeout(fn, 0);
}
