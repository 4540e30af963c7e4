/** Harvest Data: entries listed per SIM or resource, newest first, found and deleted by time. */
import assert from "node:assert/strict";
import { HARVEST_HANDLERS } from "../../src/emulator/harvest.ts";
import { imsiAt } from "../../src/emulator/sim_store.ts";
import { answerOf, testWorld } from "../helpers/emulator_call.ts";

type Entry = { time: number; content: string };

Deno.test("a SIM's entries: listed, one found by its time, then deleted", async () => {
  const world = testWorld();
  const listed = await answerOf(HARVEST_HANDLERS, world, "GET", `/subscribers/${imsiAt(0)}/data`);
  const entries = listed.json as Entry[];
  assert.equal(entries.length, 3);
  const path = `/data/Subscriber/${imsiAt(0)}/${entries[0].time}`;
  const one = await answerOf(HARVEST_HANDLERS, world, "GET", path);
  assert.deepEqual(one.json, entries[0]);
  assert.ok((await answerOf(HARVEST_HANDLERS, world, "DELETE", path)).status < 300);
  assert.equal((await answerOf(HARVEST_HANDLERS, world, "GET", path)).status, 404);
});

Deno.test("the resources with data, each with its attribute names", async () => {
  const world = testWorld();
  const resources = await answerOf(HARVEST_HANDLERS, world, "GET", "/data/resources");
  assert.deepEqual(resources.json, [{
    resourceType: "Subscriber",
    resourceId: imsiAt(0),
    lastModifiedTime: world.data.harvest.map((e) => e.time).sort().at(-1),
    attributeNames: ["temperature", "humidity"],
  }]);
});
