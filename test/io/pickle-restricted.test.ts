import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { unpickle, type UnpickleRules } from "../../src/io/pickle-restricted.js";

const hex = (text: string) => Uint8Array.from(text.match(/../g)!, (b) => parseInt(b, 16));
const ascii = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0));

const rules: UnpickleRules = {
  allowed: new Map<string, unknown>([
    ["collections.OrderedDict", () => new Map()],
    ["torch.FloatStorage", { storage: "float" }],
  ]),
  persistentLoad: (pid) => ({ pid }),
  mayBuild: (target) => target instanceof Map,
  fail: (detail) => {
    throw new Error(detail);
  },
};

describe("restricted unpickler", () => {
  it("reads plain data: dicts, lists, tuples, ints (LONG1 too), floats, None, bools, strings, bytes", () => {
    // pickle.dumps({'a': [1, 2.5, None, True, 'é', b'x', (1, 2)], -3: 2**40, 'big': -2**40}, protocol=4)
    const value = unpickle(hex("80049544000000000000007d94288c0161945d94284b014740040000000000004e888c02c3a994430178944b014b028694654afdffffff8a060000000000018c03626967948a060000000000ff752e"), rules);
    assert.deepEqual(value, new Map<unknown, unknown>([["a", [1, 2.5, null, true, "é", Uint8Array.from([0x78]), [1, 2]]], [-3, 2 ** 40], ["big", -(2 ** 40)]]));
  });

  it("calls only allowed functions, and BUILD only where allowed", () => {
    assert.ok(unpickle(ascii("ccollections\nOrderedDict\n)R}b."), rules) instanceof Map);
    assert.throws(() => unpickle(ascii("ctorch\nFloatStorage\n)R."), rules), /REDUCE calls torch\.FloatStorage, which is not an allowed function/);
    assert.throws(() => unpickle(ascii("]}b."), rules), /BUILD sets the state of a list of 0, which is not allowed/);
  });

  it("refuses every other global by name, and every object-creating opcode", () => {
    assert.throws(() => unpickle(ascii("cos\nsystem\n(X\x02\x00\x00\x00lstR."), rules), /names the global os\.system, which is not allowed/);
    assert.throws(() => unpickle(ascii("\x80\x04\x8c\x08builtins\x8c\x04eval\x93."), rules), /names the global builtins\.eval/);
    assert.throws(() => unpickle(ascii("ccollections\nOrderedDict\n)\x81."), rules), /NEWOBJ creates an object of collections\.OrderedDict, which is not allowed/);
    assert.throws(() => unpickle(ascii("(ios\nsystem\n."), rules), /INST creates an object of os\.system/);
    assert.throws(() => unpickle(ascii("I1\n."), rules), /opcode 0x49 at byte 0 is not one this reader interprets/);
  });

  it("refuses malformed pickles with a message, never a crash", () => {
    assert.throws(() => unpickle(ascii("X\xff\xff\xff\x7f"), rules), /the pickle ends inside an opcode at byte 5 \(2147483647 bytes needed, 0 left\)/);
    assert.throws(() => unpickle(ascii("h\x05."), rules), /BINGET of memo entry 5, which was never stored/);
    assert.throws(() => unpickle(ascii("t."), rules), /needs a MARK that is not there/);
    assert.throws(() => unpickle(ascii("K\x01K\x02."), rules), /STOP with 2 values on the stack/);
    assert.throws(() => unpickle(ascii(")K\x01a."), rules), /APPEND on a tuple of 0, which is not a list/);
    assert.throws(() => unpickle(ascii("}]K\x01s."), rules), /a dict key is a list of 0/);
    assert.throws(() => unpickle(ascii("K\x01"), rules), /ends inside an opcode/);
  });
});
