/** AlexNet (Krizhevsky, Sutskever & Hinton, 2012) in torchvision's single-tower layout. */
import * as nn from "../nn/index.js";
import { ConvClassifier } from "./conv-classifier.js";
import { checkDropout, checkNumClasses, type ClassifierOptions } from "./options.js";

export interface AlexNetOptions extends ClassifierOptions {
  /** Dropout probability before each of the first two Linear layers. Default 0.5. */
  dropout?: number;
}

/** AlexNet's layers under their torchvision names (`features.0.weight`, `classifier.1.weight`, …). */
export class AlexNet extends ConvClassifier {}

/**
 * AlexNet for 3×227×227 images, torchvision's configuration (one tower; 64, 192, 384, 256, 256
 * filters), so its 61,100,840 parameters (1000 classes) load torchvision's state dicts. A 227×227
 * input ends the features at 256×6×6, as does torchvision's 224×224; the adaptive pool lets other
 * sizes through. Neither size tiles exactly everywhere (at 227 the first max-pool's window
 * overhangs its 56×56 input, at 224 the first convolution's): summary() flags the layer.
 */
export function alexnet({ numClasses = 1000, dropout = 0.5 }: AlexNetOptions = {}): AlexNet {
  checkNumClasses("alexnet", numClasses);
  checkDropout("alexnet", dropout);
  const features = new nn.Sequential(
    new nn.Conv2d(3, 64, 11, { stride: 4, padding: 2 }), new nn.ReLU(), new nn.MaxPool2d(3, { stride: 2 }),
    new nn.Conv2d(64, 192, 5, { padding: 2 }), new nn.ReLU(), new nn.MaxPool2d(3, { stride: 2 }),
    new nn.Conv2d(192, 384, 3, { padding: 1 }), new nn.ReLU(),
    new nn.Conv2d(384, 256, 3, { padding: 1 }), new nn.ReLU(),
    new nn.Conv2d(256, 256, 3, { padding: 1 }), new nn.ReLU(), new nn.MaxPool2d(3, { stride: 2 }),
  );
  const classifier = new nn.Sequential(
    new nn.Dropout(dropout), new nn.Linear(256 * 6 * 6, 4096), new nn.ReLU(),
    new nn.Dropout(dropout), new nn.Linear(4096, 4096), new nn.ReLU(),
    new nn.Linear(4096, numClasses),
  );
  return new AlexNet(features, new nn.AdaptiveAvgPool2d(6), classifier);
}
