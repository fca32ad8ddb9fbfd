/** What the binary and Gaussian RBM commands share: the settings of contrastive divergence, and its trainer restored on --resume. */
import type { Tensor } from "../../tensor/index.js";
import { ContrastiveDivergence, type RBM } from "../../unsupervised/rbm/index.js";
import type { TrainingRun } from "../training-run.js";

export interface CdRunSettings {
  hidden: number;
  /** Gibbs steps per update (CD-k). */
  k: number;
  persistent: boolean;
  epochs: number;
  lr: number;
  momentum: number;
  finalMomentum: number;
  weightDecay: number;
  batchSize: number;
}

/** The trainer of rbm with the run's settings; on --resume, the model, momentum buffers and persistent chains as the checkpoint left them. */
export function contrastiveDivergenceFor<S extends CdRunSettings>(rbm: RBM, run: TrainingRun<S>): ContrastiveDivergence {
  const { k, persistent, lr, momentum, finalMomentum, weightDecay } = run.settings;
  const trainer = new ContrastiveDivergence(rbm, { k, persistent, lr, momentum, finalMomentum, weightDecay });
  if (run.resumed) {
    run.restore({ model: rbm, optimizer: trainer.optimizer });
    trainer.chains = run.resumed.record.chains as Tensor | null;
  }
  return trainer;
}

/** The method's name as the literature writes it: CD-1, PCD-5. */
export function cdMethod({ k, persistent }: CdRunSettings): string {
  return persistent ? `PCD-${k}` : `CD-${k}`;
}
