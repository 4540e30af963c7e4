/** SIMs made from their index and the seed until they change. */
import assert from "node:assert/strict";
import { imsiAt, seededSim, SimStore } from "../../src/emulator/sim_store.ts";
import { testWorld } from "../helpers/emulator_call.ts";

Deno.test("a seeded SIM is the same for the same seed and index", () => {
  assert.deepEqual(seededSim(1, 5, "OP1"), seededSim(1, 5, "OP1"));
  assert.equal(seededSim(1, 5, "OP1").imsi, imsiAt(5));
  assert.equal(imsiAt(0), "440100000000000");
});

Deno.test("SimStore keeps changes, finds by IMSI and SIM ID, and adds SIMs after the seeded", () => {
  const data = testWorld(3).data;
  const store = new SimStore(data, () => 42);
  assert.equal(store.size, 3);
  const first = store.get(imsiAt(2))!;
  assert.equal(store.bySimId(first.simId)?.imsi, first.imsi);
  assert.equal(store.get(imsiAt(3)), undefined);
  store.put({ ...first, status: "suspended" });
  assert.equal(store.get(imsiAt(2))?.status, "suspended");
  assert.equal(data.sims[imsiAt(2)].lastModifiedTime, 42);
  const added = store.add((imsi) => ({ ...first, imsi }));
  assert.equal(added.imsi, imsiAt(3));
  assert.equal(store.size, 4);
});
