/** Request bodies checked against the definition's schemas, as the real API refuses them. */
import assert from "node:assert/strict";
import { parseJson } from "../../src/json/mod.ts";
import {
  checkValue,
  fitsPattern,
  resolveSchema,
  type SchemaNames,
  typeOf,
} from "../../src/emulator/schema.ts";

const names: SchemaNames = {
  Tag: {
    type: "object",
    required: ["tagName"],
    properties: { tagName: { type: "string", minLength: 1, maxLength: 3 } },
  },
};

Deno.test("checkValue names each problem by where it is", () => {
  const schema = {
    type: "object",
    properties: {
      tags: { type: "array", items: { $ref: "Tag" } },
      count: { type: "integer", minimum: 1 },
      mode: { type: "string", enum: ["a", "b"] },
    },
  } as const;
  assert.deepEqual(
    checkValue(parseJson('{"tags":[{"tagName":"x"}],"count":2}'), schema, names),
    [],
  );
  const problems = checkValue(
    parseJson('{"tags":[{},{"tagName":"long"}],"count":0.5,"mode":"c"}'),
    schema,
    names,
  );
  assert.deepEqual(problems.map((p) => [p.at, p.kind]), [
    ["tags[0].tagName", "required"],
    ["tags[1].tagName", "length"],
    ["count", "type"],
    ["mode", "enum"],
  ]);
});

Deno.test("checkValue reports five problems at most", () => {
  const schema = { type: "array", items: { type: "string" } } as const;
  assert.equal(checkValue(parseJson("[1,2,3,4,5,6,7]"), schema, {}).length, 5);
});

Deno.test("typeOf, resolveSchema and fitsPattern", () => {
  assert.equal(typeOf(parseJson("12345678901234567890")), "integer");
  assert.equal(typeOf(parseJson("1.5")), "number");
  assert.equal(typeOf(parseJson("[]")), "array");
  assert.equal(typeOf(null), "null");
  assert.equal(resolveSchema({ $ref: "Tag" }, names), names.Tag);
  assert.deepEqual(resolveSchema({ $ref: "Nowhere" }, names), {});
  assert.equal(fitsPattern("^[0-9]+$", "123"), true);
  assert.equal(fitsPattern("^[0-9]+$", "12a"), false);
  assert.equal(fitsPattern("(?<", "anything"), true);
});
