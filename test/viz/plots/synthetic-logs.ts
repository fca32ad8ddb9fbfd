/** Made-up training logs with a known ending, for the gap diagnosis and the training-curve tests. */

/**
 * A log of `epochs` records whose accuracies rise from 0.1 towards the given final values, and
 * whose validation loss falls to its lowest at `valLossLowestAt` (default the last epoch) and
 * rises by 0.05 an epoch after it.
 */
export function syntheticLog(epochs: number, finalTrain: number, finalVal: number, valLossLowestAt = epochs): Record<string, unknown>[] {
  return Array.from({ length: epochs }, (_, i) => {
    const epoch = i + 1;
    const progress = epoch / epochs;
    return {
      epoch,
      trainLoss: 2.3 - 2 * progress,
      trainAccuracy: 0.1 + (finalTrain - 0.1) * progress,
      valLoss: 2.3 - 2 * (Math.min(epoch, valLossLowestAt) / epochs) + 0.05 * Math.max(0, epoch - valLossLowestAt),
      valAccuracy: 0.1 + (finalVal - 0.1) * progress,
      lr: 0.01,
      seconds: 1,
      samplesPerSecond: 1000,
    };
  });
}
