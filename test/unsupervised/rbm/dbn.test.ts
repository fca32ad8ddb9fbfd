/** Greedy DBN pretraining: layer shapes, each layer trained on the one below's probabilities, and the unrolled encoder computing exactly the RBMs' p(h | v) chain. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { rand } from "../../../src/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { Sequential } from "../../../src/nn/index.js";
import { dbnClassifier, dbnEncoder, hiddenProbabilitiesOf, pretrainDbn, type PretrainProgress } from "../../../src/unsupervised/rbm/index.js";
import { assertClose, assertShape } from "../../helpers.js";

describe("DBN", () => {
  it("pretrains each layer on the previous layer's hidden probabilities and unrolls into Linear+Sigmoid layers that compute the same features", async () => {
    const generator = new Generator(3);
    const data = rand([120, 20], { generator });
    const seen: Pick<PretrainProgress, "layer" | "epoch">[] = [];
    const layers = await pretrainDbn(data, [12, 6], { epochs: 2, batchSize: 30, generator, onEpoch: ({ layer, epoch }) => void seen.push({ layer, epoch }) });
    assert.deepEqual(seen, [{ layer: 0, epoch: 1 }, { layer: 0, epoch: 2 }, { layer: 1, epoch: 1 }, { layer: 1, epoch: 2 }]);
    assert.deepEqual(layers.map((l) => [l.visible, l.hidden]), [[20, 12], [12, 6]]);

    const encoder = dbnEncoder(layers);
    const features = hiddenProbabilitiesOf(layers[1], hiddenProbabilitiesOf(layers[0], data, 50));
    assertClose(encoder.forward(data), features, { atol: 1e-6 });
    const classifier = dbnClassifier(layers, 3);
    assertShape(classifier.forward(data), [120, 3]);
    assert.equal(classifier.parameters().length, 6, "two pretrained Linear layers and a fresh output layer");
    const withDropout = dbnClassifier(layers, 3, { dropout: 0.2 });
    assert.deepEqual(withDropout.children().map((m) => m.constructor.name), ["Linear", "Sigmoid", "Dropout", "Linear", "Sigmoid", "Dropout", "Linear"]);
    withDropout.eval();
    assertClose(new Sequential(...withDropout.children().slice(0, 6)).forward(data), features, { atol: 1e-6, message: "dropout is the identity in eval mode" });
  });

  it("refuses an empty list of layer sizes", async () => {
    await assert.rejects(() => pretrainDbn(rand([4, 3]), []), /hiddenSizes is empty/);
  });
});
