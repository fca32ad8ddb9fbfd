/**
 * Sparse coding of vectors (Olshausen & Field 1996): a dictionary of K unit-norm atoms of D
 * features, E(Y, Z) = ½‖Y − W_d Z‖² + λ‖Z‖₁, with Z* by ISTA, FISTA or coordinate descent.
 * Samples are rows: Y [N, D], Z [N, K], and W_d Z is Z·weight with weight [K, D] (atom k is row k).
 */
import { randn } from "../../ops/index.js";
import { Generator, type Tensor } from "../../tensor/index.js";
import { sampleMatrix } from "../finite-data.js";
import { coordinateDescent } from "./coordinate-descent.js";
import { SparseCoder } from "./sparse-coder.js";

export interface SparseCodingOptions {
  /** The sparsity weight λ (default 0.1). */
  lambda?: number;
  /** Seed of the random initial atoms (default 0). */
  seed?: number;
}

export class SparseCoding extends SparseCoder {
  /** K random unit-norm atoms of D features (or, with `dictionary` [K, D], those atoms, normalised). */
  constructor(readonly features: number, readonly codeSize: number, { lambda = 0.1, seed = 0 }: SparseCodingOptions = {}, dictionary?: Tensor) {
    if (!(Number.isInteger(features) && Number.isInteger(codeSize) && features >= 1 && codeSize >= 1)) {
      throw new RangeError(`SparseCoding: the dictionary is empty or ill-sized: features = ${features} and codeSize = ${codeSize} must be integers ≥ 1`);
    }
    super(dictionary ?? randn([codeSize, features], { generator: new Generator(seed) }), lambda);
    if (this.weight.ndim !== 2 || this.weight.shape[0] !== codeSize || this.weight.shape[1] !== features) {
      throw new RangeError(`SparseCoding: dictionary must be [codeSize = ${codeSize}, features = ${features}], got [${this.weight.shape.join(", ")}]`);
    }
  }

  /** A coder over the given atoms [K, D] (normalised to unit norm). */
  static fromDictionary(dictionary: Tensor, lambda = 0.1): SparseCoding {
    if (dictionary.ndim !== 2) throw new RangeError(`SparseCoding.fromDictionary: dictionary must be [atoms, features], got [${dictionary.shape.join(", ")}]`);
    return new SparseCoding(dictionary.shape[1], dictionary.shape[0], { lambda }, dictionary);
  }

  reconstruct(z: Tensor): Tensor {
    return z.matmul(this.weight);
  }

  adjoint(r: Tensor): Tensor {
    return r.matmul(this.weight.T);
  }

  codeShape(): number[] {
    return [1, this.codeSize];
  }

  signals(y: Tensor): Tensor {
    const x = sampleMatrix(this.constructor.name, "y", y);
    if (x.shape[1] !== this.features) throw new RangeError(`${this.constructor.name}: y has ${x.shape[1]} features per sample, the dictionary's atoms ${this.features}`);
    return x;
  }

  /** Z* by coordinate descent (Gregor & LeCun 2010's CoD), `steps` single-coordinate updates per sample. */
  cod(y: Tensor, steps: number): Tensor {
    return coordinateDescent(this.signals(y), this.weight, this.lambda, steps);
  }
}
