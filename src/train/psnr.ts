/** Peak signal-to-noise ratio, the restoration lectures' figure of merit. */
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";

function checkPair(images: Tensor, clean: Tensor): void {
  if (images.shape.length !== clean.shape.length || images.shape.some((d, i) => d !== clean.shape[i])) {
    throw new ShapeError(`psnr: images of shape ${fmtShape(images.shape)} and clean images of shape ${fmtShape(clean.shape)} must match`);
  }
}

/** Σ (images − clean)² over every element: what psnrOf turns into decibels. */
export function squaredError(images: Tensor, clean: Tensor): number {
  checkPair(images, clean);
  return images.sub(clean).square().sum().itemSync();
}

/** 10·log10(peak² / MSE) for a squared-error total over `count` elements. */
export function psnrOf(squaredErrorTotal: number, count: number, peak = 1): number {
  if (!(peak > 0)) throw new RangeError(`psnr: peak must be positive, got ${peak}`);
  return 10 * Math.log10((peak * peak * count) / squaredErrorTotal);
}

/**
 * The PSNR in dB of a set of images against the clean ones, 10·log10(peak² / MSE) with the MSE
 * over every pixel of every image. (Averaging per-image PSNRs instead would make one untouched
 * image — a mask over blank background — count as infinitely good.)
 */
export function psnr(images: Tensor, clean: Tensor, peak = 1): number {
  return psnrOf(squaredError(images, clean), clean.size, peak);
}
