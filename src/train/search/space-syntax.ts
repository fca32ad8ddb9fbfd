/**
 * The text form of a search space, for command lines and files:
 *   lr=log(0.005, 0.2); weight-decay=choice(0, log(1e-5, 1e-3)); batch-size=choice(32, 64, 128); dropout=uniform(0, 0.3); momentum=0.9
 * Entries are separated by ";" or new lines; names may be kebab-case (weight-decay) or camelCase
 * (weightDecay); a bare value is a constant. Functions: log (log-uniform), uniform, int (integer
 * uniform, both ends included) and choice. "#" starts a comment to the end of the line.
 */
import { choice, intUniform, logUniform, uniform, type Param, type SearchSpace } from "./space.js";

const TOKEN = /\s*(?:([A-Za-z_][\w-]*)|([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)|([=(),]))/y;
const FUNCTIONS: Record<string, (args: Param[]) => Param> = {
  log: (args) => logUniform(...numbers("log", args, 2)),
  uniform: (args) => uniform(...numbers("uniform", args, 2)),
  int: (args) => intUniform(...numbers("int", args, 2)),
  choice: (args) => choice(args),
};

function numbers(fn: string, args: Param[], count: 2): [number, number] {
  if (args.length !== count || args.some((a) => typeof a !== "number")) throw new SyntaxError(`${fn}(…) takes ${count} numbers, got (${args.map(String).join(", ")})`);
  return args as [number, number];
}

/** `weight-decay` → `weightDecay`. */
const camel = (name: string) => name.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

type Token = { text: string; kind: "word" | "number" | "punct" };

function tokenize(entry: string): Token[] {
  const tokens: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < entry.length) {
    const at = TOKEN.lastIndex;
    if (/^\s*$/.test(entry.slice(at))) break;
    const m = TOKEN.exec(entry);
    if (!m) throw new SyntaxError(`unexpected "${entry.slice(at).trim()}"`);
    tokens.push(m[1] ? { text: m[1], kind: "word" } : m[2] ? { text: m[2], kind: "number" } : { text: m[3], kind: "punct" });
  }
  return tokens;
}

/** One value: a number, a word (true/false are booleans), or a function of values. */
function parseValue(tokens: Token[], at: { i: number }): Param {
  const token = tokens[at.i++];
  if (!token) throw new SyntaxError("a value is missing");
  if (token.kind === "number") return Number(token.text);
  if (token.kind !== "word") throw new SyntaxError(`expected a value, got "${token.text}"`);
  if (tokens[at.i]?.text !== "(") return token.text === "true" ? true : token.text === "false" ? false : token.text;
  const fn = FUNCTIONS[token.text];
  if (!fn) throw new SyntaxError(`unknown function ${token.text}(…); expected ${Object.keys(FUNCTIONS).join(", ")}`);
  at.i++;
  const args: Param[] = [];
  while (tokens[at.i]?.text !== ")") {
    if (args.length > 0 && tokens[at.i++]?.text !== ",") throw new SyntaxError(`${token.text}(…): expected "," or ")"`);
    args.push(parseValue(tokens, at));
  }
  at.i++;
  try {
    return fn(args);
  } catch (error) {
    throw new SyntaxError((error as Error).message);
  }
}

/** The space a text declares. A mistake throws a SyntaxError naming the entry. */
export function parseSpace(text: string): SearchSpace {
  const space: SearchSpace = {};
  const entries = text
    .split("\n")
    .map((line) => line.replace(/#.*/, ""))
    .flatMap((line) => line.split(";"))
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    try {
      const tokens = tokenize(entry);
      if (tokens[0]?.kind !== "word" || tokens[1]?.text !== "=") throw new SyntaxError('expected name=value, e.g. "lr=log(0.001, 0.1)"');
      const at = { i: 2 };
      const value = parseValue(tokens, at);
      if (at.i < tokens.length) throw new SyntaxError(`unexpected "${tokens.slice(at.i).map((t) => t.text).join("")}" after the value`);
      space[camel(tokens[0].text)] = value;
    } catch (error) {
      throw new SyntaxError(`"${entry}": ${(error as Error).message}`);
    }
  }
  return space;
}
