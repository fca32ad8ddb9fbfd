/**
 * What the studio's server and page say to each other: the JSON of /api/runs and the payloads of
 * the server-sent events of /api/events. Types only, so the server can share them with the page.
 */

/** One line of a run's log.jsonl. */
export type LogRecord = Record<string, unknown>;

/** A run as GET /api/runs lists it. */
export interface RunInfo {
  /** The run's name in URLs (its folder's name, made unique among the runs served). */
  name: string;
  /** Whether its log.jsonl exists yet. */
  hasLog: boolean;
  /** Its checkpoint, once the first epoch has saved one. */
  checkpoint: CheckpointInfo | null;
  /** The epoch of its newest first-layer filter snapshot (filters/epoch-N.safetensors), if it saved any. */
  filtersEpoch: number | null;
  /** What could not be read (a damaged checkpoint.json, say), or null. */
  problem: string | null;
}

export interface CheckpointInfo {
  /** Counts the saves: it changes each time training writes a new checkpoint. */
  generation: number;
  /** The checkpoint's files (checkpoint.json first), each served at /runs/<name>/checkpoint/<file>. */
  files: string[];
  /** The run's settings as checkpoint.json keeps them (extra.config, or kind and settings for commands that keep those), or null. */
  settings: Record<string, unknown> | null;
  /** Whether a classifier recipe of `strata train` wrote it, so that its test-set confusion matrix can be computed. */
  classifier: boolean;
}

/** Event "reset": forget the run's records; the log was (re)started. Sent first for each run on connecting. */
export interface ResetEvent {
  run: string;
}

/** Event "record": one complete log line, in order (line counts from 1 after each reset). */
export interface RecordEvent {
  run: string;
  line: number;
  record: LogRecord;
}

/** Event "problem": a log line that is not a JSON object, or a log that cannot be read. */
export interface ProblemEvent {
  run: string;
  message: string;
}
