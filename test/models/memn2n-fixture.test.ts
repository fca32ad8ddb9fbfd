/** MemN2N against an independent PyTorch 1.13 one (test/fixtures/fixtures_memn2n.py): answers, attention and gradients. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nn, type Tensor } from "../../src/index.js";
import { MemN2N, type MemN2NOptions } from "../../src/models/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, type EncodedTensor } from "../nn/fixture.js";
import { loadFixture } from "./fixture.js";

interface MemN2NCase {
  name: string;
  vocabSize: number;
  options: MemN2NOptions;
  state: Record<string, EncodedTensor>;
  memories: EncodedTensor;
  queries: EncodedTensor;
  answers: EncodedTensor;
  logits: EncodedTensor;
  attention: EncodedTensor[];
  grads: Record<string, EncodedTensor>;
}

describe("MemN2N against PyTorch 1.13 (test/fixtures/fixtures_memn2n.py)", () => {
  for (const c of loadFixture<MemN2NCase[]>("memn2n.json")) {
    it(c.name, () => {
      const model = new MemN2N(c.vocabSize, c.options);
      const state: Record<string, Tensor> = Object.fromEntries(Object.entries(c.state).map(([k, v]) => [k, decode(v)]));
      // adjacent tying: B is A¹, listed in our state dict under both names
      if (c.options.tying === "adjacent") for (const key of ["words.weight", "temporal"]) state[`query.${key}`] = state[`memory.0.${key}`];
      model.loadStateDict(state);
      const { logits, attention } = model.forwardWithAttention(decode(c.memories), decode(c.queries));
      assertShape(logits, c.logits.shape);
      assertClose(logits, c.logits.values, { rtol: 1e-4, atol: 1e-5, message: "logits" });
      assert.equal(attention.length, c.attention.length);
      attention.forEach((p, k) => assertClose(p, c.attention[k].values, { rtol: 1e-4, atol: 1e-6, message: `attention of hop ${k + 1}` }));
      nn.F.crossEntropy(logits, decode(c.answers), { reduction: "sum" }).backward();
      const params = new Map(model.namedParameters());
      for (const [key, grad] of Object.entries(c.grads)) {
        assertClose(params.get(key)!.grad!, grad.values, { rtol: 1e-4, atol: 1e-5, message: `gradient of ${key}` });
      }
    });
  }
});
