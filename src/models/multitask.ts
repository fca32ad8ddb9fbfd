/**
 * A multi-task net: one shared trunk, one head per task, and a weighted joint loss
 * Σ_t w_t · L_t(head_t(trunk(x)), y_t) — so every task's gradient shapes the trunk (Caruana 1997;
 * the "one net, several outputs" of the lectures). State-dict names are `trunk.…` and
 * `heads.<task>.…`, as a PyTorch module holding an nn.ModuleDict of heads has them.
 */
import { Module } from "../nn/index.js";
import { crossEntropy } from "../nn/functional/index.js";
import type { Tensor } from "../tensor/index.js";

export interface Task {
  head: Module;
  /** The task's weight in the joint loss (default 1). */
  weight?: number;
  /** The task's loss of (head output, target) (default: cross-entropy with class-index targets). */
  loss?: (output: Tensor, target: Tensor) => Tensor;
}

/** The heads by task name, as named children (PyTorch's nn.ModuleDict); run them through MultiTask. */
export class TaskHeads extends Module {
  constructor(heads: Record<string, Module>) {
    super();
    for (const [name, head] of Object.entries(heads)) {
      if (!/^[A-Za-z_]\w*$/.test(name) || name in this) throw new TypeError(`MultiTask: task name "${name}" must be an identifier that is not a Module property (such as "digit" or "rotation")`);
      if (!(head instanceof Module)) throw new TypeError(`MultiTask: the head of task "${name}" is not an nn.Module`);
      Object.defineProperty(this, name, { value: head, enumerable: true });
    }
  }

  forward(): Tensor {
    throw new TypeError("TaskHeads: the heads take the trunk's features; call the MultiTask's forward or forwardAll");
  }
}

export class MultiTask extends Module {
  readonly heads: TaskHeads;
  /** Task names in the order given; the first is the one forward() returns. */
  readonly tasks: readonly string[];
  readonly #weights: Record<string, number>;
  readonly #losses: Record<string, NonNullable<Task["loss"]>>;

  constructor(readonly trunk: Module, tasks: Record<string, Task>) {
    super();
    const entries = Object.entries(tasks);
    if (entries.length === 0) throw new RangeError("MultiTask: give at least one task, got none");
    if (!(trunk instanceof Module)) throw new TypeError("MultiTask: the trunk is not an nn.Module");
    for (const [name, { weight = 1 }] of entries) {
      if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`MultiTask: the weight of task "${name}" must be a finite number ≥ 0, got ${weight}`);
    }
    this.heads = new TaskHeads(Object.fromEntries(entries.map(([name, t]) => [name, t.head])));
    this.tasks = entries.map(([name]) => name);
    this.#weights = Object.fromEntries(entries.map(([name, t]) => [name, t.weight ?? 1]));
    this.#losses = Object.fromEntries(entries.map(([name, t]) => [name, t.loss ?? ((out, y) => crossEntropy(out, y))]));
  }

  /** The head of the task called name. */
  head(name: string): Module {
    if (!this.tasks.includes(name)) throw new RangeError(`MultiTask: no task "${name}"; the tasks are ${this.tasks.join(", ")}`);
    return (this.heads as unknown as Record<string, Module>)[name];
  }

  /** Every head's output, from one pass through the trunk. */
  forwardAll(x: Tensor): Record<string, Tensor> {
    const features = this.trunk.forward(x);
    return Object.fromEntries(this.tasks.map((name) => [name, this.head(name).forward(features)]));
  }

  /** The first task's output (the others: forwardAll), so the net also serves as that task's model. */
  forward(x: Tensor): Tensor {
    return this.forwardAll(x)[this.tasks[0]];
  }

  /** Each task's loss, and the joint loss Σ weight · loss that training minimises. */
  jointLoss(outputs: Record<string, Tensor>, targets: Record<string, Tensor>): { total: Tensor; losses: Record<string, Tensor> } {
    const losses: Record<string, Tensor> = {};
    let total: Tensor | undefined;
    for (const name of this.tasks) {
      if (!outputs[name] || !targets[name]) throw new TypeError(`MultiTask.jointLoss: task "${name}" needs an output and a target; got outputs for ${Object.keys(outputs).join(", ") || "none"} and targets for ${Object.keys(targets).join(", ") || "none"}`);
      losses[name] = this.#losses[name](outputs[name], targets[name]);
      const weighted = losses[name].mul(this.#weights[name]);
      total = total ? total.add(weighted) : weighted;
    }
    return { total: total!, losses };
  }
}
