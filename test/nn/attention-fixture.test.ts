import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mul, nn, sum, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadFixture, type EncodedTensor } from "./fixture.js";

interface AttentionCase {
  name: string;
  embedDim: number;
  numHeads: number;
  options: nn.MultiheadAttentionOptions;
  averageAttnWeights: boolean;
  state: Record<string, EncodedTensor>;
  inputs: Record<"query" | "key" | "value", EncodedTensor> & { keyPaddingMask?: EncodedTensor; attnMask?: EncodedTensor };
  output: EncodedTensor;
  weights: EncodedTensor;
  gOut: EncodedTensor;
  gWeights: EncodedTensor;
  grads: Record<"query" | "key" | "value" | "projection", EncodedTensor>;
}

const cases = loadFixture<AttentionCase[]>("attention.json");

describe("nn.MultiheadAttention against PyTorch 1.13 (test/fixtures/fixtures_attention.py)", () => {
  for (const c of cases) {
    it(c.name, () => {
      const mha = new nn.MultiheadAttention(c.embedDim, c.numHeads, c.options);
      // the state dict has PyTorch's keys and shapes, so it loads strictly
      mha.loadStateDict(Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)])));
      const [query, key, value] = (["query", "key", "value"] as const).map((name) => decode(c.inputs[name]).requiresGrad_());
      const masks = {
        keyPaddingMask: c.inputs.keyPaddingMask ? decode(c.inputs.keyPaddingMask) : null,
        attnMask: c.inputs.attnMask ? decode(c.inputs.attnMask) : null,
      };
      const [output, weights] = mha.forwardWithWeights(query, key, value, { ...masks, averageAttnWeights: c.averageAttnWeights });
      assertShape(output, c.output.shape);
      assertClose(output, c.output.values, { rtol: 1e-4, atol: 1e-5, message: "output" });
      assertShape(weights!, c.weights.shape);
      assertClose(weights!, c.weights.values, { rtol: 1e-4, atol: 1e-6, message: "weights" });
      sum(mul(output, decode(c.gOut))).add(sum(mul(weights!, decode(c.gWeights)))).backward();
      const projection = (mha.in_proj_weight ?? mha.q_proj_weight)!;
      const got: Record<keyof AttentionCase["grads"], Tensor | null> = { query: query.grad, key: key.grad, value: value.grad, projection: projection.grad };
      for (const [name, expected] of Object.entries(c.grads)) {
        assertClose(got[name as keyof AttentionCase["grads"]]!, expected.values, { rtol: 1e-3, atol: 1e-5, message: `gradient of ${name}` });
      }
    });
  }
});
