/** Whether ops record the graph. Off inside noGrad(); on by default. */
import { withSetting } from "./scoped.js";

let gradEnabled = true;

/** Whether ops record the graph right now. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

const gradMode = { get: isGradEnabled, set: setGradEnabled };

function withMode<T>(enabled: boolean, fn: () => T): T {
  return withSetting(gradMode, enabled, fn, "noGrad/enableGrad take a synchronous function; await inside it would leak the mode to other code");
}

/** Run fn without recording a graph (evaluation, parameter updates). */
export function noGrad<T>(fn: () => T): T {
  return withMode(false, fn);
}

/** Run fn with recording on, even inside noGrad. */
export function enableGrad<T>(fn: () => T): T {
  return withMode(true, fn);
}

/** Turn recording on or off until called again; prefer noGrad(fn) where a scope fits. */
export function setGradEnabled(enabled: boolean): void {
  gradEnabled = enabled;
}
