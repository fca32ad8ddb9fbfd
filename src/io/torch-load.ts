/**
 * Reading state dicts from torch.save files (PyTorch 1.6 on): a zip archive holding
 * `<archive>/data.pkl` (a pickle of the object saved), `<archive>/data/<key>` (one file of raw
 * elements per storage) and, from PyTorch 2.1, `<archive>/byteorder`. The pickle is read by the
 * restricted unpickler (pickle-restricted.ts) with torch.load(weights_only=True)'s allow-list:
 * tensors, parameters, storages and OrderedDict — no code from the file runs.
 */
import type { Tensor } from "../tensor/index.js";
import { describePickled, PickleGlobal, unpickle } from "./pickle-restricted.js";
import { readBytes, type FileLocation } from "./read-bytes.js";
import { STORED_DTYPES } from "./stored-dtypes.js";
import { rebuildTensorV2, TensorView, TorchStorage } from "./torch-tensors.js";
import { readStoredZip } from "./zip-stored.js";

/** A file that is not a torch.save state dict Strata can read, or that holds code; `file` names it. */
export class TorchLoadError extends Error {
  constructor(
    readonly file: string,
    detail: string,
  ) {
    super(`${file} cannot be loaded as a torch.save state dict: ${detail}`);
    this.name = "TorchLoadError";
  }
}

export interface TorchLoadOptions {
  /** The entry of the saved dict that holds the state dict, as in `torch.save({"state_dict": …, "epoch": 3})`. */
  key?: string;
}

export interface TorchContents {
  tensors: Record<string, Tensor>;
}

/**
 * The state dict in a torch.save file's bytes; `name` (usually the path) is used in errors.
 * Float16 and bfloat16 widen to float32; int64, bool and the small integer types load as int32
 * (an int64 value that does not fit is refused, naming the tensor).
 */
export function decodeTorch(input: Uint8Array | ArrayBuffer, name = "<bytes>", { key }: TorchLoadOptions = {}): TorchContents {
  const bytes = input instanceof Uint8Array ? input : new Uint8Array(input);
  const fail: (detail: string) => never = (detail) => {
    throw new TorchLoadError(name, detail);
  };
  if (bytes[0] === 0x80 && bytes[1] === 0x02) fail("it is a legacy (pre-1.6, non-zip) torch.save file; load it in PyTorch and save it again with a current version");
  const files = readStoredZip(bytes, (detail) => fail(`its zip archive is damaged: ${detail}`));
  const pickle = [...files.keys()].find((n) => /^[^/]+\/data\.pkl$/.test(n)) ?? fail("it holds no <archive>/data.pkl, so it was not written by torch.save");
  const archive = pickle.slice(0, -"data.pkl".length);
  const byteorder = files.get(`${archive}byteorder`);
  if (byteorder && new TextDecoder().decode(byteorder) !== "little") fail("its tensors are big-endian; Strata reads little-endian files");

  const storages = new Map<string, TorchStorage>();
  // Every element of every tensor counts against the file's size, so that views repeating one
  // storage (stride 0) cannot make the reader allocate more than a file that size could hold.
  let budget = bytes.length;
  const rebuild = (args: unknown[]): TensorView => {
    const view = rebuildTensorV2(args, fail);
    budget -= view.size;
    if (budget < 0) fail(`its tensors hold more elements than its ${bytes.length} bytes could store (views that repeat one storage are not read)`);
    return view;
  };
  const allowed = new Map<string, unknown>([
    ["collections.OrderedDict", (args: unknown[]) => (args.length === 0 ? new Map() : fail("OrderedDict is called with arguments"))],
    ["torch._utils._rebuild_tensor_v2", rebuild],
    ["torch._utils._rebuild_parameter", ([data]: unknown[]) => (data instanceof TensorView ? data : fail(`_rebuild_parameter of ${describePickled(data)}`))],
    ...STORED_DTYPES.map((t) => [`torch.${t.torch}`, t] as [string, unknown]),
  ]);
  const persistentLoad = (pid: unknown): TorchStorage => {
    const [kind, type, storageKey, , numel] = Array.isArray(pid) ? pid : [];
    const stored = STORED_DTYPES.find((t) => type instanceof PickleGlobal && type.value === t);
    if (kind !== "storage" || !stored || typeof storageKey !== "string" || !Number.isSafeInteger(numel)) {
      fail(`a persistent id is ${describePickled(pid)}; expected ("storage", torch.FloatStorage or another storage type, key, location, size)`);
    }
    const found = storages.get(storageKey);
    if (found) return found;
    const raw = files.get(`${archive}data/${storageKey}`) ?? fail(`storage "${storageKey}" (${archive}data/${storageKey}) is missing from the archive`);
    if (raw.length !== numel * stored.bytes) fail(`storage "${storageKey}" holds ${raw.length} bytes; ${numel} elements of ${stored.torch} need ${numel * stored.bytes}`);
    const storage = new TorchStorage(storageKey, stored, raw);
    storages.set(storageKey, storage);
    return storage;
  };
  const saved = unpickle(files.get(pickle)!, { allowed, persistentLoad, mayBuild: (target) => target instanceof Map, fail });
  return { tensors: stateDictIn(saved, key, fail) };
}

/** The tensors of the saved dict (or of its entry `key`); anything else in it is an error listing what is there. */
function stateDictIn(saved: unknown, key: string | undefined, fail: (detail: string) => never): Record<string, Tensor> {
  if (!(saved instanceof Map)) fail(`it holds ${describePickled(saved)}, not a dict of tensors`);
  let state = saved;
  if (key !== undefined) {
    if (!saved.has(key)) fail(`it has no entry "${key}"; its entries are ${[...saved.keys()].map((k) => JSON.stringify(k)).join(", ")}`);
    state = saved.get(key);
    if (!(state instanceof Map)) fail(`its entry "${key}" is ${describePickled(state)}, not a dict of tensors`);
  }
  const others = [...state].filter(([, v]) => !(v instanceof TensorView));
  if (others.length > 0) {
    const listed = others.slice(0, 5).map(([k, v]) => `"${k}" (${describePickled(v)})`).join(", ");
    const inner = key === undefined ? others.find(([, v]) => v instanceof Map) : undefined;
    fail(`${key === undefined ? "it" : `its entry "${key}"`} holds entries that are not tensors: ${listed}${inner ? `; pass { key: "${inner[0]}" } to load the dict inside it` : ""}`);
  }
  // A view saved under several names (tied weights) becomes one Tensor, as in PyTorch: memory stays
  // bounded by the file's size however often a pickle repeats it.
  const made = new Map<TensorView, Tensor>();
  const tensorOf = (k: unknown, view: TensorView): Tensor => made.get(view) ?? made.set(view, view.toTensor((detail) => fail(`tensor "${k}": ${detail}`))).get(view)!;
  return Object.fromEntries([...state].map(([k, v]) => [String(k), tensorOf(k, v as TensorView)]));
}

/** Reads a torch.save file's state dict from a path or a URL; a missing or unreadable one throws a TorchLoadError naming it. */
export async function loadTorch(location: FileLocation, options?: TorchLoadOptions): Promise<TorchContents> {
  const bytes = await readBytes(location);
  if (bytes === null) throw new TorchLoadError(String(location), "it does not exist");
  return decodeTorch(bytes, String(location), options);
}
