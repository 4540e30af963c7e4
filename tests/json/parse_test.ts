/** Reading JSON: a tree that keeps numbers' text, and JSON.parse's values safe from V8's key bug. */
import assert from "node:assert/strict";
import { parseJson, parseJsonData } from "../../src/json/parse.ts";
import { JsonSyntaxError, RawNumber } from "../../src/json/value.ts";

Deno.test("parseJson keeps every number as it was written", () => {
  const tree = parseJson('{"big":12345678901234567890,"price":1.50,"list":[1e3]}');
  assert.deepEqual(tree, {
    big: new RawNumber("12345678901234567890"),
    price: new RawNumber("1.50"),
    list: [new RawNumber("1e3")],
  });
});

Deno.test("parseJson refuses what JSON.parse refuses, saying where", () => {
  assert.throws(() => parseJson('{"a":1,}'), (e) => e instanceof JsonSyntaxError && e.offset > 0);
  assert.throws(() => parseJson(""), JsonSyntaxError);
});

Deno.test("parseJsonData reads escaped keys as they are written", () => {
  assert.deepEqual(parseJsonData('{"\\n":1,"a\\"b":[true,null]}'), {
    "\n": 1,
    'a"b': [true, null],
  });
  assert.deepEqual(parseJsonData("[1,2.5]"), [1, 2.5]);
  assert.throws(() => parseJsonData("{"), SyntaxError);
});
