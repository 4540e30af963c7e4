/**
 * The emulator's sign-in and sessions: AuthKeys, root and SAM users, MFA with
 * real TOTP codes (AUM0063 without one, AUM0064 for a wrong one), token expiry
 * and renewal on the emulator's clock, switch user by trust policy, logout,
 * and API Sandbox operators.
 *
 * @module
 */

import assert from "node:assert/strict";
import {
  authKey,
  root,
  rootMfa,
  sam,
  samPlain,
  switchTarget,
  totpFor,
} from "../helpers/accounts.ts";
import { startTestEmulator } from "../helpers/emulator.ts";
import { type Auth, call, codeOf, fakeClock, signIn } from "./http.ts";

/** 2030-01-01T00:00:00Z, a step boundary for 30 s TOTP. */
const T0 = 1893456000000;

const rootLogin = { email: root.email, password: root.password };
const authKeyLogin = { authKeyId: authKey.authKeyId, authKey: authKey.authKey };
const samLogin = { operatorId: sam.operatorId, userName: sam.userName, password: sam.password };
const samPlainLogin = {
  operatorId: samPlain.operatorId,
  userName: samPlain.userName,
  password: samPlain.password,
};
const rootMfaLogin = { email: rootMfa.email, password: rootMfa.password };

function jwtPayload(token: string): {
  operator: { operatorId: string };
  user?: { userName: string };
  iat: number;
  exp: number;
} {
  const part = token.split(".")[1].replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(part + "=".repeat((4 - part.length % 4) % 4));
  return JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
}

Deno.test("auth: root, AuthKey and plain SAM user sign in", async () => {
  await using api = await startTestEmulator();
  const r = await signIn(api, rootLogin);
  assert.equal(r.operatorId, root.operatorId);
  assert.equal(r.userName, undefined);
  assert.match(r.apiKey, /^api-[0-9a-f-]{36}$/);
  assert.equal(jwtPayload(r.token).operator.operatorId, root.operatorId);
  const k = await signIn(api, authKeyLogin);
  assert.equal(k.operatorId, authKey.operatorId);
  const s = await signIn(api, samPlainLogin);
  assert.equal(s.userName, samPlain.userName);
  const payload = jwtPayload(s.token);
  assert.equal(payload.user?.userName, samPlain.userName);
  assert.equal(payload.exp - payload.iat, 86400);
  const me = await call(api, "GET", `/v1/operators/${root.operatorId}`, { auth: r });
  assert.equal(me.status, 200);
  assert.equal(JSON.parse(me.text).email, root.email);
});

Deno.test("auth: wrong credentials give 401 AUM0003 in en and ja", async () => {
  await using api = await startTestEmulator();
  for (
    const body of [
      { email: root.email, password: "nope" },
      { authKeyId: authKey.authKeyId, authKey: "secret-wrong" },
      { operatorId: sam.operatorId, userName: sam.userName, password: "nope" },
      {},
    ]
  ) {
    const en = await call(api, "POST", "/v1/auth", { body });
    assert.equal(en.status, 401);
    assert.equal(codeOf(en), "AUM0003");
    assert.match(JSON.parse(en.text).message, /^Authentication failed/);
  }
  const ja = await call(api, "POST", "/v1/auth", {
    body: { email: root.email, password: "nope" },
    headers: { "X-Soracom-Lang": "ja" },
  });
  assert.equal(codeOf(ja), "AUM0003");
  assert.match(JSON.parse(ja.text).message, /認証に失敗しました/);
});

Deno.test("auth: MFA users without a code get AUM0063, in en and ja", async () => {
  await using api = await startTestEmulator();
  for (const body of [samLogin, rootMfaLogin]) {
    const en = await call(api, "POST", "/v1/auth", { body });
    assert.equal(en.status, 401);
    assert.equal(en.headers.get("content-type"), "application/json");
    assert.equal(codeOf(en), "AUM0063");
    const ja = await call(api, "POST", "/v1/auth", { body, headers: { "X-Soracom-Lang": "ja" } });
    assert.equal(codeOf(ja), "AUM0063");
    assert.match(JSON.parse(ja.text).message, /ワンタイムコード/);
  }
  // A wrong password wins over a missing code.
  const wrong = await call(api, "POST", "/v1/auth", { body: { ...samLogin, password: "nope" } });
  assert.equal(codeOf(wrong), "AUM0003");
});

Deno.test("auth: a wrong code gets AUM0064; codes of this step and the next ones either side pass", async () => {
  const clock = fakeClock(T0 + 5_000);
  await using api = await startTestEmulator({ now: clock.now });
  const stale = totpFor(sam.mfaSecret, clock.now() - 90_000);
  const en = await call(api, "POST", "/v1/auth", { body: { ...samLogin, mfaOTPCode: stale } });
  assert.equal(en.status, 401);
  assert.equal(codeOf(en), "AUM0064");
  const s = await signIn(api, { ...samLogin, mfaOTPCode: api.totp("sam") });
  assert.equal(s.userName, sam.userName);
  await signIn(api, { ...samLogin, mfaOTPCode: totpFor(sam.mfaSecret, clock.now() - 30_000) });
  const r = await signIn(api, { ...rootMfaLogin, mfaOTPCode: api.totp("rootMfa") });
  assert.equal(r.operatorId, rootMfa.operatorId);
  const direct = await signIn(api, {
    operatorId: switchTarget.operatorId,
    userName: switchTarget.userName,
    password: switchTarget.password,
    mfaOTPCode: api.totp("switchTarget"),
  });
  assert.equal(direct.userName, switchTarget.userName);
  // AuthKeys are never asked for a code; a code is checked on the emulator's clock.
  await signIn(api, authKeyLogin);
  const code = api.totp("rootMfa");
  clock.advance(120_000);
  const late = await call(api, "POST", "/v1/auth", { body: { ...rootMfaLogin, mfaOTPCode: code } });
  assert.equal(codeOf(late), "AUM0064");
});

Deno.test("auth: tokenTimeoutSeconds is checked against the definition and sets the expiry", async () => {
  await using api = await startTestEmulator();
  const tooLong = await call(api, "POST", "/v1/auth", {
    body: { ...rootLogin, tokenTimeoutSeconds: 172801 },
  });
  assert.equal(tooLong.status, 400);
  assert.equal(codeOf(tooLong), "COM0001");
  assert.match(JSON.parse(tooLong.text).message, /tokenTimeoutSeconds/);
  const notJson = await call(api, "POST", "/v1/auth", { body: "{" });
  assert.equal(notJson.status, 400);
  const max = await signIn(api, { ...rootLogin, tokenTimeoutSeconds: 172800 });
  const payload = jwtPayload(max.token);
  assert.equal(payload.exp - payload.iat, 172800);
});

Deno.test("sessions: tokens expire on the emulator's clock; an expired one cannot be renewed", async () => {
  const clock = fakeClock(T0);
  await using api = await startTestEmulator({ now: clock.now });
  const auth = await signIn(api, { ...rootLogin, tokenTimeoutSeconds: 600 });
  const path = `/v1/operators/${root.operatorId}`;
  assert.equal((await call(api, "GET", path, { auth })).status, 200);
  clock.advance(599_999);
  assert.equal((await call(api, "GET", path, { auth })).status, 200);
  clock.advance(1);
  const expired = await call(api, "GET", path, { auth });
  assert.equal(expired.status, 401);
  assert.equal(codeOf(expired), "AUM0002");
  const renew = await call(api, "POST", `${path}/token`, { auth, body: {} });
  assert.equal(renew.status, 400);
  assert.equal(codeOf(renew), "AUM0009");
});

Deno.test("sessions: renewing the token ends the old one", async () => {
  const clock = fakeClock(T0);
  await using api = await startTestEmulator({ now: clock.now });
  const auth = await signIn(api, { ...rootLogin, tokenTimeoutSeconds: 600 });
  const path = `/v1/operators/${root.operatorId}`;
  clock.advance(300_000);
  const renew = await call(api, "POST", `${path}/token`, {
    auth,
    body: { tokenTimeoutSeconds: 3600 },
  });
  assert.equal(renew.status, 200, renew.text);
  const { token } = JSON.parse(renew.text);
  assert.notEqual(token, auth.token);
  assert.equal(jwtPayload(token).exp, Math.floor((T0 + 300_000) / 1000) + 3600);
  assert.equal((await call(api, "GET", path, { auth })).status, 401);
  clock.advance(3_000_000);
  assert.equal((await call(api, "GET", path, { auth: { ...auth, token } })).status, 200);
  const other = await call(api, "POST", `/v1/operators/${rootMfa.operatorId}/token`, {
    auth: { ...auth, token },
    body: {},
  });
  assert.equal(other.status, 403);
});

Deno.test("sessions: no or bogus API key and token are a 401 in en and ja", async () => {
  await using api = await startTestEmulator();
  const none = await call(api, "GET", "/v1/subscribers");
  assert.equal(none.status, 401);
  assert.equal(codeOf(none), "AUM0001");
  const ja = await call(api, "GET", "/v1/subscribers", { headers: { "x-soracom-lang": "ja" } });
  assert.match(JSON.parse(ja.text).message, /API キーと API トークンが必要です/);
  const bogus = await call(api, "GET", "/v1/subscribers", {
    auth: { apiKey: "api-x", token: "y", operatorId: "" },
  });
  assert.equal(bogus.status, 401);
  assert.equal(codeOf(bogus), "AUM0002");
});

Deno.test("switch user: as the target's trust policy says; none otherwise", async () => {
  await using api = await startTestEmulator();
  const target = { operatorId: switchTarget.operatorId, userName: switchTarget.userName };
  const fromSam = await signIn(api, { ...samLogin, mfaOTPCode: api.totp("sam") });
  const fromKey = await signIn(api, authKeyLogin);
  const fromRoot = await signIn(api, rootLogin);
  for (const auth of [fromSam, fromKey, fromRoot]) {
    const answer = await call(api, "POST", "/v1/auth/switch_user", { auth, body: target });
    assert.equal(answer.status, 200, answer.text);
    const switched: Auth = JSON.parse(answer.text);
    assert.equal(switched.operatorId, switchTarget.operatorId);
    assert.equal(switched.userName, switchTarget.userName);
    const payload = jwtPayload(switched.token);
    assert.equal(payload.exp - payload.iat, 3600);
    const me = await call(api, "GET", `/v1/operators/${switchTarget.operatorId}`, {
      auth: switched,
    });
    assert.equal(me.status, 200);
  }
  const plain = await signIn(api, samPlainLogin);
  const denied = await call(api, "POST", "/v1/auth/switch_user", { auth: plain, body: target });
  assert.equal(denied.status, 400);
  assert.equal(codeOf(denied), "AUM0008");
  for (const tokenTimeoutSeconds of [179, 3601]) {
    const bad = await call(api, "POST", "/v1/auth/switch_user", {
      auth: fromSam,
      body: { ...target, tokenTimeoutSeconds },
    });
    assert.equal(bad.status, 400);
    assert.equal(codeOf(bad), "COM0001");
  }
  assert.equal((await call(api, "POST", "/v1/auth/switch_user", { body: target })).status, 401);
});

Deno.test("logout ends only the calling session", async () => {
  await using api = await startTestEmulator();
  const a = await signIn(api, rootLogin);
  const b = await signIn(api, rootLogin);
  const out = await call(api, "POST", "/v1/auth/logout", { auth: a });
  assert.equal(out.status, 204);
  assert.equal(out.text, "");
  assert.equal((await call(api, "GET", "/v1/subscribers", { auth: a })).status, 401);
  assert.equal((await call(api, "GET", "/v1/subscribers", { auth: b })).status, 200);
});

Deno.test("MFA: a SAM user turns it on with a code of its new secret; then sign-in needs one", async () => {
  await using api = await startTestEmulator();
  const admin = await signIn(api, authKeyLogin);
  const user = `/v1/operators/${root.operatorId}/users/carol`;
  assert.equal((await call(api, "POST", user, { auth: admin, body: {} })).status, 201);
  const pw = await call(api, "POST", `${user}/password`, {
    auth: admin,
    body: { password: "carol-Pw1" },
  });
  assert.equal(pw.status, 201, pw.text);
  const login = { operatorId: root.operatorId, userName: "carol", password: "carol-Pw1" };
  await signIn(api, login);
  const enabled = await call(api, "POST", `${user}/mfa`, { auth: admin });
  const uri: string = JSON.parse(enabled.text).totpUri;
  const secret = new URL(uri).searchParams.get("secret") ?? "";
  assert.match(uri, /^otpauth:\/\/totp\//);
  // Not on until verified: a sign-in still needs no code.
  await signIn(api, login);
  const wrong = await call(api, "POST", `${user}/mfa/verify`, {
    auth: admin,
    body: { mfaOTPCode: "000000" },
  });
  assert.equal(codeOf(wrong), "AUM0064");
  const code = totpFor(secret, api.now());
  assert.equal(
    (await call(api, "POST", `${user}/mfa/verify`, { auth: admin, body: { mfaOTPCode: code } }))
      .status,
    204,
  );
  assert.equal(codeOf(await call(api, "POST", "/v1/auth", { body: login })), "AUM0063");
  await signIn(api, { ...login, mfaOTPCode: totpFor(secret, api.now()) });
  const status = await call(api, "GET", `${user}/mfa`, { auth: admin });
  assert.equal(JSON.parse(status.text).status, "ACTIVE");
});

Deno.test("sandbox init: needs a known AuthKey and makes an operator that can sign in", async () => {
  await using api = await startTestEmulator();
  const init = {
    email: "sandbox@example.com",
    password: "sandbox-Passw0rd",
    ...authKeyLogin,
    coverageTypes: ["jp"],
    registerPaymentMethod: true,
  };
  const created = await call(api, "POST", "/v1/sandbox/init", { body: init });
  assert.equal(created.status, 201, created.text);
  const sandbox: Auth = JSON.parse(created.text);
  assert.match(sandbox.operatorId, /^OP\d{10}$/);
  const me = await call(api, "GET", `/v1/operators/${sandbox.operatorId}`, { auth: sandbox });
  assert.equal(JSON.parse(me.text).email, init.email);
  assert.equal(
    (await signIn(api, { email: init.email, password: init.password })).operatorId,
    sandbox.operatorId,
  );
  assert.equal(codeOf(await call(api, "POST", "/v1/sandbox/init", { body: init })), "SBX0002");
  const badKey = await call(api, "POST", "/v1/sandbox/init", {
    body: { ...init, email: "other@example.com", authKey: "secret-wrong" },
  });
  assert.equal(codeOf(badKey), "SBX0001");
  const incomplete = await call(api, "POST", "/v1/sandbox/init", { body: { email: "a@b.c" } });
  assert.equal(incomplete.status, 400);
  const signup = await call(api, "POST", "/v1/sandbox/operators/token/new%40example.com", {
    body: authKeyLogin,
  });
  assert.equal(signup.status, 200);
  assert.match(JSON.parse(signup.text).token, /^signup-/);
});
