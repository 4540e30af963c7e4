/** The operator: MFA turned on with a code, AuthKeys made and deleted, its password changed. */
import assert from "node:assert/strict";
import { OPERATOR_HANDLERS } from "../../src/emulator/operators.ts";
import { totpCode } from "../../src/emulator/totp.ts";
import { answerOf, OPERATOR_ID, testWorld } from "../helpers/emulator_call.ts";

const at = `/operators/${OPERATOR_ID}`;

Deno.test("MFA: enabled pending, verified with a code of the new secret, then active", async () => {
  const world = testWorld();
  assert.deepEqual((await answerOf(OPERATOR_HANDLERS, world, "GET", `${at}/mfa`)).json, {
    status: "INACTIVE",
  });
  const enabled = await answerOf(OPERATOR_HANDLERS, world, "POST", `${at}/mfa`);
  const secret = new URL((enabled.json as { totpUri: string }).totpUri).searchParams.get("secret")!;
  const wrong = await answerOf(OPERATOR_HANDLERS, world, "POST", `${at}/mfa/verify`, {
    body: '{"mfaOTPCode":"000000x"}',
  });
  assert.equal(wrong.status, 400);
  const code = await totpCode(secret, world.now());
  const verified = await answerOf(OPERATOR_HANDLERS, world, "POST", `${at}/mfa/verify`, {
    body: JSON.stringify({ mfaOTPCode: code }),
  });
  assert.equal((verified.json as { backupCodes: string[] }).backupCodes.length, 10);
  assert.deepEqual((await answerOf(OPERATOR_HANDLERS, world, "GET", `${at}/mfa`)).json, {
    status: "ACTIVE",
  });
  assert.ok((await answerOf(OPERATOR_HANDLERS, world, "POST", `${at}/mfa`)).status >= 400);
});

Deno.test("AuthKeys: made with a secret shown once, listed without it, deleted", async () => {
  const world = testWorld();
  const made = await answerOf(OPERATOR_HANDLERS, world, "POST", `${at}/auth_keys`);
  const { authKeyId, authKey } = made.json as { authKeyId: string; authKey: string };
  assert.match(authKey, /^secret-/);
  const listed = await answerOf(OPERATOR_HANDLERS, world, "GET", `${at}/auth_keys`);
  assert.ok(!JSON.stringify(listed.json).includes(authKey));
  assert.ok((listed.json as { authKeyId: string }[]).some((k) => k.authKeyId === authKeyId));
  const path = `${at}/auth_keys/${authKeyId}`;
  assert.ok((await answerOf(OPERATOR_HANDLERS, world, "DELETE", path)).status < 300);
  assert.equal((await answerOf(OPERATOR_HANDLERS, world, "DELETE", path)).status, 404);
});

Deno.test("the password changes only with the current one", async () => {
  const world = testWorld();
  const change = (current: string) =>
    answerOf(OPERATOR_HANDLERS, world, "POST", `${at}/password`, {
      body: JSON.stringify({ currentPassword: current, newPassword: "new-pw" }),
    });
  assert.ok((await change("wrong")).status >= 400);
  assert.ok((await change("pw")).status < 300);
  assert.equal(world.operator(OPERATOR_ID).password, "new-pw");
});
