/** The emulator's API keys and tokens: issued, checked, renewed, revoked. */
import assert from "node:assert/strict";
import { emptyWorld } from "../../src/emulator/seed.ts";
import { Sessions } from "../../src/emulator/sessions.ts";

Deno.test("a session is ok until its token expires; a wrong token is invalid", () => {
  let now = 1_000_000;
  const sessions = new Sessions(emptyWorld(1, 0), () => now);
  const s = sessions.issue({ operatorId: "OP0000000001", userName: "sam" }, 60);
  assert.equal(sessions.check(s.apiKey, s.token).kind, "ok");
  assert.equal(sessions.check(s.apiKey, "other").kind, "invalid");
  assert.equal(sessions.check(null, s.token).kind, "missing");
  now += 60_000;
  assert.equal(sessions.check(s.apiKey, s.token).kind, "expired");
});

Deno.test("a token is a JWT whose payload names the operator and user", () => {
  const sessions = new Sessions(emptyWorld(1, 0), () => 0);
  const s = sessions.issue({ operatorId: "OP0000000001", userName: "sam" }, 60);
  const payload = JSON.parse(
    new TextDecoder().decode(
      Uint8Array.fromBase64(s.token.split(".")[1], { alphabet: "base64url" }),
    ),
  );
  assert.equal(payload.operator.operatorId, "OP0000000001");
  assert.equal(payload.user.userName, "sam");
  assert.equal(payload.exp, 60);
});

Deno.test("renew replaces the token; revoke ends the sessions it picks", () => {
  const sessions = new Sessions(emptyWorld(1, 0), () => 0);
  const s = sessions.issue({ operatorId: "OP0000000001" }, 60);
  const old = s.token;
  const renewed = sessions.renew(s, 120);
  assert.notEqual(renewed, old);
  assert.equal(sessions.check(s.apiKey, old).kind, "invalid");
  assert.equal(sessions.check(s.apiKey, renewed).kind, "ok");
  sessions.revoke((x) => x.apiKey === s.apiKey);
  assert.equal(sessions.check(s.apiKey, renewed).kind, "invalid");
});
