import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { decodeTorch, loadTorch, TorchLoadError } from "../../src/io/index.js";
import { models, nn, noGrad, tensor, Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

/** Written by test/fixtures/fixtures_torch_save.py with PyTorch 1.13. */
const fixtures = new URL("../../../test/fixtures/torch-save/", import.meta.url);
const path = (name: string) => new URL(name, fixtures).pathname;
const bytesOf = (name: string) => new Uint8Array(readFileSync(path(name)));
const expected = JSON.parse(readFileSync(path("expected.json"), "utf8")) as {
  lenet5: number[][];
  "bn-net": number[][];
  dtypes: Record<string, { dtype: string; shape: number[]; values: number[] }>;
};

/** The script's fixed input: sin(0.37 i) in float32. */
function fixedInput(shape: number[]): Tensor {
  const size = shape.reduce((a, b) => a * b, 1);
  return tensor(Float32Array.from({ length: size }, (_, i) => Math.sin(Math.fround(i * Math.fround(0.37)))), shape);
}

function assertRefused(name: string, ...parts: (string | RegExp)[]): void {
  assert.throws(
    () => decodeTorch(bytesOf(name), name),
    (e: unknown) => {
      assert.ok(e instanceof TorchLoadError, `expected a TorchLoadError, got ${e}`);
      assert.ok(e.message.startsWith(`${name} cannot be loaded as a torch.save state dict: `), e.message);
      for (const part of parts) assert.ok(typeof part === "string" ? e.message.includes(part) : part.test(e.message), `"${e.message}" should mention ${part}`);
      return true;
    },
  );
}

describe("torch.save files", () => {
  it("loads a LeNet-5 state dict into models.lenet5(), giving PyTorch's logits", async () => {
    const { tensors } = await loadTorch(path("lenet5.pt"));
    const net = models.lenet5().eval();
    assert.deepEqual(net.loadStateDict(tensors), { missingKeys: [], unexpectedKeys: [] });
    assertClose(noGrad(() => net.forward(fixedInput([2, 1, 28, 28]))), expected.lenet5.flat(), { atol: 1e-5 });
  });

  it("loads a net with BatchNorm: running statistics, num_batches_tracked (int64 → int32) and PyTorch's eval logits", async () => {
    const { tensors } = await loadTorch(path("bn-net.pt"));
    assert.equal(tensors["1.num_batches_tracked"].dtype, "int32");
    assert.deepEqual([...tensors["1.num_batches_tracked"].values], [3]);
    const net = new nn.Sequential(new nn.Conv2d(1, 4, 3), new nn.BatchNorm2d(4), new nn.ReLU(), new nn.Flatten(), new nn.Linear(4 * 6 * 6, 3)).eval();
    net.loadStateDict(tensors);
    assertClose(noGrad(() => net.forward(fixedInput([2, 1, 8, 8]))), expected["bn-net"].flat(), { atol: 1e-5 });
  });

  it("reads every dtype (half types widened, integers as int32) and views: transposed, strided, offset, empty, 0-d", () => {
    const { tensors } = decodeTorch(bytesOf("dtypes.pt"), "dtypes.pt");
    assert.deepEqual(Object.keys(tensors), Object.keys(expected.dtypes));
    const loadsAs: Record<string, string> = { float16: "float32", bfloat16: "float32", int64: "int32", bool: "int32", int8: "int32", uint8: "int32", int16: "int32" };
    for (const [name, want] of Object.entries(expected.dtypes)) {
      assert.equal(tensors[name].dtype, loadsAs[want.dtype] ?? want.dtype, name);
      assert.deepEqual(tensors[name].shape, want.shape, name);
      assert.deepEqual([...tensors[name].values], want.values, name);
    }
    assert.deepEqual([...tensors.transposed.values].slice(0, 4), [-1, -0.25, 0.5, 1.25], "the transpose's first row is the base's first column");
  });

  it("finds the state dict inside a saved dict when told its key, and says which key otherwise", () => {
    assertRefused("nested.pt", 'holds entries that are not tensors: "epoch" (3), "state_dict" (a dict of 2)', 'pass { key: "state_dict" }');
    const { tensors } = decodeTorch(bytesOf("nested.pt"), "nested.pt", { key: "state_dict" });
    assert.deepEqual(new nn.Linear(2, 1).loadStateDict(tensors), { missingKeys: [], unexpectedKeys: [] });
    assert.throws(() => decodeTorch(bytesOf("nested.pt"), "nested.pt", { key: "model" }), /has no entry "model"; its entries are "epoch", "state_dict"/);
  });

  it("loads a tensor saved under two names (tied weights) as one Tensor", () => {
    const { tensors } = decodeTorch(bytesOf("tied.pt"), "tied.pt");
    assert.equal(tensors["encoder.weight"], tensors["decoder.weight"]);
    assert.deepEqual([...tensors["decoder.weight"].values], [0, 1, 2, 3]);
  });

  it("refuses an int64 value that does not fit in int32, naming the tensor", () => {
    assertRefused("too-big-int64.pt", 'tensor "count": int64 value 1099511627776 at element 1 does not fit in int32');
  });

  it("refuses pickles that would run code, naming the global, before anything is called", () => {
    assertRefused("evil-system.pt", "names the global posix.system, which is not allowed", "weights_only=True");
    assertRefused("evil-eval.pt", "names the global __builtin__.eval");
    assertRefused("evil-object.pt", "names the global __main__.Payload");
    assertRefused("evil-protocol4.pt", "names the global subprocess.Popen");
  });

  it("names the file when it is missing, not a zip, or a damaged archive", async () => {
    await assert.rejects(() => loadTorch(path("absent.pt")), (e: unknown) => e instanceof TorchLoadError && e.file === path("absent.pt") && /does not exist/.test(e.message));
    assert.throws(() => decodeTorch(Uint8Array.from([0x80, 0x02, 0x8a, 0x0a]), "old.pt"), /old\.pt cannot be loaded .*legacy \(pre-1\.6, non-zip\)/);
    assert.throws(() => decodeTorch(new Uint8Array(100), "zeros.pt"), /zeros\.pt .*its zip archive is damaged: it is not a zip archive/);
    const cut = bytesOf("bn-net.pt").slice(0, -30);
    assert.throws(() => decodeTorch(cut, "cut.pt"), (e: unknown) => e instanceof TorchLoadError && e.file === "cut.pt");
  });
});
