/**
 * The terminal progress bar of a training epoch: batches done, batches/s, running loss. On a
 * terminal it redraws in place; elsewhere (CI, a pipe) it stays silent and the per-epoch summary
 * lines carry the information. (A browser has no terminal: see platform/browser/progress.ts, and
 * fit()'s onBatchEnd for progress a page can show.)
 */
import cliProgress from "cli-progress";

export interface EpochProgress {
  update(batch: number, loss: number): void;
  stop(): void;
}

export function epochProgress(label: string, batches: number, stream: NodeJS.WriteStream = process.stderr): EpochProgress {
  if (!stream.isTTY) return { update() {}, stop() {} };
  const bar = new cliProgress.SingleBar(
    {
      format: `${label} |{bar}| {value}/{total} batches  {rate} batch/s  loss {loss}  eta {eta_formatted}`,
      barCompleteChar: "█",
      barIncompleteChar: "░",
      hideCursor: true,
      clearOnComplete: true,
      stream,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  const start = performance.now();
  bar.start(batches, 0, { rate: "-", loss: "-" });
  return {
    update(batch, loss) {
      const seconds = (performance.now() - start) / 1000;
      bar.update(batch, { rate: seconds > 0 ? (batch / seconds).toFixed(1) : "-", loss: loss.toFixed(4) });
    },
    stop() {
      bar.stop();
    },
  };
}
