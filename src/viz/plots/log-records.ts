/** Reading numbers out of a run's log records, where any field may be missing. */

/** A training log line, as JsonlLog.read returns it. */
export type LogRecord = Record<string, unknown>;

/** The record's finite number under `key`, or null where it is absent or not a number. */
export function numberAt(record: LogRecord, key: string): number | null {
  const value = record[key];
  return typeof value === "number" && Number.isFinite(value) ? value : null;
}

/** The record's x: its number under `key` (usually "epoch"), or its 1-based position in the log. */
export function stepOf(record: LogRecord, index: number, key: string): number {
  return numberAt(record, key) ?? index + 1;
}
