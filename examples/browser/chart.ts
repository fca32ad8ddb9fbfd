/** The live training chart (uPlot): batch loss, its moving average, training and test accuracy, by step. */
import uPlot from "uplot";
import "uplot/dist/uPlot.min.css";

/** Weight of the newest batch in the moving averages: about the last 30 steps. */
const SMOOTHING = 1 / 30;
const HEIGHT = 300;

/** A moving average that starts from the first values rather than from 0 (TensorBoard's debiasing). */
class MovingAverage {
  private value = 0;
  private weight = 0;

  add(x: number): number {
    this.value = (1 - SMOOTHING) * this.value + SMOOTHING * x;
    this.weight = (1 - SMOOTHING) * this.weight + SMOOTHING;
    return this.value / this.weight;
  }
}

export class TrainingChart {
  private readonly plot: uPlot;
  /** step, batch loss, its average, training accuracy (average, %), test accuracy (%, where measured) */
  private readonly data: [number[], number[], number[], number[], (number | null)[]] = [[], [], [], [], []];
  private readonly loss = new MovingAverage();
  private readonly accuracy = new MovingAverage();
  private drawPending = false;

  constructor(box: HTMLElement) {
    const accuracyAxis = { scale: "%", side: 1, grid: { show: false }, values: (_: uPlot, ticks: number[]) => ticks.map((t) => `${t}%`) };
    this.plot = new uPlot(
      {
        width: box.clientWidth,
        height: HEIGHT,
        scales: { x: { time: false }, loss: { range: (_, __, max) => [0, Math.max(0.5, max)] }, "%": { range: [0, 100] } },
        axes: [{ label: "step" }, { scale: "loss", label: "loss" }, { ...accuracyAxis, label: "accuracy" }],
        series: [
          { label: "step" },
          { label: "batch loss", scale: "loss", stroke: "rgba(207, 34, 46, 0.25)", width: 1, points: { show: false } },
          { label: "loss (average)", scale: "loss", stroke: "#cf222e", width: 2, points: { show: false }, value: (_, v) => v?.toFixed(3) ?? "–" },
          { label: "train accuracy", scale: "%", stroke: "#0969da", width: 2, points: { show: false }, value: (_, v) => (v === null ? "–" : `${v.toFixed(1)}%`) },
          { label: "test accuracy", scale: "%", stroke: "#1a7f37", width: 2, spanGaps: true, points: { show: true, size: 7, fill: "#1a7f37" }, value: (_, v) => (v === null ? "–" : `${v.toFixed(2)}%`) },
        ],
        legend: { live: false },
      },
      this.data,
      box,
    );
    new ResizeObserver(() => this.plot.setSize({ width: box.clientWidth, height: HEIGHT })).observe(box);
  }

  addBatch(step: number, loss: number, accuracy: number): void {
    const [steps, losses, averages, accuracies, tests] = this.data;
    steps.push(step);
    losses.push(loss);
    averages.push(this.loss.add(loss));
    accuracies.push(100 * this.accuracy.add(accuracy));
    tests.push(null);
    this.redraw();
  }

  /** The test accuracy measured after `step`. */
  addTest(step: number, accuracy: number): void {
    const at = this.data[0].lastIndexOf(step);
    if (at >= 0) this.data[4][at] = 100 * accuracy;
    this.redraw();
  }

  /** Batches arrive faster than frames: draw at most once a frame. */
  private redraw(): void {
    if (this.drawPending) return;
    this.drawPending = true;
    requestAnimationFrame(() => {
      this.drawPending = false;
      this.plot.setData(this.data);
    });
  }
}
