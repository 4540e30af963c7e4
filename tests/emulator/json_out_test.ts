/** The emulator's answers as JSON text: kept text as it came, absent fields left out. */
import assert from "node:assert/strict";
import { Embedded, jsonText, keep, plainText } from "../../src/emulator/json_out.ts";
import { parseJson, RawNumber } from "../../src/json/mod.ts";

Deno.test("jsonText writes kept numbers and texts as they came, and leaves out undefined", () => {
  const out = {
    big: new RawNumber("12345678901234567890"),
    kept: new Embedded('{"a":1.50}'),
    gone: undefined,
    list: [1, Number.NaN, "\u0000"],
  };
  assert.equal(
    jsonText(out),
    '{"big":12345678901234567890,"kept":{"a":1.50},"list":[1,null,"\\u0000"]}',
  );
  assert.equal(jsonText(undefined), "null");
});

Deno.test("keep and plainText make text once, written as it is", () => {
  const sent = parseJson('{"n":12345678901234567890,"s":"x"}');
  assert.equal(jsonText([keep(sent)]), '[{"n":12345678901234567890,"s":"x"}]');
  assert.equal(plainText({ a: [1, "b"] }).text, '{"a":[1,"b"]}');
});
