/** Made-up values that fit a schema and look like SORACOM's. */
import assert from "node:assert/strict";
import { makeValue, type ValueHints } from "../../src/emulator/answer.ts";
import { loadFacts } from "../../src/emulator/facts.ts";
import { Random } from "../../src/emulator/random.ts";
import { checkValue, resolveSchema } from "../../src/emulator/schema.ts";
import { RawNumber } from "../../src/json/mod.ts";

const hints: ValueHints = { operatorId: "OP0012345678", known: { deviceId: "d-9" }, now: 0 };

Deno.test("every answer schema of the definition gets a value that fits it", async () => {
  const { operations, schemas } = await loadFacts();
  let checked = 0;
  for (const [id, facts] of Object.entries(operations)) {
    if (facts.response === undefined) continue;
    const value = makeValue(facts.response, schemas, Random.of(1, id), hints);
    assert.deepEqual(checkValue(value, resolveSchema(facts.response, schemas), schemas), [], id);
    checked++;
  }
  assert.ok(checked > 100, `${checked} checked`);
});

Deno.test("names say what a value holds: the operator, a known ID, an integer", () => {
  const schema = {
    type: "object",
    required: ["operatorId", "deviceId", "count"],
    properties: {
      operatorId: { type: "string" },
      deviceId: { type: "string" },
      count: { type: "integer", minimum: 1, maximum: 3 },
    },
  } as const;
  const value = makeValue(schema, {}, Random.of(1, "x"), hints) as Record<string, unknown>;
  assert.equal(value.operatorId, "OP0012345678");
  assert.equal(value.deviceId, "d-9");
  assert.ok(value.count instanceof RawNumber);
  assert.ok([1, 2, 3].includes(Number((value.count as RawNumber).source)));
  assert.deepEqual(makeValue(schema, {}, Random.of(1, "x"), hints), value);
});
