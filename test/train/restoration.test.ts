/** Restoration on MNIST: PSNR by hand, square masks, and small real denoising and inpainting runs that beat their corrupted inputs. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, randn, tensor } from "../../src/index.js";
import { maskSquares, mnist } from "../../src/data/index.js";
import { convDenoiser } from "../../src/models/index.js";
import { psnr, restorationPsnr, trainRestorer } from "../../src/train/index.js";
import { assertClose } from "../helpers.js";

describe("psnr and maskSquares", () => {
  it("psnr is 10·log10(peak²/MSE), the MSE over every pixel of every image", () => {
    const clean = tensor([[0, 0, 0, 0], [1, 1, 1, 1]]);
    const off = tensor([[0.1, 0.1, 0.1, 0.1], [1, 1, 1, 0]]);
    // squared errors 4·0.01 + 1 over 8 pixels
    assertClose(psnr(off, clean), 10 * Math.log10(8 / 1.04), { rtol: 1e-6 });
    assert.equal(psnr(clean, clean), Infinity);
    assertClose(psnr(off.mul(255), clean.mul(255), 255), psnr(off, clean), { rtol: 1e-6 });
    assert.throws(() => psnr(off, tensor([1, 2])), /psnr: images of shape \[2, 4\] and clean images of shape \[2\] must match/);
  });

  it("maskSquares cuts one size×size square from each image, and says where", () => {
    const x = tensor(new Float32Array(2 * 1 * 6 * 6).fill(1), [2, 1, 6, 6]);
    const { corrupted, mask } = maskSquares(x, 3, { generator: new Generator(1) });
    for (let i = 0; i < 2; i++) {
      assert.equal(mask.narrow(0, i, 1).sum().itemSync(), 9);
      assert.equal(corrupted.narrow(0, i, 1).sum().itemSync(), 36 - 9);
    }
    assertClose(corrupted.add(mask), x);
    assert.throws(() => maskSquares(x, 7), /size must be an integer from 1 to 6, got 7/);
    assert.throws(() => maskSquares(tensor([1, 2]), 1), /x must be images \[N, C, H, W\], got \[2\]/);
  });
});

describe("a convolutional restorer on MNIST", () => {
  it("denoises σ = 0.5 noise and fills cut squares better than the corrupted images are", async () => {
    manualSeed(3);
    const train = (await mnist("train", { limit: 2000 })).x;
    const test = (await mnist("test", { limit: 500 })).x;
    const noisy = (x: typeof train, seed: number) => x.add(randn(x.shape, { std: 0.5, generator: new Generator(seed) }));
    const denoiser = convDenoiser({ width: 16, layers: 3 });
    const printed: string[] = [];
    await trainRestorer(denoiser, noisy(train, 1), train, { epochs: 2, print: (line) => printed.push(line) });
    assert.match(printed[1], /^epoch 2\/2  train loss 0\.\d+  lr/, "no accuracy for a model that does not classify");
    const denoised = restorationPsnr(denoiser, noisy(test, 2), test);
    assert.ok(denoised.restored > denoised.corrupted + 6, `PSNR noisy ${denoised.corrupted.toFixed(2)} dB → denoised ${denoised.restored.toFixed(2)} dB`);

    const inpainter = convDenoiser({ width: 16, layers: 4 });
    await trainRestorer(inpainter, maskSquares(train, 10, { generator: new Generator(4) }).corrupted, train, { epochs: 2 });
    const cut = maskSquares(test, 10, { generator: new Generator(5) });
    const inpainted = restorationPsnr(inpainter, cut.corrupted, test, { mask: cut.mask });
    assert.ok(inpainted.restored > inpainted.corrupted, `PSNR masked ${inpainted.corrupted.toFixed(2)} dB → inpainted ${inpainted.restored.toFixed(2)} dB`);
  });
});
