/** Writing PNG files (Node only; the browser uses encodePng or pngDataUrl). */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { writeFileAtomic } from "../io/index.js";
import type { Image } from "./image.js";
import { encodePng } from "./png.js";

/** Write image as a PNG file at path (folders are created; the write is atomic). */
export async function writePng(path: string, image: Image): Promise<void> {
  const bytes = encodePng(image);
  mkdirSync(dirname(path), { recursive: true });
  await writeFileAtomic(path, bytes);
}
