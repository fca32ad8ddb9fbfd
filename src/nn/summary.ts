/**
 * summary(model, inputShape): a per-layer table of output shapes, parameters and multiply-adds,
 * worked out from shapes (see summary-shapes.ts) so it is instant even for VGG-E at 224×224.
 * summarize() returns the same as data.
 */
import { fmtShape } from "../tensor/index.js";
import type { Module } from "./module.js";
import type { Parameter } from "./parameter.js";
import { formatSummary } from "./summary-format.js";
import { isShapeAware, multiplyAddsOf, traceShape, type ShapeTracer } from "./summary-shapes.js";

/** One layer the input passed through, in the order it was reached. */
export interface SummaryRow {
  /** Dotted path, as in namedModules() and the state dict (`layer1.0.conv1`). */
  name: string;
  /** The class name (`Conv2d`). */
  type: string;
  /** Nesting: 0 for the model's own children, 1 for theirs, … */
  depth: number;
  inputShape: number[];
  outputShape: number[];
  /** True when the layer's sub-layers have rows of their own (its figures then exclude theirs). */
  container: boolean;
  /**
   * Parameters this row accounts for: all of a layer's, a container's own apart from its listed
   * sub-layers'. Each parameter is counted once, at its first use, so the rows add up to the total
   * of the parameters the input reaches (bar any the model holds directly rather than in a layer).
   */
  parameters: number;
  trainableParameters: number;
  /** Multiply-adds of this layer's forward pass over the whole batch (0 for a container itself). */
  multiplyAdds: number;
  /** Why the input does not tile exactly under the layer's window (the layer is flagged), or null. */
  tilingProblem: string | null;
}

export interface ModelSummary {
  /** The model's class name. */
  model: string;
  inputShape: number[];
  outputShape: number[];
  rows: SummaryRow[];
  /** Over every parameter of the model, each once (including any the input never reached). */
  totalParameters: number;
  trainableParameters: number;
  /** The sum of the rows' multiply-adds. */
  multiplyAdds: number;
  /** Bytes held by the parameters' values. */
  parameterBytes: number;
}

export interface SummaryOptions {
  /**
   * Deepest level listed (0 = the model's children only); deeper layers are folded into their
   * ancestor's row, figures and flags included. Default: every level.
   */
  depth?: number;
}

function checkInputShape(inputShape: readonly number[]): void {
  if (!Array.isArray(inputShape) || inputShape.length === 0 || inputShape.some((d) => !Number.isInteger(d) || d < 1)) {
    const got = Array.isArray(inputShape) ? fmtShape(inputShape) : String(inputShape);
    throw new TypeError(`summary: inputShape must list the input's sizes, batch first, all positive integers (e.g. [1, 3, 224, 224]); got ${got}`);
  }
}

/** The rows of one traversal: a tracer records a row per layer it carries a shape through. */
class RowRecorder {
  readonly rows: SummaryRow[] = [];
  readonly #counted = new Set<Parameter>();

  /** Row for module (reached at path `name`, `depth` deep), then its sub-layers'; returns its output shape. */
  visit(module: Module, name: string, depth: number, inputShape: readonly number[]): number[] {
    const row: SummaryRow = {
      name, type: module.constructor.name, depth, inputShape: [...inputShape], outputShape: [],
      container: false, parameters: 0, trainableParameters: 0, multiplyAdds: 0, tilingProblem: null,
    };
    this.rows.push(row);
    const rowsBefore = this.rows.length;
    try {
      row.tilingProblem = (isShapeAware(module) && module.tilingProblem?.(inputShape)) || null;
      row.outputShape = traceShape(module, inputShape, this.#tracer(module, name, depth + 1));
    } catch (err) {
      if (err instanceof Error && !err.message.startsWith("summary:")) {
        err.message = `summary: layer "${name || row.type}" (${row.type}) cannot take an input of shape ${fmtShape(inputShape)}: ${err.message}`;
      }
      throw err;
    }
    row.container = this.rows.length > rowsBefore;
    if (!row.container) row.multiplyAdds = multiplyAddsOf(module, inputShape, row.outputShape);
    // Sub-layers claimed their parameters first; a row counts only those still unclaimed.
    for (const p of module.parameters()) {
      if (this.#counted.has(p)) continue;
      this.#counted.add(p);
      row.parameters += p.size;
      if (p.requiresGrad) row.trainableParameters += p.size;
    }
    return row.outputShape;
  }

  /**
   * Carries shapes through the sub-layers of parent, naming each by its path under parent. A
   * module held under several names (the same layer twice in a Sequential) takes them in turn.
   */
  #tracer(parent: Module, parentName: string, depth: number): ShapeTracer {
    let names: Map<Module, string[]> | null = null;
    const uses = new Map<Module, number>();
    return (child, shape) => {
      if (!names) {
        names = new Map();
        for (const [path, m] of parent.namedChildren()) names.set(m, [...(names.get(m) ?? []), path]);
        for (const [path, m] of parent.namedModules()) if (m !== parent && !names.has(m)) names.set(m, [path]);
      }
      const paths = names.get(child);
      if (!paths) {
        throw new Error(`summary: ${parent.constructor.name} "${parentName}" passed a shape through a ${child.constructor.name} that is not one of its sub-layers`);
      }
      const use = uses.get(child) ?? 0;
      uses.set(child, use + 1);
      const relative = paths[use % paths.length];
      return this.visit(child, parentName ? `${parentName}.${relative}` : relative, depth, shape);
    };
  }
}

/** Fold rows deeper than maxDepth into their ancestor at maxDepth (rows are in depth-first order). */
function foldDeeper(rows: SummaryRow[], maxDepth: number): SummaryRow[] {
  const kept: SummaryRow[] = [];
  let ancestor: SummaryRow | null = null;
  for (const row of rows) {
    if (row.depth <= maxDepth) {
      kept.push({ ...row });
      ancestor = row.depth === maxDepth ? kept[kept.length - 1] : null;
      continue;
    }
    if (!ancestor) continue;
    ancestor.container = false;
    ancestor.parameters += row.parameters;
    ancestor.trainableParameters += row.trainableParameters;
    ancestor.multiplyAdds += row.multiplyAdds;
    if (row.tilingProblem) ancestor.tilingProblem = [ancestor.tilingProblem, `${row.name}: ${row.tilingProblem}`].filter(Boolean).join("; ");
  }
  return kept;
}

/**
 * The per-layer figures of model for an input of inputShape (batch first, e.g. [1, 3, 224, 224]).
 * Shapes come from the layers' shape logic, not from running the network.
 */
export function summarize(model: Module, inputShape: readonly number[], { depth = Infinity }: SummaryOptions = {}): ModelSummary {
  checkInputShape(inputShape);
  if (!(depth >= 0)) throw new RangeError(`summary: depth must be 0 or more, got ${depth}`);
  const recorder = new RowRecorder();
  // The model itself is a row only when it is a single layer; otherwise its sub-layers are the rows.
  const outputShape = recorder.visit(model, "", -1, inputShape);
  const [own, ...below] = recorder.rows;
  const rows = below.length === 0 ? [{ ...own, depth: 0 }] : below;
  const parameters = model.parameters();
  const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
  return {
    model: model.constructor.name,
    inputShape: [...inputShape],
    outputShape,
    rows: Number.isFinite(depth) ? foldDeeper(rows, depth) : rows,
    totalParameters: sum(parameters.map((p) => p.size)),
    trainableParameters: sum(parameters.filter((p) => p.requiresGrad).map((p) => p.size)),
    multiplyAdds: sum(recorder.rows.map((r) => r.multiplyAdds)),
    parameterBytes: sum(parameters.map((p) => p.values.byteLength)),
  };
}

/**
 * A printable per-layer table of model for an input of inputShape (batch first): each layer's
 * dotted name and type, output shape, parameters and multiply-adds, then the totals (parameters,
 * trainable parameters, multiply-adds, parameter memory). Layers whose window does not tile their
 * input exactly are flagged with "!" and their messages listed under the table.
 * `console.log(nn.summary(models.lenet5(), [1, 1, 28, 28]))`
 */
export function summary(model: Module, inputShape: readonly number[], options: SummaryOptions = {}): string {
  return formatSummary(summarize(model, inputShape, options));
}
