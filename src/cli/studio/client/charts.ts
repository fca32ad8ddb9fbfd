/** The training curves: one uPlot chart per metric, its data replaced in place while its series stay the same. */
import { el } from "./dom.js";
import { isHeldOut, splitOf, words, type ChartSpec } from "./series.js";
import uPlot from "./uplot.js";

/** Plot heights: the pace of training gets smaller charts than what it learned. */
const HEIGHT = 250;
const PACE_HEIGHT = 200;
const heightOf = (spec: ChartSpec) => (spec.pace ? PACE_HEIGHT : HEIGHT);
/** Epochs are whole numbers: tick steps from these. */
const EPOCH_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000];

interface Chart {
  plot: uPlot;
  height: number;
  box: HTMLElement;
  /** The series it was made with: other series need a new chart. */
  signature: string;
}

export class Charts {
  private readonly charts = new Map<string, Chart>();

  /** grids: where the charts of what was learned go, and where those of the pace of training go. */
  constructor(private readonly grids: { metrics: HTMLElement; pace: HTMLElement }, private readonly colorOf: (run: string) => string) {
    const resize = new ResizeObserver(() => {
      for (const { plot, box, height } of this.charts.values()) plot.setSize({ width: plotWidth(box), height });
    });
    resize.observe(grids.metrics);
    resize.observe(grids.pace);
  }

  /** Shows these charts, in this order, and no others. */
  show(specs: readonly ChartSpec[]): void {
    const wanted = new Set(specs.map((spec) => spec.metric));
    for (const [metric, chart] of this.charts) if (!wanted.has(metric)) this.remove(metric, chart);
    for (const spec of specs) {
      const grid = spec.pace ? this.grids.pace : this.grids.metrics;
      const signature = JSON.stringify(spec.series);
      let chart = this.charts.get(spec.metric);
      if (chart && chart.signature !== signature) this.remove(spec.metric, chart);
      chart = this.charts.get(spec.metric);
      if (chart) chart.plot.setData(spec.data);
      else {
        const box = el("div", { className: "chart" });
        grid.append(box);
        chart = { plot: new uPlot(this.options(spec, plotWidth(box)), spec.data, box), height: heightOf(spec), box, signature };
        this.charts.set(spec.metric, chart);
      }
      grid.append(chart.box); // moves it into place
      // what the canvas shows, readable without its pixels (by the browser tests, say)
      chart.box.dataset.metric = spec.metric;
      chart.box.dataset.epochs = String(spec.data[0].length);
    }
  }

  private remove(metric: string, { plot, box }: Chart): void {
    plot.destroy();
    box.remove();
    this.charts.delete(metric);
  }

  private options(spec: ChartSpec, width: number): uPlot.Options {
    const name = words(spec.metric);
    return {
      title: name[0].toUpperCase() + name.slice(1),
      width,
      height: heightOf(spec),
      scales: { x: { time: false, range: (_, min, max) => (min === max ? [min - 1, max + 1] : [min, max]) } },
      axes: [{ label: "epoch", incrs: EPOCH_STEPS }, { label: name, size: 60 }],
      series: [
        { label: "epoch" },
        ...spec.series.map(({ run, key }) => ({
          // the chart's title names the metric; the legend, the run and the split ("lenet5 · val")
          label: splitOf(key) ? `${run} · ${splitOf(key)}` : run,
          stroke: this.colorOf(run),
          width: 2,
          dash: isHeldOut(key) ? [6, 4] : undefined,
          spanGaps: true,
          points: { size: 5, fill: this.colorOf(run) },
        })),
      ],
    };
  }
}

/** The plot's width inside its box (the box's padding left out). */
function plotWidth(box: HTMLElement): number {
  const style = getComputedStyle(box);
  return Math.max(200, box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight));
}
