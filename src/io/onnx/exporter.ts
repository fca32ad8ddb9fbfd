/** The contract of a module's ONNX exporter, and the step it is handed. */
import type { Module } from "../../nn/index.js";
import type { Tensor } from "../../tensor/index.js";
import type { OnnxGraph } from "./graph.js";

/** A value of the graph: its ONNX name, and what Strata computes for it on the sample input. */
export interface Value {
  name: string;
  value: Tensor;
}

/** What an exporter works with: the graph, where the module sits, and a way to export its children. */
export interface ExportStep {
  graph: OnnxGraph;
  /** The module's dotted path in the model ("" for the model itself), e.g. `layer1.0.conv1`. */
  path: string;
  /** A name for this module's values and weights: its path, or "model" at the top. */
  label: string;
  /** Export a child of this module (found among its namedChildren) applied to input. */
  child(child: Module, input: Value): Value;
}

/**
 * Adds a module's nodes to the graph for input x. A leaf returns its output's name (export then
 * runs the module's forward for the value); a container returns the Value its children produced.
 */
export type Exporter<M extends Module> = (module: M, x: Value, step: ExportStep) => string | Value;

/** A module class (abstract ones included) with the exporter for it and its subclasses. */
export interface ExporterEntry {
  type: abstract new (...args: never[]) => Module;
  exporter: Exporter<Module>;
}

/** An entry for the registry, typed by the module class. */
export function exporterFor<M extends Module>(type: abstract new (...args: never[]) => M, exporter: Exporter<M>): ExporterEntry {
  return { type, exporter: exporter as Exporter<Module> };
}

/** The layers in order, each a child of the module being exported, from x. */
export function chain(layers: readonly Module[], x: Value, step: ExportStep): Value {
  return layers.reduce((h, layer) => step.child(layer, h), x);
}
