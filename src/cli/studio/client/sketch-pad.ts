/**
 * A canvas to draw a digit on with a mouse, pen or finger (pointer events cover all three): white
 * ink on black, as MNIST's digits are. It can also show a picture (an uploaded one) instead; the
 * next stroke then starts on a clear pad.
 */

/** Pen width as a share of the pad's side: a digit drawn to fill most of the pad then has MNIST's strokes (2–3 of 28 pixels). */
const PEN = 0.07;

export class SketchPad {
  private readonly context: CanvasRenderingContext2D;
  private last: { x: number; y: number } | null = null;
  private showingPicture = false;

  /** changed is called in the frame after the ink changes (once however many strokes and moves came since the last). */
  constructor(readonly canvas: HTMLCanvasElement, private readonly changed: () => void) {
    this.context = canvas.getContext("2d", { willReadFrequently: true })!;
    this.clear();
    let queued = false;
    const changedSoon = () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => {
        queued = false;
        changed();
      });
    };
    canvas.addEventListener("pointerdown", (event) => {
      canvas.setPointerCapture(event.pointerId);
      if (this.showingPicture) this.clear();
      this.last = null;
      this.strokeTo(this.point(event));
      changedSoon();
    });
    canvas.addEventListener("pointermove", (event) => {
      if (this.last === null) return;
      // the positions the browser merged into this event, for smooth curves from fast strokes
      for (const each of event.getCoalescedEvents?.() ?? [event]) this.strokeTo(this.point(each));
      changedSoon();
    });
    const end = () => {
      if (this.last === null) return;
      this.last = null;
      changedSoon();
    };
    canvas.addEventListener("pointerup", end);
    canvas.addEventListener("pointercancel", end);
  }

  clear(): void {
    this.context.fillStyle = "#000";
    this.context.fillRect(0, 0, this.canvas.width, this.canvas.height);
    this.showingPicture = false;
  }

  /** The pad's pixels, RGBA. */
  pixels(): ImageData {
    return this.context.getImageData(0, 0, this.canvas.width, this.canvas.height);
  }

  /** Shows picture in place of the drawing, whole and centred. */
  showPicture(picture: CanvasImageSource & { width: number; height: number }): void {
    this.clear();
    const scale = Math.min(this.canvas.width / picture.width, this.canvas.height / picture.height);
    const [w, h] = [picture.width * scale, picture.height * scale];
    this.context.drawImage(picture, (this.canvas.width - w) / 2, (this.canvas.height - h) / 2, w, h);
    this.showingPicture = true;
  }

  /** The event's position in the canvas's own pixels (it is shown scaled by CSS). */
  private point(event: PointerEvent): { x: number; y: number } {
    const box = this.canvas.getBoundingClientRect();
    return { x: ((event.clientX - box.left) * this.canvas.width) / box.width, y: ((event.clientY - box.top) * this.canvas.height) / box.height };
  }

  /** A line from the stroke's last point (a dot when it has none yet). */
  private strokeTo(point: { x: number; y: number }): void {
    const from = this.last ?? point;
    const c = this.context;
    c.strokeStyle = "#fff";
    c.lineWidth = PEN * this.canvas.width;
    c.lineCap = "round";
    c.lineJoin = "round";
    c.beginPath();
    c.moveTo(from.x, from.y);
    c.lineTo(point.x, point.y);
    c.stroke();
    this.last = point;
  }
}
