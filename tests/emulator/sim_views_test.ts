/** A SIM as the Subscriber API and the Sim API show it. */
import assert from "node:assert/strict";
import { seededSim } from "../../src/emulator/sim_store.ts";
import { simView, subscriberView } from "../../src/emulator/sim_views.ts";

Deno.test("the subscriber view names the SIM by IMSI; the SIM view by its profile", () => {
  const sim = { ...seededSim(1, 0, "OP1"), status: "ready" as const };
  const subscriber = subscriberView(sim) as Record<string, unknown>;
  assert.equal(subscriber.imsi, sim.imsi);
  assert.equal(subscriber.status, "ready");
  assert.equal(subscriber.operatorId, "OP1");
  const view = simView(sim) as Record<string, unknown>;
  assert.equal(view.simId, sim.simId);
  assert.equal(view.activeProfileId, sim.iccid);
  assert.equal(view.imsi, undefined);
});
