/** Made-up answers for the operations the emulator keeps nothing for. */
import assert from "node:assert/strict";
import { loadFacts } from "../../src/emulator/facts.ts";
import { isRawBody, statelessAnswer } from "../../src/emulator/stateless.ts";
import { callOf, OPERATOR_ID, testWorld } from "../helpers/emulator_call.ts";

const { schemas } = await loadFacts();

Deno.test("an answer carries the path's ID and the caller's operator, the same each time", async () => {
  const world = testWorld();
  const answer = async () =>
    statelessAnswer(await callOf(world, "GET", "/devices/d-1"), schemas) as {
      status: number;
      json: { device_id: string; operatorId: string };
    };
  const first = await answer();
  assert.equal(first.status, 200);
  assert.equal(first.json.device_id, "d-1");
  assert.equal(first.json.operatorId, OPERATOR_ID);
  assert.deepEqual(await answer(), first);
});

Deno.test("a paged list has three items, and goes on after last_evaluated_key", async () => {
  const world = testWorld();
  const page = async (query: Record<string, string>) => {
    const reply = statelessAnswer(await callOf(world, "GET", "/devices", { query }), schemas);
    assert.ok("keyed" in reply);
    return [...reply.list].map((item) => item.key);
  };
  assert.deepEqual(await page({}), ["1", "2", "3"]);
  assert.deepEqual(await page({ last_evaluated_key: "2" }), ["3"]);
});

Deno.test("isRawBody: no schema, or a string of bytes, is raw", () => {
  assert.equal(isRawBody(undefined, schemas), true);
  assert.equal(isRawBody({ type: "object" }, schemas), false);
});
