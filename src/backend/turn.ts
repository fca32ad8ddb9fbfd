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

/** Callbacks waiting for their turn, in order: one message on the channel runs one of them. */
const waiting: (() => void)[] = [];
let channel: MessageChannel | undefined;

/**
 * Runs fn at the next turn of the event loop: setImmediate in Node; in a browser a message to
 * itself, since browsers hold a zero timeout set from a timeout's callback (as a training loop's
 * every turn after the first is) to 4 ms — measured in a Chromium worker, 4.35 ms a turn against
 * 0.014 ms for a message, a third of a LeNet-5 step.
 */
export function atNextTurn(fn: () => void): void {
  if (typeof setImmediate === "function") return void setImmediate(fn);
  if (typeof MessageChannel !== "function") return void setTimeout(fn, 0);
  if (!channel) {
    channel = new MessageChannel();
    channel.port1.onmessage = () => waiting.shift()!();
  }
  waiting.push(fn);
  channel.port2.postMessage(null);
}
