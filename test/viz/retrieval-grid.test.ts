/** retrievalGrid: one row per query, the query framed blue, each neighbour framed red when it is wrong. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { ones, zeros } from "../../src/index.js";
import { retrievalGrid } from "../../src/viz/index.js";

describe("retrievalGrid", () => {
  it("lays out queries and neighbours with their frames", () => {
    // 2 queries of 3×3 white images, 2 black neighbours each; the second neighbour of query 1 is wrong
    const image = retrievalGrid(ones([2, 1, 3, 3]), zeros([2, 2, 1, 3, 3]), [false, false, false, true], { scale: 1, frame: 1 });
    // tiles 5×5 (3 + 2·1 frame), 3 columns × 2 rows, 2 pixels of padding between and around
    assert.deepEqual([...image.shape], [2 + 2 * (5 + 2), 2 + 3 * (5 + 2), 3]);
    const pixel = (y: number, x: number) => [...image.values.subarray((y * image.shape[1] + x) * 3, (y * image.shape[1] + x) * 3 + 3)].map((v) => Math.round(v * 100) / 100);
    const tileCorner = (row: number, col: number): [number, number] => [2 + row * 7, 2 + col * 7];
    assert.deepEqual(pixel(...tileCorner(0, 0)), [0.15, 0.35, 0.95], "the query's frame is blue");
    assert.deepEqual(pixel(tileCorner(0, 0)[0] + 2, tileCorner(0, 0)[1] + 2), [1, 1, 1], "inside: the white query");
    assert.deepEqual(pixel(...tileCorner(1, 2)), [0.9, 0.1, 0.1], "a wrong neighbour's frame is red");
    assert.deepEqual(pixel(...tileCorner(1, 1)), [1, 1, 1], "a right one's frame is white");
    assert.deepEqual(pixel(tileCorner(1, 2)[0] + 2, tileCorner(1, 2)[1] + 2), [0, 0, 0], "inside: the black neighbour");
    assert.throws(() => retrievalGrid(ones([2, 1, 3, 3]), zeros([2, 2, 1, 3, 3]), [false]), /2 queries × 2 neighbours need 4 wrong flags, got 1/);
    assert.throws(() => retrievalGrid(ones([2, 1, 3, 3]), zeros([2, 2, 1, 4, 4]), [false, false, false, false]), /expected queries \[Q, C, H, W\] and neighbours \[Q, k, C, H, W\]/);
  });
});
