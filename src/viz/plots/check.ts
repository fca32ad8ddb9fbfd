/** Argument checks shared by the plots, each naming the function, the argument and what was expected. */
import type { ChartSize } from "./svg.js";
import { DEFAULT_SIZE } from "./theme.js";

/** Options every chart takes. */
export interface ChartOptions {
  title?: string;
  /** Pixels (default 640). */
  width?: number;
  /** Pixels (default 400). */
  height?: number;
}

/** The chart's size: the options' width and height, or the defaults. */
export function resolveSize(fn: string, options: ChartOptions, defaults: ChartSize = DEFAULT_SIZE): ChartSize {
  const width = options.width ?? defaults.width;
  const height = options.height ?? defaults.height;
  for (const [name, value] of [["width", width], ["height", height]] as const) {
    if (!Number.isFinite(value) || value <= 0) throw new RangeError(`${fn}: options.${name} must be a positive number of pixels, got ${value}`);
  }
  return { width, height };
}

export function checkFinite(fn: string, what: string, value: number): void {
  if (!Number.isFinite(value)) throw new RangeError(`${fn}: ${what} is ${value}; expected a finite number`);
}

export function checkNonEmpty(fn: string, what: string, length: number): void {
  if (length === 0) throw new RangeError(`${fn}: ${what} is empty; there is nothing to plot`);
}

/** Optional class names must name every class. */
export function checkClassNames(fn: string, classNames: readonly string[] | undefined, classCount: number): void {
  if (classNames && classNames.length < classCount) {
    throw new RangeError(`${fn}: options.classNames has ${classNames.length} names for ${classCount} classes; give one name per class`);
  }
}
