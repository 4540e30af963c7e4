/** SAM users and roles: created once, found, deleted with their sessions. */
import assert from "node:assert/strict";
import { SAM_HANDLERS } from "../../src/emulator/users.ts";
import { answerOf, OPERATOR_ID, testWorld } from "../helpers/emulator_call.ts";

const at = `/operators/${OPERATOR_ID}`;

Deno.test("a user is created once, listed, found, and deleted with its sessions", async () => {
  const world = testWorld();
  const path = `${at}/users/ann`;
  const body = '{"description":"d"}';
  assert.ok((await answerOf(SAM_HANDLERS, world, "POST", path, { body })).status < 300);
  assert.ok((await answerOf(SAM_HANDLERS, world, "POST", path, { body })).status >= 400);
  const listed = await answerOf(SAM_HANDLERS, world, "GET", `${at}/users`);
  assert.deepEqual((listed.json as { userName: string }[]).map((u) => u.userName).sort(), [
    "ann",
    "sam",
  ]);
  const session = world.sessions.issue({ operatorId: OPERATOR_ID, userName: "ann" }, 60);
  assert.ok((await answerOf(SAM_HANDLERS, world, "DELETE", path)).status < 300);
  assert.equal((await answerOf(SAM_HANDLERS, world, "GET", path)).status, 404);
  assert.equal(world.sessions.check(session.apiKey, session.token).kind, "invalid");
});

Deno.test("a role is created with its permission and found", async () => {
  const world = testWorld();
  const permission = '{"statements":[{"api":"*","effect":"allow"}]}';
  const made = await answerOf(SAM_HANDLERS, world, "POST", `${at}/roles/reader`, {
    body: JSON.stringify({ permission, description: "reads" }),
  });
  assert.deepEqual(made.json, { roleId: "reader" });
  const found = await answerOf(SAM_HANDLERS, world, "GET", `${at}/roles/reader`);
  assert.equal((found.json as { permission: string }).permission, permission);
  const user = await answerOf(SAM_HANDLERS, world, "GET", `${at}/users/sam/permission`);
  assert.ok((user.json as { permission: string }).permission.includes('"allow"'));
});
