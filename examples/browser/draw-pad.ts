/** A canvas to draw a digit on with a mouse, a pen or a finger: light ink on a dark ground, as MNIST's digits are. */

/** Pen width as a share of the pad's width: a digit drawn across most of the pad gets MNIST's 2–3 pixel strokes. */
const PEN = 0.075;

export class DrawPad {
  private readonly context: CanvasRenderingContext2D;
  private last: { x: number; y: number } | null = null;

  /** `onInk` is called while a stroke is drawn and when it ends. */
  constructor(readonly canvas: HTMLCanvasElement, private readonly onInk: () => void) {
    this.context = canvas.getContext("2d", { willReadFrequently: true })!;
    this.clear();
    canvas.addEventListener("pointerdown", (event) => {
      canvas.setPointerCapture(event.pointerId);
      this.last = this.point(event);
      this.stroke(this.last);
    });
    canvas.addEventListener("pointermove", (event) => {
      if (!this.last) return;
      // a fast stroke delivers several points per frame; draw through every one of them
      for (const e of event.getCoalescedEvents?.() ?? [event]) this.stroke(this.point(e));
    });
    const end = () => {
      if (!this.last) return;
      this.last = null;
      this.onInk();
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
  }

  clear(): void {
    this.context.fillStyle = "#000";
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
  }

  /** The ink, 0 to 1, row-major over the canvas's pixels. */
  ink(): Float32Array {
    const { data, width, height } = this.context.getImageData(0, 0, this.canvas.width, this.canvas.height);
    const out = new Float32Array(width * height);
    for (let i = 0; i < out.length; i++) out[i] = data[4 * i] / 255;
    return out;
  }

  /** The event's position in canvas pixels (the canvas may be shown at another size). */
  private point(event: PointerEvent): { x: number; y: number } {
    const rect = this.canvas.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) * this.canvas.width) / rect.width, y: ((event.clientY - rect.top) * this.canvas.height) / rect.height };
  }

  private stroke(to: { x: number; y: number }): void {
    const from = this.last ?? to;
    const c = this.context;
    c.strokeStyle = "#fff";
    c.lineWidth = PEN * this.canvas.width;
    c.lineCap = c.lineJoin = "round";
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(to.x, to.y);
    c.stroke();
    this.last = to;
    this.onInk();
  }
}
