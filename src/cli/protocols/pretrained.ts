/**
 * The pre-trained stacks of `strata protocols` as one shape: a Sequential of Linear + Sigmoid
 * pairs, whether greedy denoising autoencoders or a DBN's RBMs made it, so every protocol gets a
 * fresh copy to train (fine-tuning must not change the stack the next label budget starts from).
 */
import { nn, type Tensor } from "../../index.js";
import { dbnEncoder, pretrainDbn, pretrainStack } from "../../unsupervised/index.js";

/** Fresh sigmoid layers inputSize → sizes[0] → sizes[1] → …, with PyTorch's default initialisation. */
export function sigmoidStack(inputSize: number, sizes: readonly number[]): nn.Sequential {
  const widths = [inputSize, ...sizes];
  return new nn.Sequential(...sizes.flatMap((size, i) => [new nn.Linear(widths[i], size), new nn.Sigmoid()]));
}

/** A copy of a stack made by sigmoidStack (same sizes), with its own parameters. */
export function copyStack(stack: nn.Sequential, inputSize: number, sizes: readonly number[]): nn.Sequential {
  const copy = sigmoidStack(inputSize, sizes);
  copy.loadStateDict(stack.stateDict());
  return copy;
}

export interface PretrainSettings {
  hidden: readonly number[];
  epochs: number;
  batchSize: number;
  seed: number;
}

/** Stacked denoising autoencoders (masking noise 25%, cross-entropy), trained greedily on the rows of data. */
export async function pretrainDenoisingStack(data: Tensor, s: PretrainSettings, print: (line: string) => void): Promise<nn.Sequential> {
  const stack = await pretrainStack(data, s.hidden, {
    autoencoder: { activation: "sigmoid", loss: "bce", corruption: { kind: "masking", level: 0.25 } },
    epochs: s.epochs, batchSize: s.batchSize, lr: 0.1, momentum: 0.9, seed: s.seed,
    onEpoch: (layer, record) => print(`  denoising autoencoder ${layer + 1}/${s.hidden.length}, epoch ${record.epoch}: loss ${record.loss.toFixed(4)}`),
  });
  return new nn.Sequential(...stack.flatMap((autoencoder) => [...autoencoder.encoderModule()]));
}

/** A DBN's RBMs trained greedily by CD-1 on the rows of data (grey levels as probabilities), unrolled. */
export async function pretrainBeliefNet(data: Tensor, s: PretrainSettings, print: (line: string) => void): Promise<nn.Sequential> {
  const layers = await pretrainDbn(data, s.hidden, {
    epochs: s.epochs, batchSize: s.batchSize,
    onEpoch: ({ layer, epoch, reconstructionError }) => print(`  RBM ${layer + 1}/${s.hidden.length}, epoch ${epoch}: reconstruction error ${reconstructionError.toFixed(4)}`),
  });
  return dbnEncoder(layers);
}
