/** The pieces the output formats share: cells, rows, columns, writers. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { ExactIntegers, parseJsonData } from "../../src/json/mod.ts";
import { cell, isObject, keysOf, lines, rowOf, streaming } from "../../src/output/writer.ts";

Deno.test("cell: strings as they are, nested values as compact JSON, null as the empty text", () => {
  assert.equal(cell("a b", "-", {}), "a b");
  assert.equal(cell(null, "-", {}), "-");
  assert.equal(cell(undefined, "", {}), "");
  assert.equal(cell({ b: 1, a: [true] }, "-", {}), '{"a":[true],"b":1}');
  assert.equal(cell(false, "-", {}), "false");
  const exact = new ExactIntegers();
  const value = parseJsonData('{"n":12345678901234567890}', exact) as { n: number };
  assert.equal(cell(value.n, "-", { exact }), "12345678901234567890");
});

Deno.test("keysOf and rowOf: a query's fields in order, else sorted keys; lists are rows", () => {
  assert.ok(isObject({}) && !isObject([]) && !isObject(null));
  assert.deepEqual(keysOf({ b: 1, a: 2 }, {}), ["a", "b"]);
  assert.deepEqual(keysOf({ b: 1, a: 2 }, { fields: ["b", "a"] }), ["b", "a"]);
  assert.deepEqual(keysOf("x", {}), []);
  assert.deepEqual(rowOf({ a: 1, b: null }, ["b", "a"], "", {}), ["", "1"]);
  assert.deepEqual(rowOf([1, "x"], [], "", {}), ["1", "x"]);
  assert.deepEqual(rowOf(7, ["a"], "", {}), ["7"]);
});

Deno.test("streaming and lines write each element at once, columns from the first", () => {
  const fake = fakeContext();
  const list = streaming(fake.ctx.stdout, (v) => `[${v}`, (v) => `,${v}`, (n) => `] ${n}\n`);
  list.element(1);
  list.element(2);
  assert.equal(list.end(), undefined);
  assert.equal(fake.stdout(), "[1,2] 2\n");
  const csv = fakeContext();
  const rows = lines(csv.ctx.stdout, {}, (c) => `${c.join(",")}\n`, (k) => `${k.join(",")}\n`, "");
  rows.element({ b: 2, a: 1 });
  rows.element({ a: 3, c: 9 });
  rows.end();
  assert.equal(csv.stdout(), "a,b\n1,2\n3,\n");
});
