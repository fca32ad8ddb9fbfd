/**
 * The base every optimiser shares: parameter groups with their own hyper-parameters, per-parameter
 * state kept as Tensors, zeroGrad/step, and a state dict that refers to parameters by index (as
 * PyTorch's does) so it can be saved and loaded into an optimiser built over a fresh model.
 *
 * Subclasses supply only their defaults, a validation of one group's hyper-parameters, and the
 * update rule for one parameter. Updates write the parameter's typed array in place and record no
 * graph.
 */
import { enableGrad } from "../autograd/index.js";
import { allocate, fmtShape, sameShape, ShapeError, Tensor, type TypedArray } from "../tensor/index.js";
import { describeValue } from "../tensor/format.js";
import { checkBoolean, checkNumber } from "./validate.js";

/** Hyper-parameters every optimiser has. */
export interface BaseHyperParams {
  lr: number;
  weightDecay: number;
  /** Ascend the objective instead of descending it. */
  maximize: boolean;
}

/** A value a hyper-parameter can take (numbers, flags, and pairs such as Adam's betas). */
export type HyperParamValue = number | boolean | readonly number[];

/** What a caller passes for one group: its parameters and the hyper-parameters that override the defaults. */
export type ParamGroupOptions<H extends BaseHyperParams = BaseHyperParams> = Partial<H> & { params: Iterable<Tensor> };

/**
 * A group as the optimiser holds it: its parameters and every hyper-parameter resolved. Change
 * `lr` (or anything else) between steps to change how the group is updated; `initialLr` is the lr
 * it was created with, which schedulers scale.
 */
export type ParamGroup<H extends BaseHyperParams = BaseHyperParams> = H & { params: Tensor[]; initialLr: number };

/** One parameter's optimiser state: buffers the shape of the parameter, and counters. */
export type ParamState = Record<string, Tensor | number>;

/** A parameter group in a state dict: hyper-parameters, and parameters as indices into the optimiser's parameter order. */
export interface SavedParamGroup {
  params: number[];
  [hyperParam: string]: HyperParamValue;
}

/**
 * Everything needed to resume an optimiser. Parameters are numbered in order across groups; the
 * numbers survive JSON, the Tensors are meant to be stored separately (e.g. as safetensors).
 */
export interface OptimizerStateDict {
  state: Record<number, ParamState>;
  paramGroups: SavedParamGroup[];
}

/** A gradient as update rules read it (never write it: it may be the parameter's .grad storage). */
export type Gradient = Readonly<TypedArray>;

/** Group options before the group's own values are merged in; lr may be left to the groups (SGD). */
export type OptimizerDefaults<H extends BaseHyperParams> = Omit<H, "lr"> & { lr?: number };

function copyTensor(t: Tensor, dtype = t.dtype): Tensor {
  const values = allocate(dtype, t.size);
  values.set(t.values);
  return new Tensor(values, t.shape);
}

function copyState(state: ParamState, dtype?: Tensor["dtype"]): ParamState {
  return Object.fromEntries(Object.entries(state).map(([k, v]) => [k, v instanceof Tensor ? copyTensor(v, dtype) : v]));
}

/**
 * defaults with the overrides laid over them; an override the defaults do not name is a typo or an
 * option of another optimiser, so it is an error. Undefined overrides keep the default.
 */
function withOverrides<T extends object>(where: string, defaults: T, overrides: object): T {
  const known = new Set([...Object.keys(defaults), "lr"]);
  const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
  for (const [key, value] of Object.entries(overrides)) {
    if (!known.has(key)) throw new TypeError(`${where}: unknown option '${key}'; expected one of ${[...known].join(", ")}`);
    if (value !== undefined) merged[key] = value;
  }
  return merged as T;
}

function isParamGroupOptions(x: unknown): x is ParamGroupOptions<BaseHyperParams> {
  return typeof x === "object" && x !== null && !(x instanceof Tensor) && "params" in x;
}

export abstract class Optimizer<H extends BaseHyperParams = BaseHyperParams> {
  readonly paramGroups: ParamGroup<H>[] = [];
  /** Per-parameter state, created on a parameter's first update. */
  readonly state = new Map<Tensor, ParamState>();
  private readonly defaults: OptimizerDefaults<H>;

  /**
   * @param params the tensors to optimise (leaf float tensors), or parameter groups each with its
   *   own `params` and optional hyper-parameters that override the options.
   * @param options the caller's hyper-parameters, laid over `defaults` (the optimiser's own).
   */
  protected constructor(params: Iterable<Tensor> | Iterable<ParamGroupOptions<H>>, options: Partial<H>, defaults: OptimizerDefaults<H>) {
    this.defaults = withOverrides(this.name, defaults, options ?? {});
    if (params instanceof Tensor || typeof (params as Partial<Iterable<unknown>>)?.[Symbol.iterator] !== "function") {
      const given = params instanceof Tensor ? "a single Tensor" : typeof (params as { parameters?: unknown })?.parameters === "function" ? "a module" : describeValue(params);
      const fix = given === "a module" ? ": pass module.parameters()" : given === "a single Tensor" ? ": wrap it in an array, [tensor]" : "";
      throw new TypeError(`${this.name}: expected the parameters to optimise (an iterable of Tensors or of parameter groups), got ${given}${fix}`);
    }
    const items: unknown[] = [...(params as Iterable<unknown>)];
    if (items.length === 0) throw new Error(`${this.name}: got an empty parameter list`);
    if (items.every((x) => x instanceof Tensor)) {
      this.addParamGroup({ params: items as Tensor[] } as unknown as ParamGroupOptions<H>);
    } else if (items.every(isParamGroupOptions)) {
      for (const group of items) this.addParamGroup(group as ParamGroupOptions<H>);
    } else {
      throw new TypeError(`${this.name}: expected an iterable of Tensors or of parameter groups ({ params, lr?, … }), not a mix of both or other values`);
    }
  }

  /** The optimiser's name, used in error messages. */
  get name(): string {
    return this.constructor.name;
  }

  /** Add a group of parameters with its own hyper-parameters (the defaults fill in the rest). */
  addParamGroup(options: ParamGroupOptions<H>): void {
    const { params, ...overrides } = options;
    if (params instanceof Tensor || typeof params?.[Symbol.iterator] !== "function") {
      throw new TypeError(`${this.name}: a parameter group's params must be an iterable of Tensors (e.g. an array), got ${params instanceof Tensor ? "a single Tensor" : typeof params}`);
    }
    const list = [...params];
    const seen = new Set(this.paramGroups.flatMap((g) => g.params));
    list.forEach((p, i) => {
      if (!(p instanceof Tensor)) throw new TypeError(`${this.name}: parameter ${i} of a group is ${typeof p}, not a Tensor`);
      if (p.dtype === "int32") throw new TypeError(`${this.name}: can only optimise float tensors; parameter ${i} of shape ${fmtShape(p.shape)} is int32`);
      if (!p.isLeaf) {
        throw new Error(`${this.name}: can only optimise leaf tensors; parameter ${i} of shape ${fmtShape(p.shape)} was made by ${p.gradFn!.name} (optimise the tensor it came from, or detach() it)`);
      }
      if (seen.has(p)) throw new Error(`${this.name}: parameter ${i} of shape ${fmtShape(p.shape)} already belongs to a parameter group; a parameter can be in only one`);
      seen.add(p);
    });
    const group = { ...withOverrides(`${this.name} parameter group`, this.defaults, overrides), params: list } as ParamGroup<H>;
    this.checkGroup(group);
    group.initialLr = group.lr;
    this.paramGroups.push(group);
  }

  /** Forget every parameter's gradient (sets .grad to null), ready for the next backward(). */
  zeroGrad(): void {
    for (const group of this.paramGroups) for (const p of group.params) p.grad = null;
  }

  /**
   * Update every parameter that has a gradient; parameters whose .grad is null (frozen or unused)
   * are left untouched. A closure, if given, is called first (with gradient recording on) to
   * recompute the loss; its value is returned.
   */
  step(closure?: () => Tensor | number): number | undefined {
    const loss = closure ? enableGrad(closure) : undefined;
    for (const group of this.paramGroups) {
      for (const param of group.params) {
        if (!param.grad) continue;
        if (!sameShape(param.grad.shape, param.shape)) {
          throw new ShapeError(`${this.name}.step: a parameter of shape ${fmtShape(param.shape)} has a gradient of shape ${fmtShape(param.grad.shape)}`);
        }
        let state = this.state.get(param);
        if (!state) this.state.set(param, (state = {}));
        this.updateParam(param, state, group);
      }
    }
    return loss instanceof Tensor ? loss.itemSync() : loss;
  }

  /**
   * The gradient the update rule sees: negated when maximising, plus weightDecay·param (L2
   * regularisation folded into the gradient, which is what every optimiser but AdamW does). Without
   * either it is the gradient's own storage, which update rules only read.
   */
  protected gradientFor(param: Tensor, group: ParamGroup<H>, weightDecay = group.weightDecay): Gradient {
    const g = param.grad!.values;
    if (!group.maximize && weightDecay === 0) return g;
    const p = param.values;
    const sign = group.maximize ? -1 : 1;
    const out = new Float64Array(g.length);
    for (let i = 0; i < g.length; i++) out[i] = sign * g[i] + weightDecay * p[i];
    return out;
  }

  /**
   * Apply the update rule to one parameter (which has a gradient) in place: through a fused step
   * kernel (SGD, Adam), or a loop over `gradientFor`'s values.
   */
  protected abstract updateParam(param: Tensor, state: ParamState, group: ParamGroup<H>): void;

  /** Throw a clear error for any hyper-parameter of the group that is missing or out of range. */
  protected abstract validate(group: ParamGroup<H>): void;

  /** The state buffer called key, shaped and typed like param; created filled with `fill` if absent. */
  protected buffer(state: ParamState, key: string, param: Tensor, fill = 0): TypedArray {
    return this.stateTensor(state, key, param, fill).values;
  }

  /** buffer()'s tensor itself, for a step kernel that updates it in place. */
  protected stateTensor(state: ParamState, key: string, param: Tensor, fill = 0): Tensor {
    let t = state[key];
    if (!(t instanceof Tensor)) {
      const values = allocate(param.dtype, param.size);
      values.fill(fill);
      state[key] = t = new Tensor(values, param.shape);
    }
    return t;
  }

  /** Add one to the state's step counter and return the new count. */
  protected countStep(state: ParamState): number {
    const step = ((state.step as number | undefined) ?? 0) + 1;
    state.step = step;
    return step;
  }

  private checkGroup(group: ParamGroup<H>): void {
    if (group.lr === undefined) throw new TypeError(`${this.name}: lr is required; pass it in the options or in every parameter group`);
    checkNumber(this.name, "lr", group.lr, { min: 0 });
    checkNumber(this.name, "weightDecay", group.weightDecay, { min: 0 });
    checkBoolean(this.name, "maximize", group.maximize);
    this.validate(group);
  }

  private get allParams(): Tensor[] {
    return this.paramGroups.flatMap((g) => g.params);
  }

  /**
   * A snapshot of the optimiser: hyper-parameters of every group and each parameter's state, with
   * parameters numbered in order across groups. Tensors are copies, so later steps do not change it.
   */
  stateDict(): OptimizerStateDict {
    const index = new Map(this.allParams.map((p, i) => [p, i]));
    const state: Record<number, ParamState> = {};
    for (const [param, s] of this.state) state[index.get(param)!] = copyState(s);
    const paramGroups = this.paramGroups.map(({ params, ...hyper }) => ({ ...structuredClone(hyper), params: params.map((p) => index.get(p)!) }) as SavedParamGroup);
    return { state, paramGroups };
  }

  /**
   * Restore hyper-parameters and state saved by stateDict() from an optimiser of the same kind over
   * parameters of the same shapes, in the same groups. Checks everything before changing anything.
   * The group objects stay the same; their hyper-parameters are overwritten.
   */
  loadStateDict(stateDict: OptimizerStateDict): void {
    const where = `${this.name}.loadStateDict`;
    const saved = stateDict?.paramGroups;
    if (!Array.isArray(saved) || typeof stateDict.state !== "object" || stateDict.state === null) {
      throw new TypeError(`${where}: expected { state, paramGroups } as made by stateDict()`);
    }
    if (saved.length !== this.paramGroups.length) {
      throw new Error(`${where}: the state dict has ${saved.length} parameter groups, this optimiser has ${this.paramGroups.length}`);
    }
    const paramOfIndex = new Map<number, Tensor>();
    const groups = saved.map((savedGroup, gi) => {
      const current = this.paramGroups[gi];
      const { params: indices, ...hyper } = savedGroup;
      if (!Array.isArray(indices) || indices.length !== current.params.length) {
        throw new Error(`${where}: parameter group ${gi} has ${Array.isArray(indices) ? indices.length : "no"} parameters in the state dict and ${current.params.length} in this optimiser`);
      }
      indices.forEach((index, j) => paramOfIndex.set(index, current.params[j]));
      const expectedKeys = Object.keys(current).filter((k) => k !== "params");
      const missing = expectedKeys.filter((k) => !(k in hyper));
      const unknown = Object.keys(hyper).filter((k) => !expectedKeys.includes(k));
      if (missing.length > 0 || unknown.length > 0) {
        const problems = [missing.length ? `missing ${missing.join(", ")}` : "", unknown.length ? `unknown ${unknown.join(", ")}` : ""].filter(Boolean).join("; ");
        throw new Error(`${where}: parameter group ${gi} has the wrong hyper-parameters (${problems}); was it saved from a different optimiser?`);
      }
      const group = { ...structuredClone(hyper), params: current.params } as unknown as ParamGroup<H>;
      this.checkGroup(group);
      return group;
    });
    const state = new Map<Tensor, ParamState>();
    for (const [key, paramState] of Object.entries(stateDict.state)) {
      const param = paramOfIndex.get(Number(key));
      if (!param) throw new Error(`${where}: the state dict has state for parameter ${key}, which no parameter group lists`);
      for (const [name, value] of Object.entries(paramState)) {
        if (value instanceof Tensor && !sameShape(value.shape, param.shape)) {
          throw new ShapeError(`${where}: state '${name}' of parameter ${key} has shape ${fmtShape(value.shape)}, but the parameter has shape ${fmtShape(param.shape)}`);
        }
        if (!(value instanceof Tensor) && typeof value !== "number") {
          throw new TypeError(`${where}: state '${name}' of parameter ${key} is ${typeof value}; expected a Tensor or a number`);
        }
      }
      state.set(param, copyState(paramState, param.dtype));
    }
    // Update the groups in place: schedulers and callers may hold references to them.
    groups.forEach((group, i) => Object.assign(this.paramGroups[i], group));
    this.state.clear();
    for (const [param, s] of state) this.state.set(param, s);
  }
}
