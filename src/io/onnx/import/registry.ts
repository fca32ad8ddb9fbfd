/** Which importer handles an ONNX op type, and the list of those that have one. */
import { constantImporters } from "./constants.js";
import { convPoolImporters } from "./conv-pool.js";
import { elementwiseImporters } from "./elementwise.js";
import type { Importer } from "./importer.js";
import { linearNormImporters } from "./linear-norm.js";
import { recurrentImporters } from "./recurrent.js";
import { reduceImporters } from "./reduce.js";
import { resizeImporters } from "./resize.js";
import { reshapeImporters } from "./reshape.js";
import { selectJoinImporters } from "./select-join.js";

const byOpType = new Map<string, Importer>(
  Object.entries({
    ...elementwiseImporters,
    ...convPoolImporters,
    ...linearNormImporters,
    ...constantImporters,
    ...reshapeImporters,
    ...selectJoinImporters,
    ...recurrentImporters,
    ...resizeImporters,
    ...reduceImporters,
  }),
);

/** The op types loadOnnx imports, sorted. */
export const supportedOnnxOps: readonly string[] = [...byOpType.keys()].sort();

export function importerOf(opType: string): Importer | undefined {
  return byOpType.get(opType);
}
