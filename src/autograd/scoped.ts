/** A setting changed for the duration of a synchronous function: the scope behind noGrad and withReluGradient. */

/**
 * Run fn with `setting` set to value, the previous value restored after, even if fn throws. fn must
 * be synchronous (code after an await inside it would still see the setting), so a returned Promise
 * is refused with the TypeError `asyncRefusal`.
 */
export function withSetting<V, T>(setting: { get(): V; set(value: V): void }, value: V, fn: () => T, asyncRefusal: string): T {
  const previous = setting.get();
  setting.set(value);
  try {
    const out = fn();
    if (out instanceof Promise) throw new TypeError(asyncRefusal);
    return out;
  } finally {
    setting.set(previous);
  }
}
