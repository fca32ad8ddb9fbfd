/** Drawing a picture (values in [0, 1], grey, RGB or RGBA) onto a canvas, each pixel a crisp square. */
import type { Picture } from "./protocol.js";

/** Fills `canvas` with `picture`, scaled by the largest whole factor that fits the canvas's width. */
export function drawPicture(canvas: HTMLCanvasElement, { width, height, channels, values }: Picture): void {
  const rgba = new ImageData(width, height);
  for (let p = 0; p < width * height; p++) {
    for (let k = 0; k < 3; k++) rgba.data[4 * p + k] = 255 * values[p * channels + (channels === 1 ? 0 : k)];
    rgba.data[4 * p + 3] = channels === 4 ? 255 * values[p * channels + 3] : 255;
  }
  const small = new OffscreenCanvas(width, height);
  small.getContext("2d")!.putImageData(rgba, 0, 0);
  const scale = Math.max(1, Math.floor(canvas.width / width));
  canvas.width = width * scale;
  canvas.height = height * scale;
  const context = canvas.getContext("2d")!;
  context.imageSmoothingEnabled = false;
  context.drawImage(small, 0, 0, width * scale, height * scale);
}
