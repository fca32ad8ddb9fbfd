/**
 * The tensors of a torch.save file: storages (`<archive>/data/<key>`, raw little-endian elements)
 * and the views torch._utils._rebuild_tensor_v2 makes of them — a storage offset, a shape and
 * strides, so transposed, sliced and offset views load as PyTorch saved them.
 */
import { Tensor } from "../tensor/index.js";
import { describePickled } from "./pickle-restricted.js";
import { readStored, type StoredDType } from "./stored-dtypes.js";

export class TorchStorage {
  constructor(
    readonly key: string,
    readonly type: StoredDType,
    readonly raw: Uint8Array,
  ) {}

  get numel(): number {
    return this.raw.length / this.type.bytes;
  }
}

/** A view of a storage; it becomes a Tensor (copied and converted) once its name is known, for errors. */
export class TensorView {
  constructor(
    readonly storage: TorchStorage,
    readonly offset: number,
    readonly shape: readonly number[],
    readonly strides: readonly number[],
  ) {}

  get size(): number {
    return this.shape.reduce((a, b) => a * b, 1);
  }

  toTensor(fail: (detail: string) => never): Tensor {
    const { storage, offset, shape, strides } = this;
    const raw = storage.raw.subarray(offset * storage.type.bytes);
    let expected = 1;
    let contiguous = true;
    for (let d = shape.length - 1; d >= 0; d--) {
      if (shape[d] !== 1 && strides[d] !== expected) contiguous = false;
      expected *= shape[d];
    }
    // Element i's place in the storage: its index in each dimension times that dimension's stride.
    const index = (i: number): number => {
      let at = 0;
      for (let d = shape.length - 1; d >= 0; d--) {
        const k = i % shape[d];
        i = (i - k) / shape[d];
        at += k * strides[d];
      }
      return at;
    };
    return new Tensor(readStored(storage.type, raw, this.size, fail, contiguous ? undefined : index), [...shape]);
  }
}

const isCount = (n: unknown): n is number => Number.isSafeInteger(n) && (n as number) >= 0;

/**
 * The arguments of torch._utils._rebuild_tensor_v2 (storage, storage_offset, size, stride,
 * requires_grad, backward_hooks[, metadata]) as a view, checked to stay inside its storage.
 */
export function rebuildTensorV2(args: unknown[], fail: (detail: string) => never): TensorView {
  const [storage, offset, shape, strides] = args;
  if (args.length < 6 || args.length > 7) fail(`_rebuild_tensor_v2 takes 6 or 7 arguments, got ${args.length}`);
  if (!(storage instanceof TorchStorage)) fail(`_rebuild_tensor_v2's storage is ${describePickled(storage)}, not a storage of the file`);
  if (!isCount(offset)) fail(`_rebuild_tensor_v2's storage offset is ${describePickled(offset)}`);
  if (!Array.isArray(shape) || !shape.every(isCount)) fail(`_rebuild_tensor_v2's size is ${describePickled(shape)}; expected a tuple of non-negative integers`);
  if (!Array.isArray(strides) || strides.length !== shape.length || !strides.every(isCount)) {
    fail(`_rebuild_tensor_v2's stride is ${describePickled(strides)}; expected ${shape.length} non-negative integers`);
  }
  const view = new TensorView(storage, offset, shape, strides);
  const last = offset + shape.reduce((sum, n, d) => sum + (n - 1) * strides[d], 0);
  if (view.size > 0 && last >= storage.numel) {
    fail(`a tensor of shape [${shape.join(", ")}] with strides [${strides.join(", ")}] at offset ${offset} reaches element ${last} of storage "${storage.key}", which holds ${storage.numel}`);
  }
  return view;
}
