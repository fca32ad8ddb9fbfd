/** captionScores: a captioner's captions of images against their true captions, by a captioner that says scripted captions. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { nn, Tensor } from "../../src/index.js";
import { CAPTION_END, CAPTION_START, captionVocabulary, encodeCaption } from "../../src/data/index.js";
import type { Captioner } from "../../src/models/index.js";
import { captionScores, corpusBleu } from "../../src/train/index.js";

interface Cursor {
  image: number[];
  t: number[];
}

/** Says scripts[k] for an image whose first pixel is k, whatever else the image holds. */
class Scripted extends nn.Module implements Captioner<Cursor> {
  constructor(readonly scripts: Int32Array[], readonly vocabSize: number, readonly end: number) {
    super();
  }

  forward(): Tensor {
    throw new Error("Scripted only decodes");
  }

  begin(images: Tensor): Cursor {
    const plane = images.shape[2] * images.shape[3];
    return { image: Array.from({ length: images.shape[0] }, (_, i) => images.values[i * plane]), t: new Array(images.shape[0]).fill(0) };
  }

  stepDecoder() {
    return {
      vocabSize: this.vocabSize,
      step: (_tokens: Int32Array, state: Cursor) => {
        const logProbs = new Float32Array(state.image.length * this.vocabSize).fill(-20);
        state.image.forEach((k, r) => (logProbs[r * this.vocabSize + (this.scripts[k][state.t[r]] ?? this.end)] = 0));
        return { logProbs, state: { image: state.image, t: state.t.map((t) => t + 1) } };
      },
      reorder: (state: Cursor, rows: Int32Array) => ({ image: Array.from(rows, (r) => state.image[r]), t: Array.from(rows, (r) => state.t[r]) }),
    };
  }
}

describe("captionScores", () => {
  const vocabulary = captionVocabulary();
  const said = ["a one", "a two above a three", "a five"];
  const truths = ["a one", "a two above a three", "a four"];
  const model = new Scripted(said.map((c) => encodeCaption(vocabulary, c)), vocabulary.size, vocabulary.id(CAPTION_END));
  const images = new Tensor(Float32Array.from({ length: 3 * 4 }, (_, i) => (i % 4 === 0 ? i / 4 : 0.5)), [3, 1, 2, 2]);
  const decode = { startToken: vocabulary.id(CAPTION_START), endToken: vocabulary.id(CAPTION_END), maxLength: 12 };

  it("scores the captions said against the true ones: exact match and corpus BLEU-4, greedy or by beam", () => {
    for (const options of [decode, { ...decode, beamWidth: 2 }, { ...decode, batchSize: 2 }]) {
      const scores = captionScores(model, vocabulary, images, truths, options);
      assert.deepEqual(scores.captions, said);
      assert.equal(scores.exact, 2 / 3);
      assert.equal(scores.bleu, corpusBleu(truths.map((t) => [t.split(" ")]), said.map((c) => c.split(" "))).bleu);
      assert.ok(scores.bleu > 0.5 && scores.bleu < 1);
    }
  });

  it("wants one true caption per image", () => {
    assert.throws(() => captionScores(model, vocabulary, images, truths.slice(0, 2), decode), /3 images but 2 true captions/);
  });
});
