/** SIMs: listed in pages, found by IMSI, changed by status, tags and group. */
import assert from "node:assert/strict";
import { SIM_HANDLERS } from "../../src/emulator/sims.ts";
import { imsiAt } from "../../src/emulator/sim_store.ts";
import { answerOf, testWorld } from "../helpers/emulator_call.ts";

Deno.test("listSubscribers pages the SIMs in IMSI order", async () => {
  const world = testWorld(5);
  const page = await answerOf(SIM_HANDLERS, world, "GET", "/subscribers", {
    query: { limit: "2" },
  });
  assert.deepEqual((page.json as { imsi: string }[]).map((s) => s.imsi), [imsiAt(0), imsiAt(1)]);
  assert.equal(page.headers.get("x-soracom-next-key"), imsiAt(1));
});

Deno.test("a SIM's status and tags change; a SIM of no one's is not found", async () => {
  const world = testWorld();
  const imsi = imsiAt(2);
  world.sims.put({ ...world.sims.get(imsi)!, status: "ready" });
  const active = await answerOf(SIM_HANDLERS, world, "POST", `/subscribers/${imsi}/activate`);
  assert.equal((active.json as { status: string }).status, "active");
  const tagged = await answerOf(SIM_HANDLERS, world, "PUT", `/subscribers/${imsi}/tags`, {
    body: '[{"tagName":"room","tagValue":"3F"}]',
  });
  assert.equal((tagged.json as { tags: Record<string, string> }).tags.room, "3F");
  const got = await answerOf(SIM_HANDLERS, world, "GET", `/subscribers/${imsi}`);
  assert.equal((got.json as { tags: Record<string, string> }).tags.room, "3F");
  const missing = await answerOf(SIM_HANDLERS, world, "GET", "/subscribers/999999999999999");
  assert.equal(missing.status, 404);
});
