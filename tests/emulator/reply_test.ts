/** From a handler's reply to the HTTP response: JSON, bytes, and pages of a list. */
import assert from "node:assert/strict";
import { empty, keyed, ok } from "../../src/emulator/call.ts";
import { loadFacts } from "../../src/emulator/facts.ts";
import { itemsAfter, NEXT_KEY, toResponse } from "../../src/emulator/reply.ts";
import { callOf, testWorld } from "../helpers/emulator_call.ts";

Deno.test("toResponse pages a list by limit, naming the last key when more follow", async () => {
  const { schemas } = await loadFacts();
  const world = testWorld();
  const call = await callOf(world, "GET", "/subscribers", { query: { limit: "2" } });
  const items = ["a", "b", "c"].map((key) => ({ key, value: { id: key } }));
  const first = toResponse(call, keyed(items), schemas);
  assert.equal(first.headers.get(NEXT_KEY), "b");
  assert.equal(await first.text(), '[{"id":"a"},{"id":"b"}]');
  const last = toResponse(call, keyed(items.slice(2)), schemas);
  assert.equal(last.headers.get(NEXT_KEY), null);
});

Deno.test("toResponse writes JSON, bytes, and no body for a 204", async () => {
  const { schemas } = await loadFacts();
  const call = await callOf(testWorld(), "GET", "/subscribers/440100000000000");
  const json = toResponse(call, ok({ a: 1 }, 201), schemas);
  assert.equal(json.status, 201);
  assert.equal(json.headers.get("content-type"), "application/json");
  assert.equal(await json.text(), '{"a":1}');
  const none = toResponse(call, empty(), schemas);
  assert.equal(none.status, 204);
  assert.equal(await none.text(), "");
  const bytes = toResponse(
    call,
    { status: 200, bytes: new Uint8Array([1]), contentType: "application/octet-stream" },
    schemas,
  );
  assert.deepEqual(new Uint8Array(await bytes.arrayBuffer()), new Uint8Array([1]));
});

Deno.test("itemsAfter gives the items whose key sorts after the one named", () => {
  assert.deepEqual([...itemsAfter(["a", "b", "c"], (x) => x, "a")], ["b", "c"]);
  assert.deepEqual([...itemsAfter(["a", "b"], (x) => x, null)], ["a", "b"]);
});
