/** A new world: its operators, users, SIMs and samples. */
import assert from "node:assert/strict";
import { ALLOW_ALL, emptyWorld, seedWorld } from "../../src/emulator/seed.ts";

Deno.test("emptyWorld has no operator, and the SIM count asked for", () => {
  const data = emptyWorld(5, 12);
  assert.equal(data.seed, 5);
  assert.equal(data.simCount, 12);
  assert.deepEqual(data.operators, []);
});

Deno.test("seedWorld makes the operators and users as told, and gives the first the samples", () => {
  const world = seedWorld({
    seed: 1,
    sims: 2,
    operators: [
      {
        operatorId: "OP0000000001",
        email: "a@example.com",
        password: "pw",
        users: [{ userName: "u", mfaSecret: "ABC", trustedBy: [{ operatorId: "OP0000000002" }] }],
      },
      { operatorId: "OP0000000002", email: "b@example.com", password: "pw" },
    ],
  }, () => 0);
  const [first, second] = world.data.operators;
  assert.equal(first.users[0].permission, ALLOW_ALL);
  assert.deepEqual(first.users[0].mfa, { status: "on", secret: "ABC" });
  assert.ok(
    first.users[0].trustPolicy?.includes("srn:soracom:OP0000000002::Operator:OP0000000002"),
  );
  assert.equal(second.users.length, 0);
  assert.ok(world.data.groups.every((g) => g.operatorId === "OP0000000001"));
  assert.equal(world.sims.size, 2);
  assert.equal(world.takeChanged(), false);
});
