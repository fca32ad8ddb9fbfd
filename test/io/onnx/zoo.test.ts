/** The zoo's models exported to ONNX and run in onnxruntime-web: the same outputs as Strata's, at any batch size. */
import { after, describe, it } from "node:test";
import { models } from "../../../src/index.js";
import { fillDeterministic, fixtureImage } from "../../models/fixture.js";
import { assertExportMatches } from "./run-onnx.js";

/** Each model's largest |onnxruntime − Strata|, printed at the end for the record. */
const diffs: Record<string, number> = {};

describe("ONNX export of the zoo", () => {
  it("LeNet-5 (ReLU, max-pool; and the classic tanh, average-pool one) at batch 2, 1 and 3", async () => {
    const net = models.lenet5();
    diffs.lenet5 = await assertExportMatches(net, fixtureImage([2, 1, 28, 28]), [fixtureImage([2, 1, 28, 28]), fixtureImage([1, 1, 28, 28]), fixtureImage([3, 1, 28, 28])]);
    diffs["lenet5 classic"] = await assertExportMatches(models.lenet5({ classic: true }), fixtureImage([2, 1, 28, 28]));
  });

  after(() => console.log("max |onnxruntime − strata|:", diffs));
});
