/**
 * One-hidden-layer autoencoders in the energy-based view: E(Y, Z) = reconstruction error of
 * decode(Z) against Y, inference Z* = encode(Y) (the encoder predicts the code; no search). Plain,
 * tied-weight, sparse, denoising and contractive autoencoders are this one module with options,
 * and each says how its energy is kept from being low everywhere (`energyShaping`).
 */
import { nn, zeros } from "../../index.js";
import type { Tensor } from "../../tensor/index.js";
import type { EnergyModel, EnergyShaping } from "../energy.js";
import { featureMatrix } from "../feature-matrix.js";
import { activate, activationLayer, checkActivation, type CodeActivation } from "./activations.js";
import { checkCorruption, corrupt, type Corruption } from "./corruption.js";
import { checkTarget, checkWeight, contractivePenalty, sparsityPenalty } from "./penalties.js";
import { checkLossAndOutput, checkUnitInterval, reconstructionError, type DecoderOutput, type ReconstructionLoss } from "./reconstruction.js";

export interface Sparsity {
  /** ρ, the mean activation each code unit should have (in (0, 1)). */
  target: number;
  /** β, the weight of Σ_j KL(ρ‖ρ̂_j) (≥ 0). */
  weight: number;
}

export interface AutoencoderOptions {
  /** The code units' nonlinearity (default "sigmoid"). */
  activation?: CodeActivation;
  /** The decoder's output units (default "sigmoid", for data in [0, 1]). */
  output?: DecoderOutput;
  /** The reconstruction error (default "mse"). */
  loss?: ReconstructionLoss;
  /** Decode with the transpose of the encoder's weights (its own bias). Default false. */
  tied?: boolean;
  /** Add β Σ_j KL(ρ‖ρ̂_j) (needs sigmoid codes). */
  sparsity?: Sparsity;
  /** Corrupt the input while training; the loss is still on the clean input. */
  corruption?: Corruption;
  /** λ of the contractive penalty λ‖∂h/∂x‖²_F. */
  contraction?: number;
}

/** A training objective split into its terms (each a scalar; the mean over the batch). */
export interface AutoencoderObjective {
  loss: Tensor;
  reconstruction: Tensor;
  penalty: Tensor | null;
}

export class Autoencoder extends nn.Module implements EnergyModel {
  readonly activation: CodeActivation;
  readonly output: DecoderOutput;
  readonly reconstructionLoss: ReconstructionLoss;
  readonly sparsity: Sparsity | null;
  readonly corruption: Corruption | null;
  readonly contraction: number;
  encoder: nn.Linear;
  /** The decoder's own weights, or null when tied (decoding then uses the encoder's transpose). */
  decoder: nn.Linear | null;
  /** The tied decoder's bias (null when the decoder is a Linear of its own). */
  decoderBias: nn.Parameter | null;

  constructor(readonly inputSize: number, readonly hiddenSize: number, options: AutoencoderOptions = {}) {
    super();
    const who = "Autoencoder";
    for (const [name, n] of [["inputSize", inputSize], ["hiddenSize", hiddenSize]] as const) {
      if (!Number.isInteger(n) || n < 1) throw new RangeError(`${who}: ${name} must be a positive integer, got ${n}`);
    }
    const { activation = "sigmoid", output = "sigmoid", loss = "mse", tied = false, sparsity, corruption, contraction = 0 } = options;
    this.activation = checkActivation(who, "activation", activation);
    checkLossAndOutput(who, loss, output);
    if (sparsity) {
      checkTarget(who, sparsity.target);
      checkWeight(who, "sparsity.weight (β)", sparsity.weight);
      if (activation !== "sigmoid") throw new RangeError(`${who}: sparsity needs sigmoid codes (ρ̂ is a mean firing probability), got activation "${activation}"`);
    }
    if (corruption) checkCorruption(who, corruption);
    checkWeight(who, "contraction (λ)", contraction);
    this.output = output;
    this.reconstructionLoss = loss;
    this.sparsity = sparsity ?? null;
    this.corruption = corruption ?? null;
    this.contraction = contraction;
    this.encoder = new nn.Linear(inputSize, hiddenSize);
    this.decoder = tied ? null : new nn.Linear(hiddenSize, inputSize);
    this.decoderBias = tied ? new nn.Parameter(zeros([inputSize])) : null;
    // Glorot's uniform range: the 1/√fan-in default leaves sigmoid codes near 0.5 and slows the start
    for (const layer of [this.encoder, this.decoder]) {
      if (!layer) continue;
      nn.init.xavierUniform_(layer.weight);
      nn.init.zeros_(layer.bias!);
    }
  }

  get tied(): boolean {
    return this.decoder === null;
  }

  /**
   * Undercomplete plain and tied autoencoders rely on the bottleneck; each penalty adds its own
   * strategy. An overcomplete autoencoder with none of them has nothing keeping its energy from
   * being low everywhere (it can learn the identity), and says so with an empty list.
   */
  get energyShaping(): readonly EnergyShaping[] {
    const shaping: EnergyShaping[] = [];
    if (this.hiddenSize < this.inputSize) shaping.push("pca-bottleneck");
    if (this.sparsity) shaping.push("sparsity");
    if (this.corruption) shaping.push("denoising");
    if (this.contraction > 0) shaping.push("contractive");
    return shaping;
  }

  /** The code h = f(W x + b): [N, input] (or images [N, C, H, W]) → [N, hidden]. */
  encode(x: Tensor): Tensor {
    return activate(this.activation, this.encoder.forward(this.#input("encode", "x", x)));
  }

  /** The decoder's pre-activations for codes [N, hidden] → [N, input]. */
  decodeLogits(z: Tensor): Tensor {
    if (z.ndim !== 2 || z.shape[1] !== this.hiddenSize) throw new RangeError(`Autoencoder: codes must be [N, ${this.hiddenSize}], got [${z.shape.join(", ")}]`);
    return this.decoder ? this.decoder.forward(z) : z.matmul(this.encoder.weight).add(this.decoderBias!);
  }

  decode(z: Tensor): Tensor {
    const logits = this.decodeLogits(z);
    return this.output === "sigmoid" ? logits.sigmoid() : logits;
  }

  /** The reconstruction of x (no corruption): [N, input]. */
  forward(x: Tensor): Tensor {
    return this.decode(this.encode(x));
  }

  /** E(Y, Z): the reconstruction error of decode(z) against y, per sample [N]. */
  energy(y: Tensor, z: Tensor): Tensor {
    return reconstructionError(this.decodeLogits(z), this.#target("energy", "y", y), this.reconstructionLoss, this.output);
  }

  infer(y: Tensor): Tensor {
    return this.encode(y);
  }

  /**
   * The training objective on a batch: the mean reconstruction error of the clean x from the code
   * of its corrupted copy (when denoising and in training mode), plus the penalties.
   */
  objective(x: Tensor): AutoencoderObjective {
    const clean = this.#target("objective", "x", x);
    const seen = this.corruption && this.training ? corrupt(clean, this.corruption) : clean;
    const codes = this.encode(seen);
    const reconstruction = reconstructionError(this.decodeLogits(codes), clean, this.reconstructionLoss, this.output).mean();
    const penalties: Tensor[] = [];
    if (this.sparsity) penalties.push(sparsityPenalty(codes, this.sparsity.target, this.sparsity.weight));
    if (this.contraction > 0) penalties.push(contractivePenalty(codes, this.encoder.weight, this.contraction, this.activation));
    const penalty = penalties.length === 0 ? null : penalties.reduce((a, b) => a.add(b));
    return { loss: penalty ? reconstruction.add(penalty) : reconstruction, reconstruction, penalty };
  }

  /** The encoder alone as a layer stack (sharing this autoencoder's parameters), to build a deeper network on. */
  encoderModule(): nn.Sequential {
    return new nn.Sequential(this.encoder, activationLayer(this.activation));
  }

  #input(who: string, argument: string, x: Tensor): Tensor {
    return featureMatrix(`Autoencoder.${who}`, argument, x, this.inputSize);
  }

  #target(who: string, argument: string, x: Tensor): Tensor {
    const matrix = this.#input(who, argument, x);
    if (this.reconstructionLoss === "bce") checkUnitInterval(`Autoencoder.${who}`, argument, matrix);
    return matrix;
  }

  override extraRepr(): string {
    return `${this.inputSize} → ${this.hiddenSize}, activation=${this.activation}, output=${this.output}, loss=${this.reconstructionLoss}, tied=${this.tied}`;
  }
}
