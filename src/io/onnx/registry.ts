/** Which exporter handles a module: the one registered for its class or the nearest ancestor with the same forward. */
import { Module } from "../../nn/index.js";
import { activationExporters } from "./activations.js";
import { convExporters } from "./conv.js";
import type { Exporter } from "./exporter.js";
import { layerExporters } from "./layers.js";
import { normExporters } from "./norm.js";
import { poolExporters } from "./pool.js";
import { recurrentExporters } from "./recurrent.js";
import { convnetExporters } from "./zoo-convnets.js";
import { recurrentLMExporters } from "./zoo-recurrent.js";

const byType = new Map<unknown, Exporter<Module>>(
  [...layerExporters, ...activationExporters, ...convExporters, ...poolExporters, ...normExporters, ...recurrentExporters, ...convnetExporters, ...recurrentLMExporters]
    .map(({ type, exporter }) => [type, exporter]),
);

/**
 * The exporter for module. A subclass inherits its ancestor's exporter only while it inherits
 * that ancestor's forward (Conv2d from ConvNd, VGG from ConvClassifier): a forward of its own
 * computes something the ancestor's export would not describe.
 */
export function exporterOf(module: Module, path: string): Exporter<Module> {
  const forward = Object.getPrototypeOf(module).forward;
  for (let proto = Object.getPrototypeOf(module); proto && proto !== Module.prototype; proto = Object.getPrototypeOf(proto)) {
    const exporter = byType.get(proto.constructor);
    if (exporter && proto.forward === forward) return exporter;
    if (exporter) {
      throw new Error(`exportOnnx: no ONNX export for ${module.constructor.name} at ${path || "the top level"}: it overrides the forward of ${proto.constructor.name}, whose export would not describe it`);
    }
  }
  throw new Error(`exportOnnx: no ONNX export for ${module.constructor.name} at ${path || "the top level"}; replace it with supported layers (conv, pooling, batch norm, LRN, linear, activations, embedding, RNN/LSTM/GRU, …) or leave it out of the exported model`);
}
