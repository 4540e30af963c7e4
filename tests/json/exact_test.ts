/**
 * Integers past 2^53 through values (`src/json/exact.ts`): each gets a number
 * of its own, the writers get its digits back, and nothing else changes.
 */
import assert from "node:assert/strict";
import { ExactIntegers, parseJsonData, stringifyValue } from "../../src/json/mod.ts";

Deno.test("integers past 2^53 stand apart and write back as their digits", () => {
  const exact = new ExactIntegers();
  const text =
    '[12345678901234567890, 12345678901234567891, -98765432109876543210, 9007199254740993, 12345678901234567890, 1.5, 42, 1e20, "12345678901234567890"]';
  const value = parseJsonData(text, exact) as unknown[];
  assert.notEqual(value[0], value[1]);
  assert.equal(value[0], value[4], "the same digits, the same number");
  assert.equal(exact.size, 4);
  assert.equal(
    stringifyValue(value, "compact", exact),
    '[12345678901234567890,12345678901234567891,-98765432109876543210,9007199254740993,12345678901234567890,1.5,42,100000000000000000000,"12345678901234567890"]',
  );
  // A stand-in is the nearest free double: about the same number, for comparisons.
  assert.ok(Math.abs((value[1] as number) - 12345678901234567891) <= 4096);
});

Deno.test("without a long integer, or without exact, the text reads as JSON.parse reads it", () => {
  const exact = new ExactIntegers();
  const text = '{"imsi": "440100000000001", "iccid": "8981100000000000001", "n": [1, 2.5]}';
  assert.deepEqual(parseJsonData(text, exact), JSON.parse(text));
  assert.equal(exact.size, 0);
  assert.equal(ExactIntegers.mayHold(text), false);
  assert.equal(ExactIntegers.mayHold('{"id":\n 12345678901234567}'), true);
  assert.deepEqual(parseJsonData("[12345678901234567890]"), [12345678901234567000]);
  // An escaped key takes our reader either way; the integer is still kept.
  const escaped = parseJsonData('{"a\\n": 12345678901234567890}', exact);
  assert.equal(stringifyValue(escaped, "compact", exact), '{"a\\n":12345678901234567890}');
});

Deno.test("20,000 consecutive big integers each keep their digits", () => {
  const exact = new ExactIntegers();
  const base = 12345678901234567890n;
  const ids = Array.from({ length: 20_000 }, (_, i) => String(base + BigInt(i)));
  const value = parseJsonData(`[${ids.join(",")}]`, exact) as number[];
  assert.equal(new Set(value).size, ids.length);
  assert.deepEqual(value.map((n) => exact.textOf(n)), ids);
});
