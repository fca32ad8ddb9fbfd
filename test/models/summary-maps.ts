/** What nn.summarize says of a model at an input shape, keyed the way the zoo's tests ask. */
import { nn } from "../../src/index.js";

/** name → output shape of each row of the summary at this input. */
export const mapsOf = (model: nn.Module, inputShape: number[]) =>
  Object.fromEntries(nn.summarize(model, inputShape).rows.map((r) => [r.name, r.outputShape]));

/** The rows whose window does not tile the input exactly. */
export const flaggedIn = (model: nn.Module, inputShape: number[]) =>
  nn.summarize(model, inputShape).rows.filter((r) => r.tilingProblem).map((r) => r.name);
