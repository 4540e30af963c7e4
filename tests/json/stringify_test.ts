/** Writing JSON: trees with their numbers' text, values with sorted keys. */
import assert from "node:assert/strict";
import { stringifyCompact, stringifyPretty, stringifyValue } from "../../src/json/stringify.ts";
import { RawNumber } from "../../src/json/value.ts";

const tree = { b: [new RawNumber("1.50"), null], a: "x" };

Deno.test("stringifyCompact and stringifyPretty sort keys and keep numbers' text", () => {
  assert.equal(stringifyCompact(tree), '{"a":"x","b":[1.50,null]}');
  assert.equal(stringifyPretty(tree), '{\n\t"a": "x",\n\t"b": [\n\t\t1.50,\n\t\tnull\n\t]\n}');
});

Deno.test("stringifyValue writes any parsed value, undefined as null", () => {
  assert.equal(stringifyValue({ z: 1, a: [true] }, "compact"), '{"a":[true],"z":1}');
  assert.equal(stringifyValue(undefined, "compact"), "null");
});
