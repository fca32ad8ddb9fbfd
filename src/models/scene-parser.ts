/**
 * A multi-scale convnet scene parser (Farabet, Couprie, Najman & LeCun 2013): the image's Laplacian
 * pyramid is taken, one convnet — the same module, so the same weights — is applied to every scale,
 * each scale's feature maps are brought back to full resolution (bilinear) and concatenated, and a
 * per-pixel classifier of 1×1 convolutions labels every pixel. The coarse scales see a wide context
 * (a digit's whole shape) with the same small filters that see strokes at full scale.
 *
 * Each scale's input is two channels for each channel of the image: its Gaussian level G_k and its
 * band-pass Laplacian level L_k = G_k − up(G_{k+1}), zero-mean in every neighbourhood, the role
 * local contrast normalisation plays in Farabet et al. (on 40×40 scenes of 0s and 1s, 150 steps
 * reached IoUs of 0.47 and 0.37 on L_k alone, 0.70 and 0.50 on both). The pixel classifier also
 * receives the image itself at full resolution, since the convnet's output is pooled to a quarter
 * of each scale and the labels follow strokes two to four pixels wide.
 *
 * The classifier's first layer, a 1×1 convolution over the concatenated full-resolution maps, is
 * computed as the sum of one 1×1 convolution per scale applied *before* upsampling: the same linear
 * map (upsampling is linear and its weights sum to 1, so it commutes with a 1×1 convolution), at a
 * sixteenth of the cost for a convnet that pools twice.
 */
import * as nn from "../nn/index.js";
import { gaussianPyramid, laplacianPyramid } from "../nn/functional/index.js";
import { add, concat, interpolate } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";

export interface SceneParserOptions {
  /** Classes a pixel can take. Default 11 (ten digits and background). */
  classes?: number;
  /** Image channels. Default 1. */
  channels?: number;
  /** Pyramid scales the shared convnet sees: full, ½, ¼, … Default 3; 1 makes a single-scale parser. */
  scales?: number;
  /** Feature maps of the shared convnet's 5×5 convolution stages (2×2 max-pooling between stages). Default [16, 32, 32]. */
  widths?: readonly number[];
  /** Hidden units of the per-pixel classifier. Default 64. */
  hidden?: number;
}

export class SceneParser extends nn.Module {
  readonly scales: number;
  /** The one convnet every scale goes through. */
  readonly features: nn.Sequential;
  /** The classifier's first layer, split by input: the block of its weights that reads each scale's maps… */
  readonly scaleProjections: nn.Conv2d[];
  /** …and the block that reads the image (with the layer's bias). */
  readonly imageProjection: nn.Conv2d;
  /** ReLU and the 1×1 convolution from the hidden units to class scores. */
  readonly classifier: nn.Sequential;

  constructor({ classes = 11, channels = 1, scales = 3, widths = [16, 32, 32], hidden = 64 }: SceneParserOptions = {}) {
    super();
    for (const [name, value] of Object.entries({ classes, channels, scales, hidden, ...Object.fromEntries(widths.map((w, i) => [`widths[${i}]`, w])) })) {
      if (!Number.isInteger(value) || value < 1) throw new RangeError(`SceneParser: ${name} must be a positive integer, got ${value}`);
    }
    if (widths.length === 0) throw new RangeError("SceneParser: widths must name at least one convolution stage");
    this.scales = scales;
    const stages: nn.Module[] = [];
    widths.forEach((width, i) => {
      if (i > 0) stages.push(new nn.MaxPool2d(2));
      stages.push(new nn.Conv2d(i === 0 ? 2 * channels : widths[i - 1], width, 5, { padding: 2 }), new nn.ReLU());
    });
    this.features = new nn.Sequential(...stages);
    const width = widths[widths.length - 1];
    this.scaleProjections = Array.from({ length: scales }, () => new nn.Conv2d(width, hidden, 1, { bias: false }));
    this.imageProjection = new nn.Conv2d(channels, hidden, 1);
    this.classifier = new nn.Sequential(new nn.ReLU(), new nn.Conv2d(hidden, classes, 1));
  }

  /** Class scores [N, classes, H, W] for images [N, channels, H, W]. */
  forward(x: Tensor): Tensor {
    const size = [x.shape[2], x.shape[3]];
    const hidden = this.scaleFeatures(x).reduce(
      (sum, maps, s) => add(sum, interpolate(this.scaleProjections[s].forward(maps), { size, mode: "bilinear", alignCorners: false })),
      this.imageProjection.forward(x),
    );
    return this.classifier.forward(hidden);
  }

  /** Each scale's feature maps from the shared convnet, finest scale first, each at its scale's resolution halved once per pooling. */
  scaleFeatures(x: Tensor): Tensor[] {
    if (x.ndim !== 4) throw new ShapeError(`SceneParser: expected images [N, C, H, W], got shape ${fmtShape(x.shape)}`);
    // one Laplacian level more than the scales, so that every scale has a band-pass level
    const bands = laplacianPyramid(x, this.scales + 1);
    const gaussian = gaussianPyramid(x, this.scales);
    return gaussian.map((g, k) => this.features.forward(concat([g, bands[k]], 1)));
  }
}
