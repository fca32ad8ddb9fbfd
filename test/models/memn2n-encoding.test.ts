/** encodeSentences: a MemN2N's sentences encoded in one op, against the gather, position weights and sum it replaces. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, manualSeed, randn, sum, mul, tensor } from "../../src/index.js";
import { embedding } from "../../src/nn/functional/index.js";
import { encodeSentences, positionWeights, type PositionForm } from "../../src/models/index.js";
import { assertClose } from "../helpers.js";

// three sentences of up to 4 words, left aligned, 0 the padding; the last is empty
const IDS = tensor(Int32Array.of(3, 1, 4, 1, 5, 2, 0, 0, 0, 0, 0, 0), [3, 4]);

describe("encodeSentences", () => {
  for (const form of [null, "paper", "matlab"] as (PositionForm | null)[]) {
    it(`equals the words' rows weighed by positionWeights and summed, values and gradient (${form ?? "bag of words"})`, () => {
      manualSeed(1);
      const table = randn([6, 5]);
      table.values.fill(0, 0, 5); // the padding row, zero in a MemN2N, which the gather would read
      table.requiresGrad_();
      const upstream = randn([3, 5]);
      const fused = encodeSentences(IDS, table, form);
      sum(mul(fused, upstream)).backward();
      const fusedGrad = Array.from(table.grad!.values);
      table.grad = null;
      const vectors = embedding(IDS, table, { paddingIdx: 0 });
      const reference = sum(form === null ? vectors : mul(vectors, positionWeights(IDS, 5, form)), -2);
      sum(mul(reference, upstream)).backward();
      assertClose(fused.values, reference.values, { atol: 1e-6 });
      assertClose(fusedGrad, table.grad!.values, { atol: 1e-6 });
      assert.deepEqual(fusedGrad.slice(0, 5), [0, 0, 0, 0, 0], "the padding row gets no gradient");
      assert.deepEqual(Array.from(fused.values.subarray(10, 15)), [0, 0, 0, 0, 0], "an empty sentence encodes to zero");
    });
  }

  it("passes gradcheck in float64, keeps any leading shape, and names a word id out of range", () => {
    manualSeed(2);
    gradcheck((table) => encodeSentences(IDS, table, "matlab"), [randn([6, 5], { dtype: "float64" })]);
    assert.deepEqual(encodeSentences(tensor(Int32Array.of(1, 2, 0, 3), [2, 1, 2]), randn([4, 3]), "paper").shape, [2, 1, 3]);
    assert.throws(() => encodeSentences(tensor(Int32Array.of(1, 7), [1, 2]), randn([4, 3]), null), /encodeSentences: word id 7 is out of range for a table of 4 rows/);
    assert.throws(() => encodeSentences(tensor(Float32Array.of(1, 2), [1, 2]), randn([4, 3]), null), /encodeSentences: ids must be int32 \[\.\.\., L\], got float32 \[1, 2\]/);
  });
});
