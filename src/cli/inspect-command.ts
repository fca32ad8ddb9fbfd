/** `strata inspect RUN_DIR`: one offline HTML report of everything viz can show about a trained classifier. */
import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import { join, resolve } from "node:path";
import { renderReport, reportFigureFiles, type ReportSection } from "../viz/index.js";
import { activationsSection, topPatchesSection, unitStatisticsSection } from "./inspect/activations.js";
import { attributionSection, optimisedInputsSection } from "./inspect/attribution.js";
import { makeContext } from "./inspect/context.js";
import { curvesSection } from "./inspect/curves.js";
import { mistakesSection, predictionsOf } from "./inspect/predictions.js";
import { embeddingSection, invarianceSection, tappingSection } from "./inspect/representations.js";
import { architectureSection, filtersSection } from "./inspect/weights.js";
import { loadTrainedRun } from "./trained-run.js";

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

/** Writes <out>/report.html and returns its path. */
export async function inspectCommand(runDir: string, { out, samples = 2000, compare = [], print = console.log }: InspectOptions = {}): Promise<string> {
  const run = await loadTrainedRun(runDir);
  const logFile = join(runDir, "log.jsonl");
  if (!existsSync(logFile)) throw new Error(`${runDir} holds no training log: ${logFile} is missing`);
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
  const folder = out ?? join(runDir, "inspect");
  const report = { title: `Inside ${run.name}`, subtitle: `${resolve(runDir)} · ${run.recipe.description} · ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC`, sections };
  const figures = reportFigureFiles(report);
  await mkdir(join(folder, "figures"), { recursive: true });
  await Promise.all(figures.map(({ name, contents }) => writeFile(join(folder, "figures", name), contents)));
  const path = join(folder, "report.html");
  const html = renderReport(report);
  await writeFile(path, html);
  print(`report: ${path} (${(html.length / 1024).toFixed(0)} KB; open it in a browser, no server needed), and its ${figures.length} pictures one by one in ${join(folder, "figures")}`);
  return path;
}
