/**
 * The try-it panel: the focused run's model, rebuilt in the page (run-model.ts), classifies a digit
 * drawn on the pad or an uploaded picture of one, showing its three likeliest classes and the
 * 28×28 input it saw. The weights are fetched again whenever the run saves a new checkpoint.
 */
import { inkOf, mnistDigit, SIDE } from "./digit.js";
import { byId, el } from "./dom.js";
import type { RunInfo } from "./protocol.js";
import { loadRunModel, type RunModel } from "./run-model.js";
import { SketchPad } from "./sketch-pad.js";

/** Uploaded pictures are drawn at most this large before their ink is found: plenty for a 20×20 digit, quick for a 12-megapixel photo. */
const MAX_PICTURE_SIDE = 560;

export class TryIt {
  private readonly note = byId("try-note");
  /** Which model reads the digits, once it is loaded. */
  private readonly modelNote = byId("try-model");
  /** What was wrong with the last picture uploaded. */
  private readonly problem = byId("try-problem");
  private readonly body = byId("try-body");
  private readonly top = byId("top-classes");
  private readonly seen = byId<HTMLCanvasElement>("model-input");
  private readonly pad = new SketchPad(byId<HTMLCanvasElement>("sketch"), () => this.digitChanged(this.pad.pixels()));
  /** The run, checkpoint generation and model the panel shows now. */
  private shown = "";
  private model: RunModel | null = null;
  private digit: Float32Array | null = null;

  constructor() {
    byId("sketch-clear").addEventListener("click", () => {
      this.pad.clear();
      this.digitChanged(this.pad.pixels());
    });
    const file = byId<HTMLInputElement>("sketch-file");
    file.addEventListener("change", () => {
      if (file.files?.[0]) void this.upload(file.files[0]);
      file.value = ""; // so that choosing the same file again is a change too
    });
  }

  show({ name, checkpoint }: RunInfo): void {
    const key = `${name}\0${checkpoint?.generation}\0${checkpoint?.classifier}`;
    if (key === this.shown) return;
    this.shown = key;
    this.model = null;
    this.modelNote.textContent = "";
    this.body.hidden = checkpoint?.classifier !== true;
    this.showResult();
    if (checkpoint === null) {
      this.note.textContent = "Nothing to try yet: the run saves its first checkpoint when its first epoch ends.";
    } else if (!checkpoint.classifier) {
      this.note.textContent = `Nothing to try: ${name} is not a digit classifier of strata train (lenet5, mlp), so there is no model here that reads a drawn digit.`;
    } else {
      this.note.textContent = `Loading checkpoint ${checkpoint.generation} of ${name}…`;
      void this.load(name, checkpoint.generation, key);
    }
  }

  private async load(run: string, generation: number, key: string): Promise<void> {
    let model: RunModel;
    let which = `checkpoint ${generation}`;
    try {
      model = await loadRunModel(run);
    } catch {
      // A run in training replaces its checkpoint every epoch, deleting the old tensor files: a load
      // that read the old checkpoint.json just before then finds them gone. Once more reads the new one.
      try {
        model = await loadRunModel(run);
        which = `its checkpoint after ${generation}`;
      } catch (error) {
        if (key === this.shown) this.note.textContent = `Cannot try ${run}: ${(error as Error).message}`;
        return;
      }
    }
    if (key !== this.shown) return; // another run or a newer checkpoint is shown by now
    this.model = model;
    this.note.textContent = "Draw a digit, or upload a picture of one.";
    this.modelNote.textContent = `${run}'s ${model.name}, ${which}, running in this page on Strata's ${model.backend}`;
    this.showResult();
  }

  private async upload(file: File): Promise<void> {
    let picture: ImageBitmap;
    try {
      picture = await createImageBitmap(file);
    } catch {
      this.problem.textContent = `Cannot read ${file.name} as a picture (${file.type || "unknown type"}); PNG, JPEG, GIF, WebP and BMP work.`;
      return;
    }
    const scale = Math.min(1, MAX_PICTURE_SIDE / Math.max(picture.width, picture.height));
    const canvas = new OffscreenCanvas(Math.max(1, Math.round(picture.width * scale)), Math.max(1, Math.round(picture.height * scale)));
    const context = canvas.getContext("2d", { willReadFrequently: true })!;
    // transparent parts count as white paper
    context.fillStyle = "#fff";
    context.fillRect(0, 0, canvas.width, canvas.height);
    context.drawImage(picture, 0, 0, canvas.width, canvas.height);
    this.pad.showPicture(picture);
    this.digitChanged(context.getImageData(0, 0, canvas.width, canvas.height));
  }

  private digitChanged({ data, width, height }: ImageData): void {
    this.problem.textContent = "";
    this.digit = mnistDigit(inkOf(data, width, height), width, height);
    this.showResult();
  }

  /** The input the model saw and its three likeliest classes (empty while there is no digit or no model). */
  private showResult(): void {
    const seen = this.seen.getContext("2d")!;
    const image = seen.createImageData(SIDE, SIDE);
    for (let i = 0; i < SIDE * SIDE; i++) {
      const v = 255 * (this.digit?.[i] ?? 0);
      image.data.set([v, v, v, 255], 4 * i);
    }
    seen.putImageData(image, 0, 0);
    const ranked = this.model && this.digit ? this.model.classify(this.digit).slice(0, 3) : [];
    this.top.replaceChildren(...ranked.map(({ className, probability }) => {
      const fill = el("span", { className: "fill" });
      fill.style.width = `${(probability * 100).toFixed(1)}%`;
      return el("li", {}, el("span", { className: "class-name", text: className }), el("span", { className: "bar" }, fill), el("span", { className: "probability", text: percent(probability) }));
    }));
  }
}

/** 0.9871 → "98.7%", 0.0042 → "0.42%", 0.00000042 → "<0.01%". */
function percent(p: number): string {
  return p < 0.0001 ? "<0.01%" : `${(p * 100).toFixed(p >= 0.1 ? 1 : 2)}%`;
}
