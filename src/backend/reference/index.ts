/** The reference backend: plain TypeScript over typed arrays. Runs anywhere; the oracle in tests. */
import type { KernelMap } from "../kernels.js";
import type { Backend } from "../registry.js";
import { batchNormBackward, batchNormForward } from "./batchnorm.js";
import { conv, convGradInput, convGradWeight, fold, unfold } from "./conv.js";
import { binary, cast, clamp, unary, where } from "./elementwise.js";
import { gather, indexAdd, indexSelect, scatterAdd } from "./indexing.js";
import { broadcastTo, concat, permute, slice, sliceGrad } from "./layout.js";
import { lstmCell, lstmCellBackward } from "./lstm.js";
import { matmul } from "./matmul.js";
import { adamStep, sgdStep } from "./optimizer.js";
import { poolMax, poolSample, poolSum, poolSumGrad, unpool, unpoolGrad } from "./pool.js";
import { argReduce, reduce } from "./reduce.js";
import { logSoftmax, softmax } from "./softmax.js";

/** Complete by type: every kernel of the contract has its oracle here. */
export const referenceBackend: Backend & { kernels: KernelMap } = {
  name: "reference",
  kernels: {
    cast, unary, binary, clamp, where, reduce, argReduce, matmul, permute, broadcastTo, slice, sliceGrad,
    concat, gather, scatterAdd, indexSelect, indexAdd, softmax, logSoftmax,
    batchNormForward, batchNormBackward,
    conv, convGradInput, convGradWeight, unfold, fold,
    poolMax, poolSample, poolSum, poolSumGrad, unpool, unpoolGrad,
    lstmCell, lstmCellBackward,
    sgdStep, adamStep,
  },
};
