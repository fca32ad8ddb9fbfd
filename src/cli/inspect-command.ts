/** `strata inspect RUN_DIR`: one offline HTML report of everything viz can show about a trained classifier. */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import { writeFileAtomic, type Checkpoint } from "../io/index.js";
import { renderReport, reportFigureFiles, type Report, type ReportSection } from "../viz/index.js";
import { activationsSection, topPatchesSection, unitStatisticsSection } from "./inspect/activations.js";
import { attributionSection, optimisedInputsSection } from "./inspect/attribution.js";
import { makeContext } from "./inspect/context.js";
import { curvesSection } from "./inspect/curves.js";
import { logCurvesSection, runPicturesSection, weightsSection } from "./inspect/generic-run.js";
import { mistakesSection, predictionsOf } from "./inspect/predictions.js";
import { embeddingSection, invarianceSection, tappingSection } from "./inspect/representations.js";
import { architectureSection, filtersSection } from "./inspect/weights.js";
import { recipeNameOf } from "./model-recipes.js";
import { checkRunDir } from "./run-dir.js";
import { loadRunCheckpoint, loadTrainedRun } from "./trained-run.js";

export interface InspectOptions {
  /** Folder for report.html (default: <run>/inspect). */
  out?: string;
  /** Test images analysed (default 2,000). */
  samples?: number;
  /** Other run directories whose training curves are drawn beside this run's. */
  compare?: string[];
  /** Print each section's name and time as it is made. */
  print?: (line: string) => void;
}

/** Builds each section in turn, timing it. */
async function timed(print: (line: string) => void, name: string, make: () => ReportSection | Promise<ReportSection>): Promise<ReportSection> {
  const started = performance.now();
  const section = await make();
  print(`  ${name.padEnd(24)} ${((performance.now() - started) / 1000).toFixed(1)} s`);
  return section;
}

const logOf = (runDir: string) => join(runDir, "log.jsonl");

/** Writes <out>/report.html and returns its path; every input is checked before the report is made. */
export async function inspectCommand(runDir: string, options: InspectOptions = {}): Promise<string> {
  const { checkpoint } = await loadRunCheckpoint(runDir);
  if (!existsSync(logOf(runDir))) throw new Error(`${runDir} holds no training log: ${logOf(runDir)} is missing`);
  for (const other of options.compare ?? []) if (!existsSync(logOf(other))) throw new Error(`--compare: ${other} holds no training log (${logOf(other)} is missing)`);
  if (options.out !== undefined) checkRunDir(options.out);
  return recipeNameOf(checkpoint) === null ? inspectOtherRun(runDir, checkpoint, options) : inspectClassifier(runDir, options);
}

/** The report of a run that is not a classifier: its log's curves, its filters, the pictures it drew. */
async function inspectOtherRun(runDir: string, checkpoint: Checkpoint, { out, print = console.log }: InspectOptions): Promise<string> {
  const sections = [logCurvesSection(runDir), weightsSection(checkpoint), runPicturesSection(runDir)].filter((s) => s.figures.length > 0);
  return writeReport(runDir, out, { title: `Inside ${basename(resolve(runDir))}`, subtitle: `${resolve(runDir)} · ${timestamp()}`, sections }, print);
}

const timestamp = () => `${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`;

async function inspectClassifier(runDir: string, { out, samples = 2000, compare = [], print = console.log }: InspectOptions): Promise<string> {
  const run = await loadTrainedRun(runDir);
  const data = await run.recipe.loadData(run.settings);
  const ctx = makeContext(runDir, run, data, samples);
  print(`inspecting ${run.name} from ${runDir} on ${ctx.test.x.shape[0]} test images`);
  const predictions = predictionsOf(ctx);
  const sections: ReportSection[] = [];
  sections.push(await timed(print, "architecture", () => architectureSection(ctx)));
  sections.push(await timed(print, "training curves", () => curvesSection(ctx, compare)));
  sections.push(await timed(print, "filters", () => filtersSection(ctx)));
  sections.push(await timed(print, "activations", () => activationsSection(ctx)));
  sections.push(await timed(print, "hidden units", () => unitStatisticsSection(ctx)));
  sections.push(await timed(print, "top patches", () => topPatchesSection(ctx)));
  sections.push(await timed(print, "mistakes", () => mistakesSection(ctx, predictions)));
  sections.push(await timed(print, "attribution", () => attributionSection(ctx, predictions)));
  sections.push(await timed(print, "optimised inputs", () => optimisedInputsSection(ctx, predictions)));
  sections.push(await timed(print, "invariance", () => invarianceSection(ctx, predictions)));
  sections.push(await timed(print, "feature tapping", () => tappingSection(ctx)));
  sections.push(await timed(print, "t-SNE", () => embeddingSection(ctx)));
  return writeReport(runDir, out, { title: `Inside ${run.name}`, subtitle: `${resolve(runDir)} · ${run.recipe.description} · ${timestamp()}`, sections }, print);
}

/** Writes the report and each of its pictures under out (default <run>/inspect); returns the report's path. */
async function writeReport(runDir: string, out: string | undefined, report: Report, print: (line: string) => void): Promise<string> {
  const folder = out ?? join(runDir, "inspect");
  const figures = reportFigureFiles(report);
  await mkdir(join(folder, "figures"), { recursive: true });
  await Promise.all(figures.map(({ name, contents }) => writeFile(join(folder, "figures", name), contents)));
  const path = join(folder, "report.html");
  const html = renderReport(report);
  await writeFileAtomic(path, html);
  print(`report: ${path} (${(html.length / 1024).toFixed(0)} KB; open it in a browser, no server needed), and its ${figures.length} pictures one by one in ${join(folder, "figures")}`);
  return path;
}
