/** A missing or damaged checkpoint; `file` names the file at fault. */
export class CheckpointError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`checkpoint file ${file} ${detail}`);
    this.name = "CheckpointError";
  }
}
