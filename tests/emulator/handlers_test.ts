/** The operations with state, and the check that the others name only IDs the emulator knows. */
import assert from "node:assert/strict";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { ApiError } from "../../src/emulator/errors.ts";
import { HANDLERS, requireKnownIds } from "../../src/emulator/handlers.ts";
import { imsiAt } from "../../src/emulator/sim_store.ts";
import { callOf, testWorld } from "../helpers/emulator_call.ts";

Deno.test("every handler is for an operation of the catalogue (or the emulator's own)", async () => {
  const ids = new Set((await loadCatalog()).operations.map((op) => op.operationId));
  const unknown = Object.keys(HANDLERS).filter((id) => !ids.has(id) && id !== "putDataEntry");
  assert.deepEqual(unknown, []);
});

Deno.test("requireKnownIds lets known IDs through and refuses unknown ones with a 404", async () => {
  const world = testWorld();
  const known = await callOf(world, "GET", `/subscribers/${imsiAt(0)}/events/sessions`);
  requireKnownIds(known);
  const notFound = (e: unknown) => e instanceof ApiError && e.status === 404;
  for (
    const path of [
      "/subscribers/999999999999999/events/sessions",
      "/soralets/nope/logs",
    ]
  ) {
    const call = await callOf(world, "GET", path);
    assert.throws(() => requireKnownIds(call), notFound, path);
  }
});
