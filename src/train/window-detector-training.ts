/** Training the sliding-window digit detector of models.windowDetector on windows cut by data.sceneWindows. */
import { DataLoader, TensorDataset, type SceneWindows } from "../data/index.js";
import { detectionTargets, windowDetectionLoss } from "../models/index.js";
import type * as nn from "../nn/index.js";
import { Adam, CosineAnnealingLR } from "../optim/index.js";
import type { Tensor } from "../tensor/index.js";
import { fit } from "./fit.js";

export interface TrainWindowDetectorOptions {
  epochs: number;
  batchSize?: number;
  lr?: number;
  boxWeight?: number;
  seed?: number;
  print?: (line: string) => void;
}

/** Fits a window detector to windows cut by data.sceneWindows (Adam, its rate annealed to 0 along a cosine over the epochs; windowDetectionLoss). */
export async function trainWindowDetector(net: nn.Sequential, windows: SceneWindows, options: TrainWindowDetectorOptions): Promise<void> {
  const { epochs, batchSize = 64, lr = 1e-3, boxWeight = 2, seed = 0, print = () => {} } = options;
  const train = new DataLoader(new TensorDataset(windows.x, detectionTargets(windows.classes, windows.boxes)), { batchSize, shuffle: true, seed });
  const loss = (output: Tensor, target: Tensor) => windowDetectionLoss(output, target, { boxWeight });
  const optimizer = new Adam(net.parameters(), { lr });
  await fit({ model: net, optimizer, scheduler: new CosineAnnealingLR(optimizer, { tMax: epochs }), loss, train, epochs, progress: false, print });
}
