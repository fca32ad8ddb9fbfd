/**
 * The details of the run clicked in the list: its settings (from checkpoint.json), its checkpoint
 * files, its newest first-layer filters, its test-set confusion matrix, and the try-it panel.
 * Pictures are fetched again only when the run saves a new snapshot or checkpoint.
 */
import { byId, el, runApi } from "./dom.js";
import type { RunInfo } from "./protocol.js";
import { TryIt } from "./try-it.js";

export class Details {
  private readonly panel = byId("run-details");
  private readonly filters = byId<HTMLImageElement>("filters");
  private readonly filtersNote = byId("filters-note");
  private readonly confusion = byId<HTMLImageElement>("confusion");
  private readonly confusionNote = byId("confusion-note");
  private readonly tryIt = new TryIt();
  /** What the pictures show now, so that an unchanged run does not refetch them. */
  private shownFilters = "";
  private shownConfusion = "";

  constructor() {
    this.confusion.addEventListener("load", () => {
      this.confusion.hidden = false;
      this.confusionNote.textContent = "";
    });
    // An <img> cannot read the error's text; ask again for it.
    this.confusion.addEventListener("error", async () => {
      const response = await fetch(this.confusion.src);
      this.confusionNote.textContent = `No confusion matrix: ${(await response.text()).trim()}`;
    });
  }

  show(run: RunInfo | undefined): void {
    this.panel.hidden = run === undefined;
    if (run === undefined) return;
    byId("details-title").textContent = `Run ${run.name}`;
    this.showSettings(run);
    this.showFilters(run);
    this.showConfusion(run);
    this.tryIt.show(run);
  }

  private showSettings({ name, checkpoint }: RunInfo): void {
    const rows = checkpoint?.settings ? flatten(checkpoint.settings) : [];
    byId("settings").replaceChildren(...rows.map(([key, value]) => el("tr", {}, el("th", { text: key }), el("td", { text: value }))));
    byId("no-settings").hidden = rows.length > 0;
    const files = checkpoint?.files ?? [];
    const links = files.map((file) => {
      const link = el("a", { text: file });
      link.href = checkpointUrl(name, file);
      return link;
    });
    byId("checkpoint-files").replaceChildren(...(checkpoint ? [el("span", { text: `checkpoint ${checkpoint.generation}: ` }), ...links] : []));
  }

  private showFilters({ name, filtersEpoch }: RunInfo): void {
    const key = `${name}\0${filtersEpoch}`;
    if (key === this.shownFilters) return;
    this.shownFilters = key;
    this.filters.hidden = filtersEpoch === null;
    if (filtersEpoch === null) {
      this.filters.removeAttribute("src");
      this.filtersNote.textContent = "No filter snapshots: only models with a convolution save them (filters/epoch-N.safetensors).";
      return;
    }
    this.filters.src = `${runApi(name, "filters.png")}?epoch=${filtersEpoch}`;
    this.filtersNote.textContent = `after epoch ${filtersEpoch}; each filter at its own contrast`;
  }

  private showConfusion({ name, checkpoint }: RunInfo): void {
    const key = `${name}\0${checkpoint?.generation}\0${checkpoint?.classifier}`;
    if (key === this.shownConfusion) return;
    this.shownConfusion = key;
    this.confusion.hidden = true;
    if (checkpoint === null || !checkpoint.classifier) {
      this.confusion.removeAttribute("src");
      this.confusionNote.textContent = checkpoint === null
        ? "No checkpoint yet: training saves one when its first epoch ends."
        : "Only for the classifiers of strata train (lenet5, mlp); this run is not one.";
      return;
    }
    this.confusionNote.textContent = `Running checkpoint ${checkpoint.generation} over the test set…`;
    this.confusion.src = `${runApi(name, "confusion.svg")}?generation=${checkpoint.generation}`;
  }
}

const checkpointUrl = (run: string, file: string) => `/runs/${encodeURIComponent(run)}/checkpoint/${encodeURIComponent(file)}`;

/** Nested settings as rows: { settings: { lr: 0.05 } } → ["settings.lr", "0.05"]. */
function flatten(value: unknown, path = ""): [string, string][] {
  if (typeof value === "object" && value !== null && !Array.isArray(value)) {
    return Object.entries(value).flatMap(([key, item]) => flatten(item, path ? `${path}.${key}` : key));
  }
  return [[path, typeof value === "string" ? value : JSON.stringify(value) ?? "undefined"]];
}
