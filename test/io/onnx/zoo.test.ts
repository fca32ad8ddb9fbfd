/** The zoo's models exported to ONNX and run in onnxruntime-web: the same outputs as Strata's, at any batch size. */
import { after, describe, it } from "node:test";
import { models, tensor } from "../../../src/index.js";
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

  it("ResNet-18 (batch norm with running statistics, the shortcut's Add, global average pool) at 64×64", async () => {
    const net = models.resnet18({ numClasses: 10 });
    fillDeterministic(net);
    diffs.resnet18 = await assertExportMatches(net, fixtureImage([2, 3, 64, 64]), [fixtureImage([2, 3, 64, 64]), fixtureImage([1, 3, 64, 64])]);
  });

  it("GoogLeNet (inception modules' Concat, ceil-mode pools) at 64×64", async () => {
    const net = models.googlenet({ numClasses: 10 });
    fillDeterministic(net);
    diffs.googlenet = await assertExportMatches(net, fixtureImage([2, 3, 64, 64]), [fixtureImage([2, 3, 64, 64]), fixtureImage([1, 3, 64, 64])]);
  });

  it("VGG-11 at 32×32 (its 7×7 adaptive pool upsamples the 1×1 map)", async () => {
    const net = models.vgg("A", { numClasses: 10 });
    diffs.vgg11 = await assertExportMatches(net, fixtureImage([1, 3, 32, 32]), [fixtureImage([2, 3, 32, 32])]);
  });

  it("the char-rnn RecurrentLM (Embedding → LSTM → Linear) on int32 ids of any batch size and length, and its GRU and RNN cells with two layers", async () => {
    const ids = (batch: number, time = 7) => tensor(Int32Array.from({ length: batch * time }, (_, i) => (i * 5 + 3) % 30), [batch, time]);
    const lstm = new models.RecurrentLM(30, { hiddenSize: 32, embeddingDim: 16 });
    diffs["char-rnn lstm"] = await assertExportMatches(lstm, ids(2), [ids(2), ids(3), ids(1, 12)], { dynamicAxes: { 0: "batch", 1: "time" } });
    for (const cell of ["gru", "rnn"] as const) {
      diffs[`char-rnn ${cell}`] = await assertExportMatches(new models.RecurrentLM(30, { cell, hiddenSize: 24, embeddingDim: 8, numLayers: 2 }), ids(2));
    }
  });

  after(() => console.log("max |onnxruntime − strata|:", diffs));
});
