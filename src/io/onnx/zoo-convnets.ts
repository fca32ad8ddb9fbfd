/**
 * ONNX exports of the zoo's convolutional networks whose forward is their own code: ConvClassifier
 * (AlexNet, ZFNet, VGG), ResNet and its residual blocks (the shortcut's Add), GoogLeNet with its
 * Inception modules (the branches' Concat) and BasicConv2d.
 */
import * as models from "../../models/index.js";
import { functional } from "../../nn/index.js";
import { add, concat, flatten } from "../../ops/index.js";
import { chain, exporterFor, type ExportStep, type Value } from "./exporter.js";

/** [N, …] to [N, rest], as the networks flatten before their classifier. */
function flattenBatch(x: Value, { graph, label }: ExportStep): Value {
  return { name: graph.op("Reshape", [x.name, graph.int64s(`${label}/flatten_shape`, [0, -1])], `${label}/flatten`), value: flatten(x.value, 1) };
}

const convClassifier = exporterFor(models.ConvClassifier, (m, x, step) =>
  step.child(m.classifier, flattenBatch(chain([m.features, m.avgpool], x, step), step)));

const resnet = exporterFor(models.ResNet, (m, x, step) => step.child(m.fc, flattenBatch(chain(m.trunk, x, step), step)));

/** relu(residual(x) + shortcut(x)). */
const residualBlock = exporterFor(models.ResidualBlock, (m, x, step) => {
  const residual = chain(m.residualLayers, x, step);
  const shortcut = m.downsample ? step.child(m.downsample, x) : x;
  const sum = { name: step.graph.op("Add", [residual.name, shortcut.name], `${step.label}/add`), value: add(residual.value, shortcut.value) };
  return step.child(m.relu, sum);
});

/** GoogLeNet's logits; the auxiliary classifiers (training only) are not exported. */
const googlenet = exporterFor(models.GoogLeNet, (m, x, step) => chain([m.dropout, m.fc], flattenBatch(chain(m.trunk, x, step), step), step));

const inception = exporterFor(models.Inception, (m, x, step) => {
  const outs = m.branches.map((branch) => step.child(branch, x));
  return { name: step.graph.op("Concat", outs.map((o) => o.name), step.label, { axis: 1 }), value: concat(outs.map((o) => o.value), 1) };
});

const basicConv2d = exporterFor(models.BasicConv2d, (m, x, step) => {
  const normed = chain([m.conv, m.bn], x, step);
  return { name: step.graph.op("Relu", [normed.name], step.label), value: functional.relu(normed.value) };
});

export const convnetExporters = [convClassifier, resnet, residualBlock, googlenet, inception, basicConv2d];
