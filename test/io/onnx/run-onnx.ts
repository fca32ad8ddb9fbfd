/** Running an exported model in onnxruntime-web and comparing it with Strata's forward. */
import assert from "node:assert/strict";
import * as ort from "onnxruntime-web";
import { io, nn, Tensor } from "../../../src/index.js";
import { assertClose } from "../../helpers.js";

// One thread, no worker threads: the test process can end by itself.
ort.env.wasm.numThreads = 1;

/** The output onnxruntime-web computes for the ONNX bytes on input x. */
export async function runOnnx(bytes: Uint8Array, x: Tensor): Promise<Tensor> {
  const session = await ort.InferenceSession.create(bytes, { executionProviders: ["wasm"] });
  try {
    const feed = x.dtype === "int32" ? new ort.Tensor("int32", Int32Array.from(x.values), x.shape) : new ort.Tensor("float32", Float32Array.from(x.values), x.shape);
    const { output } = await session.run({ input: feed });
    return new Tensor(Float32Array.from(output.data as Float32Array), output.dims);
  } finally {
    await session.release();
  }
}

/**
 * Export model with sample, run the file in onnxruntime-web on each input (sizes of dynamic axes
 * may differ from the sample's), assert it matches Strata's eval-mode forward (rtol 1e-4, atol 1e-5), and
 * return the largest absolute difference.
 */
export async function assertExportMatches(model: nn.Module, sample: Tensor, inputs: readonly Tensor[] = [sample], options?: io.OnnxExportOptions): Promise<number> {
  const bytes = io.encodeOnnx(model, sample, options);
  let maxDiff = 0;
  for (const x of inputs) {
    const want = nn.withEvalMode(model, () => model.forward(x));
    const got = await runOnnx(bytes, x);
    assert.deepEqual(got.shape, want.shape);
    assertClose(got, want, { rtol: 1e-4, atol: 1e-5, message: `${model.constructor.name} on ${x.shape.join("×")}` });
    got.values.forEach((v, i) => (maxDiff = Math.max(maxDiff, Math.abs(v - want.values[i]))));
  }
  return maxDiff;
}
