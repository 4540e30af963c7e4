/** What a handler reads of a call and the answers it gives. */
import assert from "node:assert/strict";
import {
  bodyNumber,
  bodyObject,
  bodyText,
  empty,
  keyed,
  ok,
  operatorIdOf,
  queryInt,
} from "../../src/emulator/call.ts";
import { callOf, OPERATOR_ID, testWorld } from "../helpers/emulator_call.ts";

Deno.test("a call's body fields, query integers and operator", async () => {
  const world = testWorld();
  const call = await callOf(world, "POST", "/groups", {
    body: '{"tags":{"name":"g"},"n":12,"s":"x"}',
    query: { limit: "5", bad: "1.5" },
  });
  assert.equal(bodyText(call, "s"), "x");
  assert.equal(bodyText(call, "n"), undefined);
  assert.equal(bodyNumber(call, "n"), 12);
  assert.deepEqual(Object.keys(bodyObject(call)), ["tags", "n", "s"]);
  assert.equal(queryInt(call, "limit"), 5);
  assert.equal(queryInt(call, "bad"), undefined);
  assert.equal(operatorIdOf(call), OPERATOR_ID);
  const anonymous = await callOf(world, "POST", "/auth", { body: "[1]", anonymous: true });
  assert.deepEqual(bodyObject(anonymous), {});
  assert.equal(operatorIdOf(anonymous), "");
});

Deno.test("the usual answers", () => {
  assert.deepEqual(ok({ a: 1 }), { status: 200, json: { a: 1 } });
  assert.deepEqual(empty(), { status: 204 });
  const list = [{ key: "k", value: 1 }];
  assert.deepEqual(keyed(list), { status: 200, list, keyed: true });
});
