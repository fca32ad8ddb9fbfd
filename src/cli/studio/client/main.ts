/**
 * The studio page: the list of runs, the curves of the runs ticked (live, from the server's log
 * events), and the details of the run clicked. Everything a run's files hold is shown as text.
 */
import { Charts } from "./charts.js";
import { Details } from "./details.js";
import { byId, el } from "./dom.js";
import { follow } from "./live.js";
import type { LogRecord, RunInfo } from "./protocol.js";
import { renderRunList } from "./run-list.js";
import { chartSpecs, stepsOf } from "./series.js";

/** Tableau's ten colours: distinct, and readable on white. */
const PALETTE = ["#4e79a7", "#f28e2b", "#e15759", "#76b7b2", "#59a14f", "#edc948", "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac"];
/** The list is asked for again this often, so that new runs, checkpoints and snapshots show up. */
const REFRESH_MS = 5000;
/** After a new log line, the checkpoint and filter snapshot of that epoch follow within moments. */
const AFTER_RECORD_MS = 1500;

let runs: RunInfo[] = [];
const records = new Map<string, LogRecord[]>();
/** What the log events reported wrong, by run (a run's other problems come with its RunInfo). */
const logProblems = new Map<string, string>();
const selected = new Set<string>();
let focused: string | null = null;
let stopFollowing = () => {};
let drawQueued = false;
let refreshTimer: ReturnType<typeof setTimeout> | undefined;

const charts = new Charts({ metrics: byId("charts"), pace: byId("pace-charts") }, colorOf);
const details = new Details();
const status = byId("status");

function colorOf(run: string): string {
  return PALETTE[Math.max(0, runs.findIndex((r) => r.name === run)) % PALETTE.length];
}

/** Follows the ticked runs, from the start of their logs (each begins with a reset). */
function followSelected(): void {
  stopFollowing();
  records.clear();
  stopFollowing = () => {};
  if (selected.size === 0) {
    status.textContent = runs.length === 0 ? "waiting for a run to start…" : "following no runs";
    status.classList.remove("live");
    return;
  }
  stopFollowing = follow([...selected], {
    reset: ({ run }) => {
      records.set(run, []);
      logProblems.delete(run);
      queueDraw();
    },
    record: ({ run, record }) => {
      records.get(run)?.push(record);
      queueDraw();
      clearTimeout(refreshTimer);
      refreshTimer = setTimeout(refresh, AFTER_RECORD_MS);
    },
    problem: ({ run, message }) => {
      logProblems.set(run, message);
      queueDraw();
    },
    connected: (open) => {
      status.textContent = open ? `live: following ${selected.size} run${selected.size === 1 ? "" : "s"}` : "connection lost; trying again…";
      status.classList.toggle("live", open);
    },
  });
}

/** Redraws once per frame however many records arrived (a whole log arrives at once on connecting). */
function queueDraw(): void {
  if (drawQueued) return;
  drawQueued = true;
  requestAnimationFrame(() => {
    drawQueued = false;
    draw();
  });
}

function draw(): void {
  const shown = runs.filter((run) => selected.has(run.name)).map((run) => ({ name: run.name, records: records.get(run.name) ?? [] }));
  const specs = chartSpecs(shown);
  charts.show(specs);
  byId("no-curves").hidden = selected.size > 0 || runs.length === 0;
  byId("pace").hidden = !specs.some((spec) => spec.pace);
  byId("no-runs").hidden = runs.length > 0;
  renderRunList(byId("run-list"), { runs, selected, focused, meta, colorOf, toggle, focus });
  const problems = [...runs.flatMap((run) => (run.problem ? [[run.name, run.problem]] : [])), ...logProblems];
  byId("problems").replaceChildren(...problems.map(([run, message]) => el("li", { text: `${run}: ${message}` })));
  details.show(runs.find((run) => run.name === focused));
}

function meta(run: RunInfo): string {
  if (!run.hasLog) return "waiting for its first epoch";
  const steps = stepsOf(records.get(run.name) ?? []);
  return steps.length > 0 ? `epoch ${steps.at(-1)}` : "";
}

function toggle(run: string, on: boolean): void {
  if (on) selected.add(run);
  else selected.delete(run);
  followSelected();
  draw();
}

function focus(run: string): void {
  focused = run;
  if (!selected.has(run)) toggle(run, true);
  else draw();
}

/** Asks for the list of runs again; the first run is ticked and shown when nothing is yet. */
async function refresh(): Promise<void> {
  try {
    const response = await fetch("/api/runs");
    if (!response.ok) throw new Error((await response.text()).trim());
    runs = (await response.json()) as RunInfo[];
  } catch (error) {
    status.textContent = `cannot list the runs: ${(error as Error).message}`;
    status.classList.remove("live");
    return;
  }
  const names = new Set(runs.map((run) => run.name));
  let selectionChanged = false;
  for (const name of selected) {
    if (!names.has(name)) {
      selected.delete(name);
      selectionChanged = true;
    }
  }
  if (focused !== null && !names.has(focused)) focused = null;
  if (focused === null && runs.length > 0) {
    focused = runs[0].name;
    selected.add(focused);
    selectionChanged = true;
  }
  if (selectionChanged || runs.length === 0) followSelected();
  draw();
}

void refresh();
setInterval(refresh, REFRESH_MS);
