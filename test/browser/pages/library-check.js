// Runs in a page (main thread) or a module Web Worker: loads dist/browser/strata.js, reports the
// backend, and computes a few things the test checks against known values.
const strata = await import("../../../dist/browser/strata.js");
const { io } = strata;

async function check() {
  const a = strata.tensor([[1, 2], [3, 4]]);
  const b = strata.tensor([[5, 6], [7, 8]]);
  // large enough to be split over threads (the pool splits matmuls above a size threshold)
  const n = 384;
  const x = strata.ones([n, n]);
  const big = strata.sum(strata.matmul(x, x)).itemSync();
  const w = strata.tensor([1, 2, 3], { requiresGrad: true });
  strata.sum(strata.mul(w, w)).backward();
  const saved = io.encodeSafetensors({ w: strata.tensor([0.5, -1.5]) });
  const loaded = io.decodeSafetensors(saved).tensors.w.toArray();
  let fileError = "";
  try {
    await io.loadCheckpoint("runs/x/checkpoint");
  } catch (error) {
    fileError = String(error.message);
  }
  await new Promise((r) => setTimeout(r, 300)); // workers start in the background
  return {
    info: strata.backendInfo(),
    product: strata.matmul(a, b).toArray(),
    big,
    expectedBig: n * n * n,
    grad: w.grad.toArray(),
    loaded,
    fileError,
    isolated: self.crossOriginIsolated,
  };
}

const result = await check();
if (typeof document !== "undefined") {
  globalThis.__result = result;
} else {
  self.postMessage(result);
}
