/**
 * The studio's URLs:
 *
 *   /                                    the page
 *   /static/<file>                       its scripts and styles, and uPlot's
 *   /api/runs                            the runs, as RunInfo JSON
 *   /api/runs/<run>/log                  a run's log.jsonl as a JSON array (a torn last line left out)
 *   /api/runs/<run>/filters.png          its newest first-layer filter snapshot
 *   /api/runs/<run>/confusion.svg        its test-set confusion matrix (classifier runs)
 *   /api/events?run=<run>&run=…          server-sent events following the runs' logs (events.ts)
 *   /runs/<run>/checkpoint/<file>        checkpoint.json and the tensor files it lists, as they are on disk
 *   /strata/<file>                       Strata's browser build (dist/browser), for the try-it panel
 *
 * <run> is a run's name, percent-encoded; nothing else of a run's folder is reachable.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { IncomingMessage, ServerResponse } from "node:http";
import { JsonlLog } from "../../train/index.js";
import type { Asset } from "./assets.js";
import { browserBuildFile } from "./browser-build.js";
import type { ConfusionMatrices } from "./confusion.js";
import { streamEvents } from "./events.js";
import { latestFiltersPng } from "./filters-picture.js";
import { HttpError } from "./http-error.js";
import { PAGE } from "./page.js";
import type { CheckedRequest } from "./request-check.js";
import { fileInRun } from "./run-files.js";
import { checkpointInfo, runInfo } from "./run-info.js";
import type { Run, RunSource } from "./runs.js";
import { SECURITY_HEADERS } from "./security-headers.js";

export interface RouteContext {
  runs: RunSource;
  assets: Map<string, Asset>;
  confusion: ConfusionMatrices;
  pollMs?: number;
}

const JSON_TYPE = "application/json; charset=utf-8";

export async function route(req: IncomingMessage, res: ServerResponse, { segments, query }: CheckedRequest, context: RouteContext): Promise<void> {
  /** Whether the path is pattern, where "*" stands for any one segment. */
  const at = (...pattern: string[]) => segments.length === pattern.length && pattern.every((p, i) => p === "*" || p === segments[i]);
  /** The run named by the path's segment i. */
  const runAt = (i: number) => findRun(context.runs, segments[i]);
  if (at()) return send(req, res, "text/html; charset=utf-8", PAGE);
  if (at("static", "*")) {
    const asset = context.assets.get(segments[1]);
    if (!asset) throw new HttpError(404, `no static file ${segments[1]}`);
    return send(req, res, asset.type, await asset.body(), "no-cache");
  }
  if (at("api", "runs")) return send(req, res, JSON_TYPE, JSON.stringify(await Promise.all(context.runs.list().map(runInfo))));
  if (at("api", "runs", "*", "log")) return send(req, res, JSON_TYPE, JSON.stringify(JsonlLog.read(await fileInRun(runAt(2), "log.jsonl"))));
  if (at("api", "runs", "*", "filters.png")) return send(req, res, "image/png", await latestFiltersPng(runAt(2)));
  if (at("api", "runs", "*", "confusion.svg")) return send(req, res, "image/svg+xml; charset=utf-8", await context.confusion.svg(runAt(2)));
  if (at("api", "events")) {
    const names = query.getAll("run");
    if (names.length === 0) throw new HttpError(400, "name the runs to follow: /api/events?run=<name>&run=<name>…");
    return streamEvents(req, res, names.map((name) => findRun(context.runs, name)), context.pollMs);
  }
  if (at("runs", "*", "checkpoint", "*")) return sendCheckpointFile(req, res, runAt(1), segments[3]);
  if (at("strata", "*")) {
    const { path, type } = await browserBuildFile(segments[1]);
    return sendFile(req, res, path, type);
  }
  throw new HttpError(404, `nothing at ${req.url}`);
}

function findRun(runs: RunSource, name: string): Run {
  const all = runs.list();
  const run = all.find((r) => r.name === name);
  if (!run) throw new HttpError(404, `no run named ${JSON.stringify(name)}; the studio serves ${all.map((r) => r.name).join(", ") || "no runs yet"}`);
  return run;
}

/** checkpoint.json or a tensor file it lists; any other name in the folder is not served. */
async function sendCheckpointFile(req: IncomingMessage, res: ServerResponse, run: Run, file: string): Promise<void> {
  const checkpoint = await checkpointInfo(run);
  if (!checkpoint?.files.includes(file)) throw new HttpError(404, `run ${run.name}'s checkpoint has no file ${file}${checkpoint ? ` (it has ${checkpoint.files.join(", ")})` : ""}`);
  const path = await fileInRun(run, "checkpoint", file);
  return sendFile(req, res, path, file.endsWith(".json") ? JSON_TYPE : "application/octet-stream");
}

/** The file at path (a real path, already checked to be in its folder), streamed as it is on disk. */
async function sendFile(req: IncomingMessage, res: ServerResponse, path: string, type: string): Promise<void> {
  // a live run removes its older checkpoint files after the path was checked: gone is a 404, as if never there
  const stats = await stat(path).catch((error: NodeJS.ErrnoException) => {
    throw error.code === "ENOENT" ? new HttpError(404, `nothing at ${req.url} any more`) : error;
  });
  if (!stats.isFile()) throw new HttpError(404, `nothing at ${req.url}`);
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": type, "Content-Length": stats.size, "Cache-Control": "no-cache" });
  if (req.method === "HEAD") return void res.end();
  createReadStream(path).on("error", () => res.destroy()).pipe(res);
}

function send(req: IncomingMessage, res: ServerResponse, type: string, body: string | Uint8Array, cache = "no-store"): void {
  res.writeHead(200, { ...SECURITY_HEADERS, "Content-Type": type, "Content-Length": Buffer.byteLength(body), "Cache-Control": cache });
  res.end(req.method === "HEAD" ? undefined : body);
}
