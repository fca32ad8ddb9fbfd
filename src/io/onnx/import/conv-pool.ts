/** Importers of Conv and of max, average and global pooling. */
import { avgPool, conv, max, maxPool, mean, pad } from "../../../ops/index.js";
import type { Importer } from "./importer.js";
import { asFloatTensor } from "./values.js";
import { padPairs, readWindow, symmetric } from "./window.js";

/** Conv: dilated, grouped, strided, 1-, 2- or 3-d; uneven pads go through an explicit zero pad first. */
const convImporter: Importer = (node) => {
  const a = node.attributes;
  const group = a.int("group", 1);
  // kernel_shape is optional (the weight has it); without it or any other per-dimension attribute, the window is the default one
  const dims = a.ints("kernel_shape").length || a.ints("strides").length || a.ints("dilations").length || a.ints("pads").length / 2;
  const fixed = readWindow(node, dims);
  return ([x, w, b]) => {
    const weight = asFloatTensor(w!);
    const window = dims ? fixed : readWindow(node, weight.ndim - 2);
    const even = symmetric(window);
    const input = even ? asFloatTensor(x!) : pad(asFloatTensor(x!), padPairs(window));
    const options = { stride: window.strides, dilation: window.dilations, groups: group, padding: even ? window.before : 0 };
    return [conv(input, weight, b ? asFloatTensor(b) : null, options)];
  };
};

/** MaxPool and AveragePool: ONNX's stride defaults to 1 and AveragePool's count_include_pad to 0, unlike PyTorch's. */
function windowPool(kind: "max" | "average"): Importer {
  return (node) => {
    const a = node.attributes;
    const kernel = [...a.ints("kernel_shape")];
    if (kernel.length === 0) throw node.error("it has no kernel_shape");
    const window = readWindow(node, kernel.length);
    if (!symmetric(window)) throw a.refuse("pads", [...window.before, ...window.after], "pooling pads must be the same before and after each dimension");
    const ceilMode = a.int("ceil_mode", 0) === 1;
    const common = { stride: window.strides, padding: window.before, ceilMode };
    if (kind === "max") {
      if (a.int("storage_order", 0) !== 0) throw a.refuse("storage_order", 1, "only row-major (0) is");
      if (node.outputs.length > 1 && node.outputs[1] !== "") throw node.error("its Indices output is used; loadOnnx imports MaxPool only for its values");
      return ([x]) => [maxPool(asFloatTensor(x!), kernel, { ...common, dilation: window.dilations })];
    }
    if (window.dilations.some((d) => d !== 1)) throw a.refuse("dilations", window.dilations, "AveragePool is imported without dilation");
    const countIncludePad = a.int("count_include_pad", 0) === 1;
    return ([x]) => [avgPool(asFloatTensor(x!), kernel, { ...common, countIncludePad })];
  };
}

/** GlobalAveragePool and GlobalMaxPool: one value per channel, the spatial dimensions kept as 1s. */
function globalPool(reduce: typeof mean): Importer {
  return () => ([x]) => {
    const t = asFloatTensor(x!);
    return [reduce(t, t.shape.slice(2).map((_, i) => i + 2), true)];
  };
}

export const convPoolImporters: Record<string, Importer> = {
  Conv: convImporter,
  MaxPool: windowPool("max"),
  AveragePool: windowPool("average"),
  GlobalAveragePool: globalPool(mean),
  GlobalMaxPool: globalPool(max),
};
