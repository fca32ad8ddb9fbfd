/**
 * Restoration on MNIST: a convolutional denoiser for Gaussian noise of σ = 0.5, and an inpainter for
 * a 10×10 square cut out of each digit (the known pixels kept, the missing ones from the net). Both
 * are trained on 10,000 training digits and measured by PSNR on the 10,000 test digits, against the
 * corrupted inputs' PSNR; a picture shows clean, corrupted and restored test digits.
 *
 * Run after `npm run build`:  node dist/examples/restoration-mnist.js [picture, default restoration.png]
 */
import { Generator, manualSeed, noGrad, randn, type Tensor } from "../src/index.js";
import { maskSquares, mnist } from "../src/data/index.js";
import { convDenoiser } from "../src/models/index.js";
import { restorationPsnr, trainRestorer } from "../src/train/index.js";
import { imageGrid, toImage, upscale, writePng } from "../src/viz/index.node.js";

const picture = process.argv[2] ?? "restoration.png";
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
manualSeed(1);
const train = (await mnist("train", { limit: 10_000 })).x;
const test = (await mnist("test")).x;
const noisy = (x: Tensor, seed: number) => x.add(randn(x.shape, { std: 0.5, generator: new Generator(seed) }));
const print = (line: string) => console.log(`  ${line}`);

console.log("denoising (σ = 0.5):");
const denoiser = convDenoiser({ width: 24, layers: 4 });
await trainRestorer(denoiser, noisy(train, 1), train, { epochs: 3, print });
const noisyTest = noisy(test, 2);
const denoised = restorationPsnr(denoiser, noisyTest, test);
console.log(`PSNR on the 10,000 test digits: noisy ${denoised.corrupted.toFixed(2)} dB → denoised ${denoised.restored.toFixed(2)} dB  (${elapsed()})`);

console.log("inpainting (a 10×10 square cut from each digit):");
const inpainter = convDenoiser({ width: 24, layers: 6 });
await trainRestorer(inpainter, maskSquares(train, 10, { generator: new Generator(3) }).corrupted, train, { epochs: 3, print });
const cut = maskSquares(test, 10, { generator: new Generator(4) });
const inpainted = restorationPsnr(inpainter, cut.corrupted, test, { mask: cut.mask });
console.log(`PSNR on the 10,000 test digits: cut ${inpainted.corrupted.toFixed(2)} dB → inpainted ${inpainted.restored.toFixed(2)} dB  (${elapsed()})`);

// rows: clean, noisy, denoised, cut, inpainted — ten test digits
const shown = 10;
const first = (x: Tensor) => x.narrow(0, 0, shown);
const rows = noGrad(() => {
  const cutShown = first(cut.corrupted);
  const missing = first(cut.mask);
  const filled = inpainter.forward(cutShown).mul(missing).add(cutShown.mul(missing.neg().add(1)));
  return [first(test), first(noisyTest).clamp(0, 1), denoiser.forward(first(noisyTest)), cutShown, filled];
});
const tiles = rows.flatMap((row) => Array.from({ length: shown }, (_, i) => upscale(toImage(row.select(0, i).clamp(0, 1)), 2)));
await writePng(picture, imageGrid(tiles, { columns: shown, padding: 2 }));
console.log(`picture: ${picture}`);
