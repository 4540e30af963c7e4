/** The emulator's state while it runs: IDs by seed, lookups, and whether anything changed. */
import assert from "node:assert/strict";
import { ApiError } from "../../src/emulator/errors.ts";
import { emptyWorld } from "../../src/emulator/seed.ts";
import { World } from "../../src/emulator/world.ts";
import { OPERATOR_ID, testWorld } from "../helpers/emulator_call.ts";

Deno.test("newId gives the same IDs for the same seed, each kind in its shape", () => {
  const ids = () => {
    const world = new World(emptyWorld(3, 0), () => 0);
    return [
      world.newId("group"),
      world.newId("operator"),
      world.newId("authKey"),
      world.newId("group"),
    ];
  };
  const [group, operator, authKey, second] = ids();
  assert.deepEqual(ids(), [group, operator, authKey, second]);
  assert.match(group, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.match(operator, /^OP\d{10}$/);
  assert.match(authKey, /^keyId-[a-z0-9]{32}$/);
  assert.notEqual(group, second);
});

Deno.test("changes are marked once, and a missing operator or user is a 404", () => {
  const world = testWorld();
  assert.equal(world.takeChanged(), false);
  world.newId("sim");
  assert.equal(world.takeChanged(), true);
  assert.equal(world.takeChanged(), false);
  assert.equal(world.operator(OPERATOR_ID).operatorId, OPERATOR_ID);
  assert.equal(world.user(OPERATOR_ID, "sam").userName, "sam");
  assert.throws(
    () => world.user(OPERATOR_ID, "nobody"),
    (e) => e instanceof ApiError && e.status === 404,
  );
  assert.throws(() => world.operator("OP9999999999"), ApiError);
});
