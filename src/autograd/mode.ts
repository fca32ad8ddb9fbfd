/** Whether ops record the graph. Off inside noGrad(); on by default. */
let gradEnabled = true;

/** Whether ops record the graph right now. */
export function isGradEnabled(): boolean {
  return gradEnabled;
}

function withMode<T>(enabled: boolean, fn: () => T): T {
  const previous = gradEnabled;
  gradEnabled = enabled;
  try {
    const out = fn();
    if (out instanceof Promise) {
      throw new TypeError("noGrad/enableGrad take a synchronous function; await inside it would leak the mode to other code");
    }
    return out;
  } finally {
    gradEnabled = previous;
  }
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
