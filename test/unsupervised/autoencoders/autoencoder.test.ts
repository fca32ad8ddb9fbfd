/** The Autoencoder module: tied decoding, corruption, the objective's parts, the energy interface, training, and errors for bad input. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, noGrad, rand, tensor } from "../../../src/index.js";
import { mnist } from "../../../src/data/index.js";
import { Autoencoder, contractivePenalty, corrupt, reconstructionError, trainAutoencoder } from "../../../src/unsupervised/autoencoders/index.js";
import { assertClose } from "../../helpers.js";

describe("Autoencoder", () => {
  it("ties the decoder to the encoder's transpose, with a bias of its own", () => {
    manualSeed(1);
    const tied = new Autoencoder(6, 3, { tied: true });
    const names = tied.namedParameters().map(([name]) => name).sort();
    assert.deepEqual(names, ["decoderBias", "encoder.bias", "encoder.weight"]);
    tied.decoderBias!.values.set([1, 2, 3, 4, 5, 6]);
    const z = rand([2, 3]);
    const w = tied.encoder.weight;
    const expected = [0, 1].flatMap((n) => [0, 1, 2, 3, 4, 5].map((i) => [0, 1, 2].reduce((s, j) => s + z.values[n * 3 + j] * w.values[j * 6 + i], i + 1)));
    assertClose(tied.decodeLogits(z), expected, { rtol: 1e-5 });
    const plain = new Autoencoder(6, 3);
    assert.deepEqual(plain.namedParameters().map(([name]) => name).sort(), ["decoder.bias", "decoder.weight", "encoder.bias", "encoder.weight"]);
  });

  it("says which energy-shaping strategy it relies on", () => {
    assert.deepEqual(new Autoencoder(10, 4).energyShaping, ["pca-bottleneck"]);
    assert.deepEqual(new Autoencoder(10, 20).energyShaping, []);
    assert.deepEqual(new Autoencoder(10, 20, { sparsity: { target: 0.05, weight: 3 } }).energyShaping, ["sparsity"]);
    assert.deepEqual(new Autoencoder(10, 20, { corruption: { kind: "masking", level: 0.3 } }).energyShaping, ["denoising"]);
    assert.deepEqual(new Autoencoder(10, 20, { contraction: 0.1 }).energyShaping, ["contractive"]);
  });

  it("has energy E(Y, Z) = reconstruction error of decode(Z), and infers Z = encode(Y)", () => {
    manualSeed(2);
    const model = new Autoencoder(8, 3, { loss: "bce" });
    const y = rand([4, 8]);
    const z = model.infer(y);
    assertClose(z, model.encode(y));
    assertClose(model.energy(y, z), reconstructionError(model.decodeLogits(z), y, "bce", "sigmoid"));
  });

  it("masking noise zeroes the asked fraction; Gaussian noise has the asked spread", () => {
    manualSeed(3);
    const ones = rand([200, 100]).mul(0).add(1);
    const masked = corrupt(ones, { kind: "masking", level: 0.3 });
    assertClose(masked.mean(), 0.7, { atol: 0.01 });
    const noisy = corrupt(ones, { kind: "gaussian", level: 0.5 });
    assertClose(noisy.sub(ones).std(), 0.5, { atol: 0.01 });
  });

  it("a denoising autoencoder scores the code of the corrupted input against the clean input (and corrupts only in training)", () => {
    const model = new Autoencoder(20, 5, { corruption: { kind: "masking", level: 0.5 } });
    const x = rand([6, 20]);
    manualSeed(4);
    const objective = model.objective(x);
    manualSeed(4);
    const corrupted = corrupt(x, { kind: "masking", level: 0.5 });
    const expected = reconstructionError(model.decodeLogits(model.encode(corrupted)), x, "mse", "sigmoid").mean();
    assertClose(objective.reconstruction, expected);
    model.eval();
    assertClose(model.objective(x).reconstruction, reconstructionError(model.decodeLogits(model.encode(x)), x, "mse", "sigmoid").mean());
  });

  it("adds the contractive penalty of its own codes to the loss", () => {
    manualSeed(5);
    const model = new Autoencoder(12, 4, { contraction: 0.3 });
    const x = rand([5, 12]);
    const { loss, reconstruction, penalty } = model.objective(x);
    assertClose(penalty!, contractivePenalty(model.encode(x), model.encoder.weight, 0.3));
    assertClose(loss, reconstruction.add(penalty!));
  });
});

describe("training on MNIST digits (small)", async () => {
  const digits = (await mnist("train", { limit: 600 })).x;

  it("lowers the reconstruction error; a sparse autoencoder's units fire near ρ; a contractive one is flatter", async () => {
    manualSeed(6);
    const plain = new Autoencoder(784, 64);
    const before = noGrad(() => plain.objective(digits).reconstruction.itemSync());
    const history = await trainAutoencoder(plain, digits, { epochs: 5, batchSize: 20, lr: 0.1 });
    assert.ok(history[4].reconstruction < 0.6 * before, `squared error ${before.toFixed(1)} → ${history[4].reconstruction.toFixed(1)}`);

    manualSeed(6);
    const sparse = new Autoencoder(784, 64, { sparsity: { target: 0.05, weight: 3 } });
    await trainAutoencoder(sparse, digits, { epochs: 5, batchSize: 20, lr: 0.1 });
    const meanActivation = (m: Autoencoder) => noGrad(() => m.encode(digits).mean().itemSync());
    assert.ok(meanActivation(sparse) < 0.1 && meanActivation(sparse) < 0.5 * meanActivation(plain), `mean activation sparse ${meanActivation(sparse).toFixed(3)}, plain ${meanActivation(plain).toFixed(3)}`);

    manualSeed(6);
    const contractive = new Autoencoder(784, 64, { contraction: 1 });
    await trainAutoencoder(contractive, digits, { epochs: 5, batchSize: 20, lr: 0.1 });
    const jacobian = (m: Autoencoder) => noGrad(() => contractivePenalty(m.encode(digits), m.encoder.weight, 1).itemSync());
    assert.ok(jacobian(contractive) < 0.5 * jacobian(plain), `‖J‖² contractive ${jacobian(contractive).toFixed(2)}, plain ${jacobian(plain).toFixed(2)}`);
  });
});

describe("bad input gets an error naming the argument", () => {
  it("corruption, ρ, β, λ out of range", () => {
    assert.throws(() => new Autoencoder(4, 2, { corruption: { kind: "masking", level: 1.5 } }), /corruption.level \(the fraction of inputs masked\) must be in \[0, 1\], got 1.5/);
    assert.throws(() => new Autoencoder(4, 2, { corruption: { kind: "gaussian", level: -1 } }), /corruption.level .* must be a finite number ≥ 0, got -1/);
    assert.throws(() => new Autoencoder(4, 2, { sparsity: { target: 1, weight: 1 } }), /rho \(ρ\) must lie strictly between 0 and 1, got 1/);
    assert.throws(() => new Autoencoder(4, 2, { sparsity: { target: 0.1, weight: -2 } }), /sparsity.weight \(β\) must be a finite number ≥ 0, got -2/);
    assert.throws(() => new Autoencoder(4, 2, { contraction: NaN }), /contraction \(λ\) must be a finite number ≥ 0, got NaN/);
    assert.throws(() => new Autoencoder(4, 2, { activation: "tanh", sparsity: { target: 0.1, weight: 1 } }), /sparsity needs sigmoid codes/);
    assert.throws(() => new Autoencoder(4, 2, { loss: "bce", output: "linear" }), /loss "bce" needs output "sigmoid"/);
  });

  it("non-finite data, the wrong input width, data outside [0, 1] for cross-entropy", () => {
    const model = new Autoencoder(3, 2, { loss: "bce" });
    assert.throws(() => model.objective(tensor([[0.1, Infinity, 0.2]])), /Autoencoder.objective: x holds a non-finite value \(Infinity\) at sample 0, feature 1/);
    assert.throws(() => model.encode(tensor([[0.1, 0.2]])), /Autoencoder.encode: x has 2 features per sample .*the model expects 3/);
    assert.throws(() => model.objective(tensor([[0.1, 2, 0.2]])), /loss "bce" needs x in \[0, 1\], found 2/);
  });
});
