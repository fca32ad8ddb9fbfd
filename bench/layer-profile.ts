/**
 * VGG-11 inference timed layer by layer (the README's "W6" reading of the performance figures):
 * each layer's median time over 7 passes after 3, and the convolutions' and linear layers' GFLOP/s.
 * Layers run one at a time here, so an activation the whole forward fuses into its convolution is
 * timed apart: read the convolutions' rates, not the sum.
 *
 *   node dist/bench/layer-profile.js [batch (1)] [threads (one per core)]
 */
import { getBackend, models, nn, noGrad, randn, setThreads, type Tensor } from "../src/index.js";

const batch = Number(process.argv[2] ?? 1);
if (process.argv[3] !== undefined) setThreads(Number(process.argv[3]));
const net = models.vgg("A").eval();
const features = [...net.features];
const layers: nn.Module[] = [...features, net.avgpool, ...net.classifier];
const times = new Map<string, number[]>();
const flops = new Map<string, number>();

function pass(record: boolean): void {
  noGrad(() => {
    let h: Tensor = randn([batch, 3, 224, 224]);
    layers.forEach((layer, i) => {
      if (i === features.length + 1) h = h.reshape([batch, -1]);
      const start = performance.now();
      const out = layer.forward(h);
      const ms = performance.now() - start;
      if (record) {
        const key = `${i} ${layer.constructor.name} ${h.shape.join("×")} → ${out.shape.join("×")}`;
        times.set(key, [...(times.get(key) ?? []), ms]);
        if (layer instanceof nn.Conv2d) flops.set(key, 2 * out.size * layer.weight.size / layer.weight.shape[0]);
        if (layer instanceof nn.Linear) flops.set(key, 2 * batch * layer.weight.size);
      }
      h = out;
    });
  });
}

for (let i = 0; i < 3; i++) pass(false);
for (let i = 0; i < 7; i++) pass(true);
let productMs = 0;
let productFlops = 0;
for (const [key, ms] of times) {
  const median = ms.sort((a, b) => a - b)[ms.length >> 1];
  const f = flops.get(key);
  if (f !== undefined) {
    productMs += median;
    productFlops += f;
  }
  console.log(`${key.padEnd(56)} ${median.toFixed(1).padStart(8)} ms${f !== undefined ? `  ${(f / median / 1e6).toFixed(1)} GFLOP/s` : ""}`);
}
console.log(`${getBackend()}, batch ${batch}: convolutions and linear layers ${productMs.toFixed(0)} ms, ${(productFlops / 1e9).toFixed(2)} GFLOP at ${(productFlops / productMs / 1e6).toFixed(1)} GFLOP/s`);
