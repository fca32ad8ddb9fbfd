/** ZFNet (Zeiler & Fergus, "Visualizing and Understanding Convolutional Networks", 2013, Fig. 3). */
import * as nn from "../nn/index.js";
import { ConvClassifier, vggClassifier } from "./conv-classifier.js";
import { checkDropout, checkNumClasses, type ClassifierOptions } from "./options.js";

export interface ZFNetOptions extends ClassifierOptions {
  /** Dropout probability after each of the first two Linear layers. Default 0.5. */
  dropout?: number;
  /**
   * Filters of conv3–5: "paper" 384, 384, 256 (Fig. 3, the default) or "deck" 512, 1024, 512, as
   * the CS231n lecture draws ZFNet ("instead of 384, 384, 256 filters use 512, 1024, 512").
   */
  widths?: ZFNetWidths;
}

export type ZFNetWidths = "paper" | "deck";

/** conv3, conv4, conv5 filters of each variant. */
const CONV345: Record<ZFNetWidths, readonly [number, number, number]> = { paper: [384, 384, 256], deck: [512, 1024, 512] };

/** ZFNet: `features`, `avgpool`, `classifier`, laid out as torchvision lays out AlexNet and VGG. */
export class ZFNet extends ConvClassifier {}

/** The normalisation after the first two layers: AlexNet's local response normalisation. */
const contrastNorm = () => new nn.LocalResponseNorm(5, { alpha: 1e-4, beta: 0.75, k: 2 });

/**
 * ZFNet for 3×224×224 images, following the paper's Fig. 3 (the maps are 110, 55, 26, 13, 13, 13
 * and 6 wide):
 *
 * | layer | configuration | output | parameters |
 * | --- | --- | --- | --- |
 * | features.0 | conv 96@7×7, stride 2, padding 1; ReLU | 96×110×110 | 96·3·49 + 96 = 14,208 |
 * | features.2 | max-pool 3×3 stride 2, ceil mode; LRN(5, α 1e-4, β 0.75, k 2) | 96×55×55 | |
 * | features.4 | conv 256@5×5, stride 2; ReLU | 256×26×26 | 256·96·25 + 256 = 614,656 |
 * | features.6 | max-pool 3×3 stride 2, ceil mode; LRN | 256×13×13 | |
 * | features.8 | conv 384@3×3, padding 1; ReLU | 384×13×13 | 384·256·9 + 384 = 885,120 |
 * | features.10 | conv 384@3×3, padding 1; ReLU | 384×13×13 | 384·384·9 + 384 = 1,327,488 |
 * | features.12 | conv 256@3×3, padding 1; ReLU; max-pool 3×3 stride 2 | 256×6×6 | 384·256·9 + 256 = 884,992 |
 * | classifier.0 | Linear 9216→4096; ReLU; dropout | 4096 | 9216·4096 + 4096 = 37,752,832 |
 * | classifier.3 | Linear 4096→4096; ReLU; dropout | 4096 | 4096·4096 + 4096 = 16,781,312 |
 * | classifier.6 | Linear 4096→numClasses | 1000 | 4096·1000 + 1000 = 4,097,000 |
 *
 * 62,357,608 parameters in all with 1000 classes. With `widths: "deck"` conv3–5 have 512, 1024
 * and 512 filters (1,180,160 + 4,719,616 + 4,719,104 parameters) and the first Linear layer takes
 * 512·6·6 = 18,432 inputs (75,501,568): 107,627,624 in all. The paper does not give the paddings: these
 * are the ones that reproduce its map sizes. With them the first layer's 7×7 stride-2 window does
 * not tile 224 exactly (no symmetric padding can: 224 − 7 + 2P is odd), as in the paper, so
 * summary() flags it; the pooling uses ceil mode where the paper's sizes need it. The paper's
 * "contrast normalisation across feature maps" is AlexNet's local response normalisation, applied
 * after the pooling as the paper orders it.
 */
export function zfnet({ numClasses = 1000, dropout = 0.5, widths = "paper" }: ZFNetOptions = {}): ZFNet {
  checkNumClasses("zfnet", numClasses);
  checkDropout("zfnet", dropout);
  if (!Object.hasOwn(CONV345, widths)) throw new RangeError(`zfnet: widths must be "paper" or "deck", got ${JSON.stringify(widths)}`);
  const [c3, c4, c5] = CONV345[widths];
  const features = new nn.Sequential(
    new nn.Conv2d(3, 96, 7, { stride: 2, padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(3, { stride: 2, ceilMode: true }), contrastNorm(),
    new nn.Conv2d(96, 256, 5, { stride: 2 }), new nn.ReLU(), new nn.MaxPool2d(3, { stride: 2, ceilMode: true }), contrastNorm(),
    new nn.Conv2d(256, c3, 3, { padding: 1 }), new nn.ReLU(),
    new nn.Conv2d(c3, c4, 3, { padding: 1 }), new nn.ReLU(),
    new nn.Conv2d(c4, c5, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(3, { stride: 2 }),
  );
  return new ZFNet(features, new nn.AdaptiveAvgPool2d(6), vggClassifier(c5 * 6 * 6, numClasses, dropout));
}
