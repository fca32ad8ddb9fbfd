/**
 * A page's whole script: TF.js (core, its gradients, its cpu backend — the wasm backend lacks the
 * convolution's filter gradient, so it cannot train LeNet-5), LeNet-5 and one training step (W3);
 * the bench reads when the step ended.
 */
import * as tf from "@tensorflow/tfjs-core";
import "@tensorflow/tfjs-core/dist/register_all_gradients.js";
import "@tensorflow/tfjs-backend-cpu";
import { makeTfjsWorkload } from "../peers/tfjs-workloads.js";
import { stepDone } from "./step-done.js";

tf.env().set("PROD", true);
await tf.setBackend("cpu");
const step = makeTfjsWorkload("W3");
if (typeof step === "string") throw new Error(step);
step.run();
stepDone();
