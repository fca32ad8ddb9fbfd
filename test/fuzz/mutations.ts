/**
 * Damage done to a valid file, as fast-check arbitraries: the ways real files go wrong (cut short,
 * bytes flipped, header numbers overwritten, garbage appended) rather than only random bytes, which
 * a reader rejects at its first check.
 */
import fc from "fast-check";

export type Mutation =
  | { kind: "truncate"; at: number }
  | { kind: "flip"; at: number; bits: number }
  | { kind: "overwrite32"; at: number; value: number }
  | { kind: "append"; bytes: Uint8Array };

/** 1–3 mutations; positions are fractions of the file's length, so they fit any file. */
export function mutations(): fc.Arbitrary<Mutation[]> {
  const at = fc.double({ min: 0, max: 1, noNaN: true });
  const mutation: fc.Arbitrary<Mutation> = fc.oneof(
    fc.record({ kind: fc.constant("truncate" as const), at }),
    fc.record({ kind: fc.constant("flip" as const), at, bits: fc.integer({ min: 1, max: 255 }) }),
    fc.record({ kind: fc.constant("overwrite32" as const), at, value: fc.oneof(fc.constantFrom(0, 1, 0x7fffffff, 0xffffffff, 0x80000000), fc.nat()) }),
    fc.record({ kind: fc.constant("append" as const), bytes: fc.uint8Array({ maxLength: 64 }) }),
  ) as fc.Arbitrary<Mutation>;
  return fc.array(mutation, { minLength: 1, maxLength: 3 });
}

/** The file after the mutations, applied in order. */
export function mutate(file: Uint8Array, list: readonly Mutation[]): Uint8Array {
  let bytes = Uint8Array.from(file);
  for (const m of list) {
    const position = (f: number) => Math.min(bytes.length - 1, Math.floor(f * bytes.length));
    if (m.kind === "truncate") bytes = bytes.slice(0, Math.floor(m.at * bytes.length));
    else if (bytes.length > 0 && m.kind === "flip") bytes[position(m.at)] ^= m.bits;
    else if (bytes.length >= 4 && m.kind === "overwrite32") new DataView(bytes.buffer).setUint32(Math.min(bytes.length - 4, position(m.at)), m.value >>> 0, m.at < 0.5);
    else if (m.kind === "append") bytes = Uint8Array.from([...bytes, ...m.bytes]);
  }
  return bytes;
}

/** How many cases each property tries: a CI-sized default, more under `npm run test:fuzz`. */
export const RUNS = Number(process.env.STRATA_FUZZ_RUNS ?? 150);
