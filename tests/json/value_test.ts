/** The JSON values' pieces: numbers as text, how deep a value nests, the syntax error. */
import assert from "node:assert/strict";
import { JsonSyntaxError, nestsDeeperThan, RawNumber } from "../../src/json/value.ts";

Deno.test("RawNumber keeps its source text", () => {
  assert.equal(new RawNumber("12345678901234567890").source, "12345678901234567890");
});

Deno.test("nestsDeeperThan counts arrays and objects, not scalars, without recursing", () => {
  assert.equal(nestsDeeperThan(1, 0), false);
  assert.equal(nestsDeeperThan([], 1), false);
  assert.equal(nestsDeeperThan({ a: [] }, 1), true);
  let deep: unknown = [];
  for (let i = 0; i < 100_000; i++) deep = [deep];
  assert.equal(nestsDeeperThan(deep, 64), true);
});

Deno.test("JsonSyntaxError says what and where, never the text", () => {
  const e = new JsonSyntaxError("unexpected end", 7);
  assert.ok(e instanceof SyntaxError);
  assert.equal(e.message, "unexpected end at offset 7");
  assert.equal(e.offset, 7);
});
