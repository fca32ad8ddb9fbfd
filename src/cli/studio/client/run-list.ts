/** The sidebar's list of runs: a checkbox to draw a run on the charts, its name to show its details. */
import { el } from "./dom.js";
import type { RunInfo } from "./protocol.js";

export interface RunListView {
  runs: readonly RunInfo[];
  selected: ReadonlySet<string>;
  focused: string | null;
  /** What to say under each run's name (its last epoch, a problem…). */
  meta(run: RunInfo): string;
  colorOf(run: string): string;
  toggle(run: string, on: boolean): void;
  focus(run: string): void;
}

export function renderRunList(list: HTMLElement, view: RunListView): void {
  list.replaceChildren(...view.runs.map((run) => {
    const box = el("input");
    box.type = "checkbox";
    box.checked = view.selected.has(run.name);
    box.title = "draw on the charts";
    box.addEventListener("change", () => view.toggle(run.name, box.checked));
    const swatch = el("span", { className: "swatch" });
    swatch.style.background = view.colorOf(run.name);
    const name = el("button", { className: "run-name", text: run.name });
    name.title = "show its settings, filters and confusion matrix";
    name.addEventListener("click", () => view.focus(run.name));
    return el("li", { className: run.name === view.focused ? "run focused" : "run" }, box, swatch, name, el("span", { className: "run-meta", text: view.meta(run) }));
  }));
}
