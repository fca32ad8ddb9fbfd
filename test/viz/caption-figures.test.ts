import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ones, randn, rand, zeros } from "../../src/index.js";
import { attentionFigure, captionGrid } from "../../src/viz/index.js";

const count = (svg: string, pattern: RegExp) => (svg.match(pattern) ?? []).length;

describe("attentionFigure", () => {
  it("draws the image and one overlaid panel per word, each labelled with its word in order", () => {
    const maps = rand([3, 7, 7]);
    const svg = attentionFigure(rand([1, 56, 56]), ["a", "one", "<end>"], maps);
    assert.equal(count(svg, /<image /g), 4);
    assert.ok(count(svg, /href="data:image\/png;base64,/g) === 4);
    const labels = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    assert.deepEqual(labels, ["image", "a", "one", "&lt;end&gt;"]);
    assert.match(svg, /^<svg [^>]*width="478" height="134"/); // 4 panels of 112 px and 5 gaps of 6 across; 4 + 112 + 18 down
  });

  it("needs one map per word and a grey image", () => {
    assert.throws(() => attentionFigure(rand([1, 56, 56]), ["a", "one"], rand([3, 7, 7])), /^RangeError: attentionFigure: maps must be \[words, h, w\] with one map per word \(2\), got \[3, 7, 7\]$/);
    assert.throws(() => attentionFigure(rand([3, 56, 56]), ["a"], rand([1, 7, 7])), /attentionFigure: image must be grey, \[1, H, W\] or \[H, W\], got \[3, 56, 56\]/);
  });
});

describe("captionGrid", () => {
  it("writes each caption under its image, a wrong one in red with the truth beneath", () => {
    const svg = captionGrid(zeros([3, 1, 8, 8]), ["a one", "a two", "a six"], { truth: ["a one", "a seven", "a six"], columns: 2 });
    assert.equal(count(svg, /<image /g), 3);
    assert.match(svg, /<text[^>]*fill="#b2182b"[^>]*>a two<\/text>/);
    assert.match(svg, />\(truth: a seven\)</);
    assert.doesNotMatch(svg, /fill="#b2182b"[^>]*>a one</);
  });

  it("names mismatched inputs", () => {
    assert.throws(() => captionGrid(ones([2, 1, 8, 8]), ["a one"]), /^RangeError: captionGrid: 2 images but 1 captions$/);
    assert.throws(() => captionGrid(randn([2, 8, 8]), ["a", "b"]), /captionGrid: images must be grey \[N, 1, H, W\], got \[2, 8, 8\]/);
  });
});
