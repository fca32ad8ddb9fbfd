/** Building an optimiser from command-line settings. */
import { optim, type Tensor } from "../index.js";
import type { TrainSettings } from "./recipes.js";

export function makeOptimizer(params: Tensor[], s: TrainSettings): optim.Optimizer {
  const common = { lr: s.lr, weightDecay: s.weightDecay };
  switch (s.optimizer) {
    case "sgd": return new optim.SGD(params, { ...common, momentum: s.momentum });
    case "adam": return new optim.Adam(params, common);
    case "adamw": return new optim.AdamW(params, common);
    case "rmsprop": return new optim.RMSprop(params, { ...common, momentum: s.momentum });
    case "adagrad": return new optim.Adagrad(params, common);
    case "adadelta": return new optim.Adadelta(params, common);
  }
}
