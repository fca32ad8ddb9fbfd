/**
 * Module: the base of every layer, container and loss. As in torch.nn, a module's parts are found
 * by walking its own properties: a Module (or an array of Modules) is a child, a Parameter (or an
 * array of Parameters) is a parameter. Buffers (state that is saved but not learned, such as
 * BatchNorm's running mean) are registered by name with registerBuffer.
 */
import { Tensor } from "../tensor/index.js";
import { Parameter } from "./parameter.js";
import { loadState, type LoadStateDictOptions, type LoadStateDictResult, type StateDictLike } from "./state-dict.js";
import { gradInputByReplay } from "./torch7.js";

/** Properties holding a T, or arrays of T, as [name, value] pairs; array items are named `name.i`. */
function ownEntries<T>(owner: object, isT: (v: unknown) => v is T): [string, T][] {
  const out: [string, T][] = [];
  for (const [key, value] of Object.entries(owner)) {
    if (isT(value)) out.push([key, value]);
    else if (Array.isArray(value)) value.forEach((item, i) => isT(item) && out.push([`${key}.${i}`, item]));
  }
  return out;
}

/**
 * Called after a module's forward with its inputs and output; a returned tensor replaces the
 * output (as PyTorch's forward hooks). Used to read activations without editing the model.
 */
export type ForwardHook = (module: Module, inputs: Tensor[], output: Tensor) => Tensor | void;
/** Called before a module's forward with its inputs. */
export type ForwardPreHook = (module: Module, inputs: Tensor[]) => void;

/** What registerForwardHook returns: remove() detaches the hook (again is harmless). */
export interface HookHandle {
  remove(): void;
}

const isModule = (v: unknown): v is Module => v instanceof Module;
const isParameter = (v: unknown): v is Parameter => v instanceof Parameter;
const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

export abstract class Module {
  /** Training mode: Dropout drops, BatchNorm uses batch statistics. Change it with train()/eval(). */
  training = true;
  readonly #buffers = new Map<string, Tensor>();
  readonly #forwardHooks: ForwardHook[] = [];
  readonly #forwardPreHooks: ForwardPreHook[] = [];
  /** The forward in place before the hooks wrapped it (null while no hook is registered). */
  #unhookedForward: { forward: Module["forward"]; own: boolean; hooked: Module["forward"] } | null = null;

  /** The computation. Call it directly: `net.forward(x)`. */
  abstract forward(...inputs: Tensor[]): Tensor;

  /**
   * The direct sub-modules with their names. Found from properties by default; containers such as
   * Sequential override this to name their children 0, 1, 2, …
   */
  namedChildren(): [string, Module][] {
    return ownEntries(this, isModule);
  }

  children(): Module[] {
    return this.namedChildren().map(([, m]) => m);
  }

  /** This module (named "") and every descendant, depth first, each once even if shared. */
  namedModules(): [string, Module][] {
    const out: [string, Module][] = [];
    const seen = new Set<Module>();
    const visit = (m: Module, prefix: string) => {
      if (seen.has(m)) return;
      seen.add(m);
      out.push([prefix, m]);
      for (const [name, child] of m.namedChildren()) visit(child, join(prefix, name));
    };
    visit(this, "");
    return out;
  }

  modules(): Module[] {
    return this.namedModules().map(([, m]) => m);
  }

  /**
   * Parameters with dotted names as in PyTorch (`0.weight`, `features.3.bias`): each module's own
   * in property order, then its children's. A parameter shared by two modules is listed once.
   */
  namedParameters(recurse = true): [string, Parameter][] {
    return this.#collect(recurse, (m) => ownEntries(m, isParameter));
  }

  parameters(recurse = true): Parameter[] {
    return this.namedParameters(recurse).map(([, p]) => p);
  }

  namedBuffers(recurse = true): [string, Tensor][] {
    return this.#collect(recurse, (m) => [...m.#buffers]);
  }

  buffers(recurse = true): Tensor[] {
    return this.namedBuffers(recurse).map(([, b]) => b);
  }

  #collect<T>(recurse: boolean, own: (m: Module) => [string, T][]): [string, T][] {
    const out: [string, T][] = [];
    const seen = new Set<T>();
    const modules: [string, Module][] = recurse ? this.namedModules() : [["", this]];
    for (const [prefix, m] of modules) {
      for (const [name, value] of own(m)) {
        if (seen.has(value)) continue;
        seen.add(value);
        out.push([join(prefix, name), value]);
      }
    }
    return out;
  }

  /**
   * Register (or replace) a buffer: a tensor saved in the state dict but not trained. The name is
   * its state-dict key, so use PyTorch's (`running_mean`).
   */
  registerBuffer(name: string, value: Tensor): void {
    if (!name || name.includes(".")) throw new TypeError(`registerBuffer: a buffer name must be non-empty and contain no ".", got "${name}"`);
    this.#buffers.set(name, value);
  }

  /** The buffer registered under name. */
  getBuffer(name: string): Tensor {
    const value = this.#buffers.get(name);
    if (!value) {
      const known = [...this.#buffers.keys()].join(", ") || "none";
      throw new Error(`getBuffer: ${this.constructor.name} has no buffer "${name}" (it has: ${known})`);
    }
    return value;
  }

  /**
   * Call hook(module, inputs, output) after every forward of this module (PyTorch's
   * register_forward_hook); a tensor it returns replaces the output. Works on any module without
   * editing it, because every caller goes through `forward`: the hook wraps this instance's
   * forward until the last hook is removed. While hooked, nn.Sequential runs the module unfused.
   */
  registerForwardHook(hook: ForwardHook): HookHandle {
    return this.#addHook(this.#forwardHooks, hook, "registerForwardHook");
  }

  /** Call hook(module, inputs) before every forward of this module (PyTorch's register_forward_pre_hook). */
  registerForwardPreHook(hook: ForwardPreHook): HookHandle {
    return this.#addHook(this.#forwardPreHooks, hook, "registerForwardPreHook");
  }

  #addHook<H>(list: H[], hook: H, method: string): HookHandle {
    if (typeof hook !== "function") throw new TypeError(`${method}: expected a function, got ${typeof hook}`);
    if (!this.#unhookedForward) this.#wrapForward();
    list.push(hook);
    return {
      remove: () => {
        const at = list.indexOf(hook);
        if (at >= 0) list.splice(at, 1);
        if (this.#forwardHooks.length === 0 && this.#forwardPreHooks.length === 0) this.#unwrapForward();
      },
    };
  }

  #wrapForward(): void {
    const own = Object.prototype.hasOwnProperty.call(this, "forward");
    const forward = this.forward;
    const hooked = (...inputs: Tensor[]): Tensor => {
      for (const pre of [...this.#forwardPreHooks]) pre(this, inputs);
      let output = forward.apply(this, inputs);
      for (const hook of [...this.#forwardHooks]) output = hook(this, inputs, output) ?? output;
      return output;
    };
    this.#unhookedForward = { forward, own, hooked };
    Object.defineProperty(this, "forward", { value: hooked, writable: true, configurable: true, enumerable: false });
  }

  #unwrapForward(): void {
    const unhooked = this.#unhookedForward;
    if (!unhooked) return;
    this.#unhookedForward = null;
    // A forward assigned by the user while hooked stays theirs.
    if (this.forward !== unhooked.hooked) return;
    if (unhooked.own) this.forward = unhooked.forward;
    else delete (this as { forward?: unknown }).forward;
  }

  /**
   * The sub-module at a dotted state-dict path (`features.3`, `layer1.0.conv1`; "" is this
   * module), as PyTorch's get_submodule. An unknown path is an error listing the paths there are.
   */
  getSubmodule(path: string): Module {
    if (typeof path !== "string") throw new TypeError(`getSubmodule: expected a dotted path such as "features.3", got ${typeof path}`);
    if (path === "") return this;
    let module: Module = this;
    for (const name of path.split(".")) {
      const child = module.namedChildren().find(([childName]) => childName === name)?.[1];
      if (!child) {
        const known = this.namedModules().filter(([p]) => p !== "").map(([p, m]) => `${p} (${m.constructor.name})`);
        const shown = known.length > 60 ? [...known.slice(0, 60), `… ${known.length - 60} more`] : known;
        throw new Error(`${this.constructor.name} has no layer "${path}"; its layers are: ${shown.join(", ") || "none"}`);
      }
      module = child;
    }
    return module;
  }

  /** Set training mode on this module and all its descendants; returns this. */
  train(mode = true): this {
    for (const m of this.modules()) m.training = mode;
    return this;
  }

  /** Evaluation mode (Dropout off); same as train(false). */
  eval(): this {
    return this.train(false);
  }

  /** Call fn on every module, children first and this one last (as torch's Module.apply); returns this. */
  apply(fn: (m: Module) => void): this {
    for (const child of this.children()) child.apply(fn);
    fn(this);
    return this;
  }

  /** Forget accumulated gradients (sets every parameter's .grad to null). */
  zeroGrad(): void {
    for (const p of this.parameters()) p.grad = null;
  }

  /** Stop gradients to every parameter (fine-tuning the rest of a network); returns this. */
  freeze(): this {
    for (const p of this.parameters()) p.requiresGrad_(false);
    return this;
  }

  unfreeze(): this {
    for (const p of this.parameters()) p.requiresGrad_(true);
    return this;
  }

  /** Every parameter and buffer under its state-dict key (the live tensors, shared ones under each name, as PyTorch). */
  #stateEntries(): [string, Tensor][] {
    const out: [string, Tensor][] = [];
    const visit = (m: Module, prefix: string) => {
      for (const [name, t] of [...m.namedParameters(false), ...m.namedBuffers(false)]) out.push([prefix + name, t]);
      for (const [name, child] of m.namedChildren()) visit(child, `${prefix}${name}.`);
    };
    visit(this, "");
    return out;
  }

  /**
   * The parameters and buffers by PyTorch's names and layouts, in definition order. The tensors
   * are copies: a snapshot that later training does not change.
   */
  stateDict(): Map<string, Tensor> {
    return new Map(this.#stateEntries().map(([key, t]) => [key, new Tensor(t.values.slice(), t.shape)]));
  }

  /**
   * Copy values from a state dict (a Map or a plain object) into this module's parameters and
   * buffers in place, so optimisers holding them stay attached. Nothing is copied unless every
   * key fits: strict (default) refuses missing or unexpected keys; a shape mismatch is always refused.
   */
  loadStateDict(state: StateDictLike, options: LoadStateDictOptions = {}): LoadStateDictResult {
    return loadState(this.constructor.name, this.#stateEntries(), state, options);
  }

  /**
   * Torch7's contract: given the input of the last forward and dLoss/dOutput, return dLoss/dInput
   * and accumulate the parameters' gradients. Forward is re-run with autograd to get there.
   */
  backward(input: Tensor, gradOutput: Tensor): Tensor {
    return gradInputByReplay(this.constructor.name, input, (x) => this.forward(x), gradOutput);
  }

  /** The settings shown inside the parentheses by toString(), e.g. `in_features=784, …`. */
  extraRepr(): string {
    return "";
  }

  /** A PyTorch-style tree: `Sequential(\n  (0): Linear(in_features=784, out_features=800, bias=True)\n …)`. */
  toString(): string {
    const lines = this.namedChildren().map(([name, child]) => `(${name}): ${child.toString().replace(/\n/g, "\n  ")}`);
    const extra = this.extraRepr();
    if (lines.length === 0) return `${this.constructor.name}(${extra})`;
    const body = extra ? [extra, ...lines] : lines;
    return `${this.constructor.name}(\n  ${body.join("\n  ")}\n)`;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }
}
