/** A page's whole script: Strata, LeNet-5 and one training step (W3) on its main thread; the bench reads when the step ended. */
import { makeStrataWorkload } from "../workloads.js";
import { stepDone } from "./step-done.js";

makeStrataWorkload("W3").run();
stepDone();
