/** Images to PNG bytes through fast-png (runs in Node and browsers alike). */
import { encode } from "fast-png";
import { imageSize, type Image } from "./image.js";

/** 8-bit PNG bytes of an image ([H, W, 1|3|4], values in [0, 1]; out-of-range values are clipped, NaN is black). */
export function encodePng(image: Image): Uint8Array {
  const { height, width, channels } = imageSize(image, "encodePng");
  const data = new Uint8Array(height * width * channels);
  const values = image.values;
  for (let i = 0; i < data.length; i++) {
    const v = values[i];
    data[i] = v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0;
  }
  return encode({ width, height, data, channels, depth: 8 });
}

/** A PNG as a data: URL, for embedding in HTML and SVG. */
export function pngDataUrl(image: Image): string {
  const bytes = encodePng(image);
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return `data:image/png;base64,${btoa(binary)}`;
}
