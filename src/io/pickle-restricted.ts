/**
 * A restricted unpickler: reads Python pickles (protocols 2 to 5) built from plain data — None,
 * booleans, integers, floats, strings, bytes, tuples, lists and dicts — and from the globals an
 * allow-list names, and nothing else. This is the rule of torch.load(weights_only=True): a pickle
 * can name any Python callable (os.system, builtins.eval) and ask for it to be called, so every
 * GLOBAL and STACK_GLOBAL outside the list is refused by name, only allowed functions are called
 * (REDUCE), BUILD is allowed only where the caller says so, and object-creating opcodes (NEWOBJ,
 * INST, OBJ) are refused. No code from the file ever runs: calling an allowed global calls the
 * TypeScript function the list maps it to.
 *
 * Memory is bounded by the pickle's length: each opcode reads bytes that are there (a length
 * field is checked against what is left) and pushes at most one value.
 */

/** A global the allow-list permits: its "module.name" and what it stands for here. */
export class PickleGlobal {
  constructor(
    readonly name: string,
    readonly value: unknown,
  ) {}
}

export interface UnpickleRules {
  /** The permitted globals by "module.name"; a function value may be called by REDUCE with the pickled arguments. */
  allowed: ReadonlyMap<string, unknown>;
  /** What a persistent id (BINPERSID) stands for. */
  persistentLoad(pid: unknown): unknown;
  /** Whether BUILD (setting an object's state) may run on this object; the state is then ignored. */
  mayBuild(target: unknown): boolean;
  fail(detail: string): never;
}

const MARK = Symbol("mark");
const decoder = new TextDecoder("utf-8", { fatal: false });

/** Python's name for a value, for errors. */
export function describePickled(value: unknown): string {
  if (value instanceof PickleGlobal) return value.name;
  if (value === null) return "None";
  if (Array.isArray(value)) return Object.isFrozen(value) ? `a tuple of ${value.length}` : `a list of ${value.length}`;
  if (value instanceof Map) return `a dict of ${value.size}`;
  if (value instanceof Uint8Array) return `${value.length} bytes`;
  return typeof value === "object" ? (value?.constructor?.name ?? "an object") : JSON.stringify(value);
}

export function unpickle(bytes: Uint8Array, rules: UnpickleRules): unknown {
  const fail: (detail: string) => never = rules.fail;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: unknown[] = [];
  const marks: number[] = [];
  const memo = new Map<number, unknown>();
  let at = 0;

  const take = (n: number): number => {
    if (n > bytes.length - at) fail(`the pickle ends inside an opcode at byte ${at} (${n} bytes needed, ${bytes.length - at} left)`);
    const start = at;
    at += n;
    return start;
  };
  const pop = (): unknown => (stack.length > (marks.at(-1) ?? 0) ? stack.pop() : fail(`an opcode before byte ${at} pops from an empty stack`));
  const top = (): unknown => (stack.length > (marks.at(-1) ?? 0) ? stack[stack.length - 1] : fail(`an opcode before byte ${at} needs a value on the stack`));
  const popMark = (): unknown[] => stack.splice(marks.pop() ?? fail(`an opcode before byte ${at} needs a MARK that is not there`));
  const text = (n: number): string => decoder.decode(bytes.subarray(take(n), at));
  const line = (): string => {
    const end = bytes.indexOf(0x0a, at);
    if (end < 0) fail(`a GLOBAL at byte ${at} has no end of line`);
    return text(end - at + 1).slice(0, -1);
  };
  const global = (module: string, name: string): PickleGlobal => {
    const full = `${module}.${name}`;
    if (!rules.allowed.has(full)) fail(`its pickle names the global ${full}, which is not allowed: only tensors and containers load (the rules of torch.load(weights_only=True)), and nothing in the file is run`);
    return new PickleGlobal(full, rules.allowed.get(full));
  };
  const key = (k: unknown): unknown => (k === null || typeof k !== "object" ? k : fail(`a dict key is ${describePickled(k)}; only strings, numbers and None are read as keys`));
  const setItems = (target: unknown, items: unknown[]): void => {
    if (!(target instanceof Map)) fail(`SETITEM on ${describePickled(target)}, which is not a dict`);
    if (items.length % 2 !== 0) fail(`SETITEMS with an odd number (${items.length}) of keys and values`);
    for (let i = 0; i < items.length; i += 2) target.set(key(items[i]), items[i + 1]);
  };
  const append = (target: unknown, items: unknown[]): void => {
    if (!Array.isArray(target) || Object.isFrozen(target)) fail(`APPEND on ${describePickled(target)}, which is not a list`);
    for (const item of items) target.push(item);
  };
  const integer = (value: bigint): number => (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : fail(`the integer ${value} is too large`));
  const tuple = (items: unknown[]): unknown[] => Object.freeze(items) as unknown[];

  for (;;) {
    const opcode = bytes[take(1)];
    switch (opcode) {
      case 0x80: take(1); break; // PROTO
      case 0x95: take(8); break; // FRAME: a length hint
      case 0x2e: return stack.length === 1 && marks.length === 0 ? stack[0] : fail(`STOP with ${stack.length} values on the stack; expected one`);
      case 0x28: marks.push(stack.length); break; // MARK
      case 0x31: popMark(); break; // POP_MARK
      case 0x30: pop(); break; // POP
      case 0x7d: stack.push(new Map()); break; // EMPTY_DICT
      case 0x5d: stack.push([]); break; // EMPTY_LIST
      case 0x29: stack.push(tuple([])); break; // EMPTY_TUPLE
      case 0x74: stack.push(tuple(popMark())); break; // TUPLE
      case 0x85: stack.push(tuple([pop()])); break; // TUPLE1
      case 0x86: { const b = pop(); stack.push(tuple([pop(), b])); break; } // TUPLE2
      case 0x87: { const c = pop(); const b = pop(); stack.push(tuple([pop(), b, c])); break; } // TUPLE3
      case 0x6c: stack.push(popMark()); break; // LIST
      case 0x64: { const d = new Map(); setItems(d, popMark()); stack.push(d); break; } // DICT
      case 0x61: { const item = pop(); append(top(), [item]); break; } // APPEND
      case 0x65: { const items = popMark(); append(top(), items); break; } // APPENDS
      case 0x73: { const value = pop(); const k = pop(); setItems(top(), [k, value]); break; } // SETITEM
      case 0x75: { const items = popMark(); setItems(top(), items); break; } // SETITEMS
      case 0x4e: stack.push(null); break; // NONE
      case 0x88: stack.push(true); break; // NEWTRUE
      case 0x89: stack.push(false); break; // NEWFALSE
      case 0x4b: stack.push(bytes[take(1)]); break; // BININT1
      case 0x4d: stack.push(view.getUint16(take(2), true)); break; // BININT2
      case 0x4a: stack.push(view.getInt32(take(4), true)); break; // BININT
      case 0x8a: { // LONG1: little-endian two's complement
        const n = bytes[take(1)];
        if (n > 8) fail(`a LONG1 of ${n} bytes at byte ${at}; integers past 64 bits are not read`);
        let value = 0n;
        for (let i = n - 1, start = take(n); i >= 0; i--) value = (value << 8n) | BigInt(bytes[start + i]);
        if (n > 0 && bytes[at - 1] & 0x80) value -= 1n << BigInt(8 * n);
        stack.push(integer(value));
        break;
      }
      case 0x47: stack.push(view.getFloat64(take(8), false)); break; // BINFLOAT (big-endian)
      case 0x8c: stack.push(text(bytes[take(1)])); break; // SHORT_BINUNICODE
      case 0x58: stack.push(text(view.getUint32(take(4), true))); break; // BINUNICODE
      case 0x8d: stack.push(text(integer(view.getBigUint64(take(8), true)))); break; // BINUNICODE8
      case 0x43: { const n = bytes[take(1)]; stack.push(bytes.slice(take(n), at)); break; } // SHORT_BINBYTES
      case 0x42: { const n = view.getUint32(take(4), true); stack.push(bytes.slice(take(n), at)); break; } // BINBYTES
      case 0x71: memo.set(bytes[take(1)], top()); break; // BINPUT
      case 0x72: memo.set(view.getUint32(take(4), true), top()); break; // LONG_BINPUT
      case 0x94: memo.set(memo.size, top()); break; // MEMOIZE
      case 0x68: case 0x6a: { // BINGET, LONG_BINGET
        const index = opcode === 0x68 ? bytes[take(1)] : view.getUint32(take(4), true);
        stack.push(memo.has(index) ? memo.get(index) : fail(`BINGET of memo entry ${index}, which was never stored`));
        break;
      }
      case 0x63: { const module = line(); stack.push(global(module, line())); break; } // GLOBAL
      case 0x93: { // STACK_GLOBAL
        const name = pop();
        const module = pop();
        if (typeof module !== "string" || typeof name !== "string") fail(`STACK_GLOBAL needs two strings, got ${describePickled(module)} and ${describePickled(name)}`);
        stack.push(global(module, name));
        break;
      }
      case 0x52: { // REDUCE: call an allowed function with a tuple of arguments
        const args = pop();
        const callee = pop();
        if (!(callee instanceof PickleGlobal) || typeof callee.value !== "function") fail(`REDUCE calls ${describePickled(callee)}, which is not an allowed function`);
        if (!Array.isArray(args)) fail(`REDUCE calls ${callee.name} with ${describePickled(args)} instead of a tuple of arguments`);
        stack.push((callee.value as (args: unknown[]) => unknown)(args));
        break;
      }
      case 0x62: { // BUILD
        pop();
        const target = top();
        if (!rules.mayBuild(target)) fail(`BUILD sets the state of ${describePickled(target)}, which is not allowed`);
        break;
      }
      case 0x51: stack.push(rules.persistentLoad(pop())); break; // BINPERSID
      case 0x81: case 0x92: { // NEWOBJ, NEWOBJ_EX
        if (opcode === 0x92) pop();
        pop();
        fail(`${opcode === 0x81 ? "NEWOBJ" : "NEWOBJ_EX"} creates an object of ${describePickled(pop())}, which is not allowed`);
        break;
      }
      case 0x69: fail(`INST creates an object of ${line()}.${line()}, which is not allowed`); break;
      case 0x6f: fail(`OBJ creates an object of ${describePickled(popMark()[0])}, which is not allowed`); break;
      default: fail(`opcode 0x${opcode.toString(16).padStart(2, "0")} at byte ${at - 1} is not one this reader interprets (it reads the opcodes torch.save writes)`);
    }
  }
}
