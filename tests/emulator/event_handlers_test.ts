/** Event handlers: created, listed, found for a SIM they target, ignored for one, deleted. */
import assert from "node:assert/strict";
import { EVENT_HANDLER_HANDLERS } from "../../src/emulator/event_handlers.ts";
import { imsiAt } from "../../src/emulator/sim_store.ts";
import { answerOf, testWorld } from "../helpers/emulator_call.ts";

Deno.test("a handler is created, found, listed for the SIM it targets, and deleted", async () => {
  const world = testWorld();
  const body = JSON.stringify({
    name: "watch one SIM",
    status: "active",
    targetImsi: imsiAt(1),
    ruleConfig: { type: "SubscriberDailyTrafficRule", properties: {} },
    actionConfigList: [],
  });
  const made = await answerOf(EVENT_HANDLER_HANDLERS, world, "POST", "/event_handlers", { body });
  const handlerId = (made.json as { handlerId: string }).handlerId;
  const path = `/event_handlers/${handlerId}`;
  const found = await answerOf(EVENT_HANDLER_HANDLERS, world, "GET", path);
  assert.equal((found.json as { name: string }).name, "watch one SIM");
  const forSim = (imsi: string) =>
    answerOf(EVENT_HANDLER_HANDLERS, world, "GET", `/event_handlers/subscribers/${imsi}`);
  const ids = async (imsi: string) =>
    ((await forSim(imsi)).json as { handlerId: string }[]).map((h) => h.handlerId);
  assert.ok((await ids(imsiAt(1))).includes(handlerId));
  assert.ok(!(await ids(imsiAt(0))).includes(handlerId));
  assert.ok((await answerOf(EVENT_HANDLER_HANDLERS, world, "DELETE", path)).status < 300);
  assert.equal((await answerOf(EVENT_HANDLER_HANDLERS, world, "GET", path)).status, 404);
});

Deno.test("listEventHandlers lists the operator's own", async () => {
  const world = testWorld();
  const listed = await answerOf(EVENT_HANDLER_HANDLERS, world, "GET", "/event_handlers");
  assert.deepEqual((listed.json as { name: string }[]).map((h) => h.name), [
    "slow down after 1 GiB a month",
  ]);
});
