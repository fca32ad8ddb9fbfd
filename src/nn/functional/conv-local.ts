/**
 * Convolutions whose filters are not shared by every position: tiled convolution (Le et al. 2010:
 * filter banks repeat every tH×tW output positions) and locally connected layers (Taigman et al.
 * 2014, DeepFace: every position has its own filters), which is the tiled one with the tile as
 * large as the output.
 *
 * Both use the same weight layout as Torch7's SpatialConvolutionLocal, a conv weight per bank:
 * [tH, tW, outChannels, inChannels, kh, kw]; output position (i, j) uses bank (i mod tH, j mod tW).
 */
import {
  add, convOutputLength, index, matmulT, pad, perSpatialDim, permute, reshape, unfold,
} from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

/** Window settings of the unshared convolutions (zero padding on both sides). */
export interface LocalConvOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
}

/** The output height and width of a window of weight's kernel over x, every shape checked. */
function outputSize(op: string, x: Tensor, weight: Tensor, options: LocalConvOptions): number[] {
  if (weight.ndim !== 6) {
    throw new ShapeError(`${op}: weight must be 6-D [tileH, tileW, outChannels, inChannels, kh, kw], got shape ${fmtShape(weight.shape)}`);
  }
  if (x.ndim !== 4 || x.shape[1] !== weight.shape[3]) {
    throw new ShapeError(`${op}: input must be [N, ${weight.shape[3]}, H, W] to match weight of shape ${fmtShape(weight.shape)}, got ${fmtShape(x.shape)}`);
  }
  const kernel = weight.shape.slice(4);
  const stride = perSpatialDim(op, "stride", options.stride ?? 1, 2, 1);
  const padding = perSpatialDim(op, "padding", options.padding ?? 0, 2, 0);
  const dilation = perSpatialDim(op, "dilation", options.dilation ?? 1, 2, 1);
  const out = x.shape.slice(2).map((n, i) => convOutputLength(n, kernel[i], stride[i], padding[i], padding[i], dilation[i]));
  if (out.some((n) => n < 1)) throw new ShapeError(`${op}: input of shape ${fmtShape(x.shape)} is smaller than the ${fmtShape(kernel)} kernel`);
  return out;
}

/**
 * out[n, o, i, j] = Σ weight[i mod tH, j mod tW, o, ·] · window(i, j) of x. The windows (unfold)
 * are padded up to whole tiles and regrouped by bank, so all banks run as one batched matmul.
 */
function unsharedConv(x: Tensor, weight: Tensor, outSize: readonly number[], options: LocalConvOptions): Tensor {
  const [tileH, tileW, outChannels, inChannels, kh, kw] = weight.shape;
  const [outH, outW] = outSize;
  const [batch, rows] = [x.shape[0], inChannels * kh * kw];
  const [tilesH, tilesW] = [Math.ceil(outH / tileH), Math.ceil(outW / tileW)];
  const cols = reshape(unfold(x, [kh, kw], options), [batch, rows, outH, outW]);
  const whole = pad(cols, [0, tilesW * tileW - outW, 0, tilesH * tileH - outH]);
  // [N, rows, tilesH, tileH, tilesW, tileW] → [tileH, tileW, N, tilesH, tilesW, rows]: one [positions, rows] matrix per bank
  const byBank = permute(reshape(whole, [batch, rows, tilesH, tileH, tilesW, tileW]), [3, 5, 0, 2, 4, 1]);
  const products = matmulT(
    reshape(byBank, [tileH * tileW, batch * tilesH * tilesW, rows]),
    reshape(weight, [tileH * tileW, outChannels, rows]),
    false,
    true,
  );
  // [tileH, tileW, N, tilesH, tilesW, O] → [N, O, tilesH, tileH, tilesW, tileW], then drop the padding
  const placed = permute(reshape(products, [tileH, tileW, batch, tilesH, tilesW, outChannels]), [2, 5, 3, 0, 4, 1]);
  return index(reshape(placed, [batch, outChannels, tilesH * tileH, tilesW * tileW]), null, null, [0, outH], [0, outW]);
}

/**
 * Tiled convolution of x [N, C, H, W]: weight [tileH, tileW, O, C, kh, kw] holds tileH·tileW
 * filter banks and output position (i, j) uses bank (i mod tileH, j mod tileW); bias [O] is shared.
 * A 1×1 tile is an ordinary convolution.
 */
export function tiledConv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: LocalConvOptions = {}): Tensor {
  const outSize = outputSize("tiledConv2d", x, weight, options);
  if (bias && (bias.ndim !== 1 || bias.shape[0] !== weight.shape[2])) {
    throw new ShapeError(`tiledConv2d: bias must have shape [${weight.shape[2]}] (one per output channel), got ${fmtShape(bias.shape)}`);
  }
  const y = unsharedConv(x, weight, outSize, options);
  return bias ? add(y, reshape(bias, [bias.shape[0], 1, 1])) : y;
}

/**
 * Locally connected layer over x [N, C, H, W]: no weight sharing, each output position (i, j) has
 * its own filters weight[i, j] ([outH, outW, O, C, kh, kw], Torch7's layout) and its own bias
 * bias[:, i, j] ([O, outH, outW]).
 */
export function locallyConnected2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: LocalConvOptions = {}): Tensor {
  const outSize = outputSize("locallyConnected2d", x, weight, options);
  const [outH, outW] = outSize;
  if (weight.shape[0] !== outH || weight.shape[1] !== outW) {
    throw new ShapeError(
      `locallyConnected2d: weight of shape ${fmtShape(weight.shape)} has filters for ${weight.shape[0]}×${weight.shape[1]} positions, ` +
        `but input ${fmtShape(x.shape)} gives a ${outH}×${outW} output`,
    );
  }
  const outChannels = weight.shape[2];
  if (bias && (bias.ndim !== 3 || bias.shape[0] !== outChannels || bias.shape[1] !== outH || bias.shape[2] !== outW)) {
    throw new ShapeError(`locallyConnected2d: bias must have shape [${outChannels}, ${outH}, ${outW}] (one per output element), got ${fmtShape(bias.shape)}`);
  }
  const y = unsharedConv(x, weight, outSize, options);
  return bias ? add(y, bias) : y;
}
