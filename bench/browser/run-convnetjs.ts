/** Browser bench job: the workloads on ConvNetJS (its build/convnet.js, the file its browser demos load), one thread. */
import { runConvnetjs } from "../peers/convnetjs.js";
import { keysOf, runJob } from "./job.js";

runJob((params, timing) => runConvnetjs(keysOf(params), timing));
