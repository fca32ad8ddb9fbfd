/** viz images: grids, contrast, heat maps, PNG bytes, and filter pictures laid out as the docs say. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { decode } from "fast-png";
import { Tensor, models } from "../../src/index.js";
import * as viz from "../../src/viz/index.js";
import { assertClose, assertShape } from "../helpers.js";

const image = (values: number[], shape: number[]) => new Tensor(Float32Array.from(values), shape);

describe("images", () => {
  it("toImage moves channels last and stretch maps a range onto [0, 1]", () => {
    const rgb = viz.toImage(image([0, 1, 2, 3, 4, 5], [3, 1, 2]));
    assertShape(rgb, [1, 2, 3]);
    assert.deepEqual([...rgb.values], [0, 2, 4, 1, 3, 5]);
    assert.deepEqual([...viz.stretch([2, 4, 6])], [0, 0.5, 1]);
    assert.deepEqual([...viz.stretch([-1, 0, 0.5], "symmetric")], [0, 0.5, 0.75]);
    assert.deepEqual([...viz.stretch([3, 3])], [0.5, 0.5], "a constant map is mid-grey");
  });

  it("imageGrid lays tiles out row by row with padding, and makes grey tiles RGB beside colour ones", () => {
    const grey = image([0.2, 0.2, 0.2, 0.2], [2, 2, 1]);
    const red = image(Array.from({ length: 4 }, () => [1, 0, 0]).flat(), [2, 2, 3]);
    const grid = viz.imageGrid([grey, red, grey], { columns: 2, padding: 1, background: 0 });
    assertShape(grid, [2 * 3 + 1, 2 * 3 + 1, 3]);
    const px = (y: number, x: number) => [...grid.values.slice((y * 7 + x) * 3, (y * 7 + x) * 3 + 3)];
    assertClose(px(1, 1), [0.2, 0.2, 0.2]); // first tile
    assert.deepEqual(px(1, 4), [1, 0, 0]); // second tile, after 1 + 2 + 1 pixels
    assertClose(px(4, 2), [0.2, 0.2, 0.2]); // third tile, second row
    assert.deepEqual(px(4, 5), [0, 0, 0]); // empty slot stays background
    assert.deepEqual(px(0, 0), [0, 0, 0]); // padding
    assert.throws(() => viz.imageGrid([grey, image([0], [1, 1, 1])]), /tile 1 is 1×1, tile 0 is 2×2/);
    assert.throws(() => viz.imageGrid([]), /no tiles/);
  });

  it("upscale repeats pixels", () => {
    const up = viz.upscale(image([0, 1], [1, 2, 1]), 2);
    assert.deepEqual([...up.values], [0, 0, 1, 1, 0, 0, 1, 1]);
    assert.throws(() => viz.upscale(up, 1.5), /positive integer/);
  });

  it("heatmap runs viridis from dark purple to yellow, and the diverging map puts 0 at white", () => {
    const hot = viz.heatmap(image([0, 1], [1, 2]));
    assertClose([...hot.values.slice(0, 3)], [0x44 / 255, 0x01 / 255, 0x54 / 255]);
    assertClose([...hot.values.slice(3)], [0xfd / 255, 0xe7 / 255, 0x25 / 255]);
    const signed = viz.heatmap(image([-2, 0, 1], [1, 3]), { colormap: "diverging" });
    assertClose([...signed.values.slice(3, 6)], [0xf7 / 255, 0xf7 / 255, 0xf7 / 255]);
    assert.throws(() => viz.heatmap(image([1, 2, 3], [3])), /expected a map of shape \[height, width\], got \[3\]/);
    const over = viz.overlay(image([1, 1], [1, 2, 1]), hot, 0.5);
    assertClose([...over.values.slice(0, 3)], [0.5 + 0.5 * (0x44 / 255), 0.5 + 0.5 * (0x01 / 255), 0.5 + 0.5 * (0x54 / 255)]);
  });

  it("encodePng writes 8-bit pixels that decode back, clipping out-of-range values", () => {
    const png = viz.encodePng(image([0, 0.5, 1, 2, -1, 0.25], [2, 1, 3]));
    const decoded = decode(png);
    assert.equal(decoded.width, 1);
    assert.equal(decoded.height, 2);
    assert.equal(decoded.channels, 3);
    assert.deepEqual([...decoded.data], [0, 128, 255, 255, 0, 64]);
    assert.match(viz.pngDataUrl(image([1], [1, 1, 1])), /^data:image\/png;base64,iVBORw0KGgo/);
    assert.throws(() => viz.encodePng(image([1, 2], [2])), /encodePng: expected an image tensor \[height, width, channels\].*got a tensor of shape \[2\]/);
  });
});

describe("filter pictures", () => {
  it("shows a first layer's filters as one tile each, each at its own contrast", () => {
    const weight = new Tensor(Float32Array.from({ length: 2 * 1 * 2 * 2 }, (_, i) => (i < 4 ? i : 100 * (i - 4))), [2, 1, 2, 2]);
    const grid = viz.filterImage(weight, { scale: 1, padding: 0 });
    assertShape(grid, [2, 4, 1]); // two filters side by side (2 columns for 2 filters)
    // Both filters span black to white although their scales differ 100-fold.
    assert.deepEqual([...grid.values], [0, 1 / 3, 0, 1 / 3, 2 / 3, 1, 2 / 3, 1].map((v) => Math.fround(v)));
  });

  it("shows a deeper layer as a row per filter and a tile per input channel, and colour for 3 input channels", () => {
    assertShape(viz.filterImage(viz.convWeight(models.lenet5(), "3"), { scale: 1, padding: 0 }), [16 * 5, 6 * 5, 1]);
    const rgb = viz.filterImage(new Tensor(new Float32Array(4 * 3 * 3 * 3).map((_, i) => i % 7), [4, 3, 3, 3]), { scale: 1, padding: 0 });
    assertShape(rgb, [6, 6, 3]);
  });

  it("finds convolution layers by path, and names the ones there are when asked for another", () => {
    const net = models.lenet5();
    assert.equal(viz.firstConvPath(net), "0");
    assert.equal(viz.convWeight(net, "3"), (net.at(3) as unknown as { weight: Tensor }).weight);
    assert.throws(() => viz.convWeight(net, "7"), /layer "7" \(Linear\) has no 2-D convolution weights; layers that do: 0 \(Conv2d\), 3 \(Conv2d\)/);
    assert.throws(() => viz.convWeight(net, "12"), /no layer "12"/);
  });

  it("lines filter snapshots up one row per epoch", () => {
    const at = (v: number) => new Tensor(new Float32Array(3 * 1 * 2 * 2).map((_, i) => i * v), [3, 1, 2, 2]);
    assertShape(viz.filterEvolution([at(1), at(2)], { scale: 1, padding: 0 }), [4, 6, 1]);
    assert.throws(() => viz.filterEvolution([at(1), new Tensor(new Float32Array(4), [1, 1, 2, 2])]), /snapshot 1 has shape \[1, 1, 2, 2\], snapshot 0 \[3, 1, 2, 2\]/);
  });
});
