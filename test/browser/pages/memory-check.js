// Runs in a module Web Worker: makes 1.2 GiB of kernel results nobody keeps, one per turn of the
// event loop as a training loop does, and reports the kernel memory's size after, and what a turn costs.
const strata = await import("../../../dist/browser/strata.js");

const x = strata.randn([1 << 20]); // 4 MiB
const before = strata.backendInfo().memoryBytes;
for (let i = 0; i < 300; i++) {
  x.exp();
  await strata.nextTurn();
}
const after = strata.backendInfo().memoryBytes;
const start = performance.now();
for (let i = 0; i < 100; i++) await strata.nextTurn();
self.postMessage({ before, after, turnMs: (performance.now() - start) / 100 });
