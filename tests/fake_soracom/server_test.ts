import assert from "node:assert/strict";
import {
  authKey,
  root,
  rootMfa,
  sam,
  samPlain,
  switchTarget,
  totpAccepts,
  totpFor,
} from "./accounts.ts";
import { type KeyedList, pageOf } from "./paging.ts";
import { BIG_NUMBER_TEXT, imsiAt } from "./resources.ts";
import {
  type FakeSoracom,
  type FakeSoracomOptions,
  isPublicPath,
  startFakeSoracom,
} from "./server.ts";

/** 2030-01-01T00:00:00Z, a step boundary for 30 s TOTP. */
const T0 = 1893456000000;

interface Answer {
  status: number;
  headers: Headers;
  text: string;
}

interface Auth {
  apiKey: string;
  token: string;
  operatorId: string;
  userName?: string;
}

interface CallOptions {
  body?: unknown;
  auth?: Auth;
  headers?: Record<string, string>;
}

/** A fake clock the tests move by hand. */
function fakeClock(start = T0) {
  let t = start;
  return {
    now: () => t,
    advance(ms: number) {
      t += ms;
    },
  };
}

async function withFake(
  opts: FakeSoracomOptions,
  fn: (fake: FakeSoracom) => Promise<void>,
): Promise<void> {
  const fake = await startFakeSoracom(opts);
  try {
    await fn(fake);
  } finally {
    await fake.close();
  }
}

/** One request; the body is always read in full. */
async function call(
  fake: FakeSoracom,
  method: string,
  path: string,
  opts: CallOptions = {},
): Promise<Answer> {
  const headers = new Headers(opts.headers);
  if (opts.body !== undefined) headers.set("content-type", "application/json");
  if (opts.auth !== undefined) {
    headers.set("x-soracom-api-key", opts.auth.apiKey);
    headers.set("x-soracom-token", opts.auth.token);
  }
  const res = await fetch(`${fake.url}${path}`, {
    method,
    headers,
    body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

async function signIn(
  fake: FakeSoracom,
  body: Record<string, unknown>,
): Promise<Auth> {
  const answer = await call(fake, "POST", "/v1/auth", { body });
  assert.equal(answer.status, 200, answer.text);
  return JSON.parse(answer.text);
}

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

const rootLogin = { email: root.email, password: root.password };
const authKeyLogin = { authKeyId: authKey.authKeyId, authKey: authKey.authKey };
const samLogin = { operatorId: sam.operatorId, userName: sam.userName, password: sam.password };
const samPlainLogin = {
  operatorId: samPlain.operatorId,
  userName: samPlain.userName,
  password: samPlain.password,
};
const rootMfaLogin = { email: rootMfa.email, password: rootMfa.password };

Deno.test("totpFor follows RFC 6238 (SHA1, 6 digits, 30 s)", () => {
  // RFC 6238 appendix B, seed "12345678901234567890", T = 59 s: 94287082 (8 digits) -> 287082.
  assert.equal(totpFor("GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", 59_000), "287082");
  assert.equal(totpAccepts(sam.mfaSecret, totpFor(sam.mfaSecret, T0 - 30_000), T0), true);
  assert.equal(totpAccepts(sam.mfaSecret, totpFor(sam.mfaSecret, T0 - 60_000), T0), false);
});

Deno.test("auth: root, AuthKey and plain SAM user sign in", async () => {
  await withFake({}, async (fake) => {
    const r = await signIn(fake, rootLogin);
    assert.equal(r.operatorId, root.operatorId);
    assert.equal(r.userName, undefined);
    assert.match(r.apiKey, /^api-[0-9a-f-]{36}$/);
    assert.equal(jwtPayload(r.token).operator.operatorId, root.operatorId);

    const k = await signIn(fake, authKeyLogin);
    assert.equal(k.operatorId, authKey.operatorId);
    assert.equal(k.userName, undefined);

    const s = await signIn(fake, samPlainLogin);
    assert.equal(s.userName, samPlain.userName);
    assert.equal(s.operatorId, samPlain.operatorId);
    const payload = jwtPayload(s.token);
    assert.equal(payload.operator.operatorId, samPlain.operatorId);
    assert.equal(payload.user?.userName, samPlain.userName);
    assert.equal(payload.exp - payload.iat, 86400);

    const me = await call(fake, "GET", `/v1/operators/${root.operatorId}`, { auth: r });
    assert.equal(me.status, 200);
    assert.deepEqual(JSON.parse(me.text).email, root.email);
  });
});

Deno.test("auth: wrong credentials give 401 in en and ja", async () => {
  await withFake({}, async (fake) => {
    for (
      const body of [
        { email: root.email, password: "nope" },
        { authKeyId: authKey.authKeyId, authKey: "secret-wrong" },
        { operatorId: sam.operatorId, userName: sam.userName, password: "nope" },
        {},
      ]
    ) {
      const en = await call(fake, "POST", "/v1/auth", { body });
      assert.equal(en.status, 401);
      assert.deepEqual(JSON.parse(en.text), {
        code: "AUM0003",
        message: "Authentication failed.",
      });
    }
    const ja = await call(fake, "POST", "/v1/auth", {
      body: { email: root.email, password: "nope" },
      headers: { "X-Soracom-Lang": "ja" },
    });
    assert.deepEqual(JSON.parse(ja.text), { code: "AUM0003", message: "認証に失敗しました。" });
  });
});

Deno.test("auth: MFA accounts without an OTP get AUM0063 (en and ja, exact bodies)", async () => {
  await withFake({}, async (fake) => {
    for (const body of [samLogin, rootMfaLogin]) {
      const en = await call(fake, "POST", "/v1/auth", { body });
      assert.equal(en.status, 401);
      assert.equal(en.headers.get("content-type"), "application/json");
      assert.equal(en.text, '{"code":"AUM0063","message":"MFA OTP code is required."}');
      const ja = await call(fake, "POST", "/v1/auth", {
        body,
        headers: { "X-Soracom-Lang": "ja" },
      });
      assert.equal(ja.status, 401);
      assert.equal(ja.text, '{"code":"AUM0063","message":"MFA OTPコードが必要です。"}');
    }
    // A wrong password wins over a missing OTP.
    const wrong = await call(fake, "POST", "/v1/auth", {
      body: { ...samLogin, password: "nope" },
    });
    assert.equal(JSON.parse(wrong.text).code, "AUM0003");
  });
});

Deno.test("auth: a wrong OTP gets AUM0064; current and adjacent-step OTPs pass", async () => {
  const clock = fakeClock(T0 + 5_000);
  await withFake({ now: clock.now }, async (fake) => {
    const stale = totpFor(sam.mfaSecret, clock.now() - 90_000);
    assert.notEqual(stale, fake.totp("sam"));
    const en = await call(fake, "POST", "/v1/auth", { body: { ...samLogin, mfaOTPCode: stale } });
    assert.equal(en.status, 401);
    assert.deepEqual(JSON.parse(en.text), {
      code: "AUM0064",
      message: "MFA OTP code is invalid.",
    });
    const ja = await call(fake, "POST", "/v1/auth", {
      body: { ...samLogin, mfaOTPCode: "000000x" },
      headers: { "x-soracom-lang": "ja" },
    });
    assert.deepEqual(JSON.parse(ja.text), {
      code: "AUM0064",
      message: "MFA OTPコードが正しくありません。",
    });

    const s = await signIn(fake, { ...samLogin, mfaOTPCode: fake.totp("sam") });
    assert.equal(s.userName, sam.userName);
    assert.equal(fake.totp("samMfa"), fake.totp("sam"));
    const previous = totpFor(sam.mfaSecret, clock.now() - 30_000);
    await signIn(fake, { ...samLogin, mfaOTPCode: previous });
    const r = await signIn(fake, { ...rootMfaLogin, mfaOTPCode: fake.totp("rootMfa") });
    assert.equal(r.operatorId, rootMfa.operatorId);
    const direct = await signIn(fake, {
      operatorId: switchTarget.operatorId,
      userName: switchTarget.userName,
      password: switchTarget.password,
      mfaOTPCode: fake.totp("switchTarget"),
    });
    assert.equal(direct.userName, switchTarget.userName);
  });
});

Deno.test("auth: AuthKeys never need an OTP; MFA codes use the server clock", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    await signIn(fake, authKeyLogin);
    const code = fake.totp("rootMfa");
    clock.advance(120_000);
    const late = await call(fake, "POST", "/v1/auth", {
      body: { ...rootMfaLogin, mfaOTPCode: code },
    });
    assert.equal(JSON.parse(late.text).code, "AUM0064");
  });
});

Deno.test("auth: tokenTimeoutSeconds is bounded and sets the expiry", async () => {
  await withFake({}, async (fake) => {
    const tooLong = await call(fake, "POST", "/v1/auth", {
      body: { ...rootLogin, tokenTimeoutSeconds: 172801 },
    });
    assert.equal(tooLong.status, 400);
    assert.equal(JSON.parse(tooLong.text).code, "COM0001");
    const notJson = await fetch(`${fake.url}/v1/auth`, { method: "POST", body: "{" });
    assert.equal(notJson.status, 400);
    await notJson.body?.cancel();
    const max = await signIn(fake, { ...rootLogin, tokenTimeoutSeconds: 172800 });
    const payload = jwtPayload(max.token);
    assert.equal(payload.exp - payload.iat, 172800);
  });
});

Deno.test("sessions: tokens expire on the server clock", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    const auth = await signIn(fake, { ...rootLogin, tokenTimeoutSeconds: 600 });
    const path = `/v1/operators/${root.operatorId}`;
    assert.equal((await call(fake, "GET", path, { auth })).status, 200);
    clock.advance(599_999);
    assert.equal((await call(fake, "GET", path, { auth })).status, 200);
    clock.advance(1);
    const expired = await call(fake, "GET", path, { auth });
    assert.equal(expired.status, 401);
    assert.equal(JSON.parse(expired.text).code, "AUM0002");
    // Renewing an expired session is a 400: the caller must sign in again.
    const renew = await call(fake, "POST", `${path}/token`, { auth, body: {} });
    assert.equal(renew.status, 400);
    assert.equal(JSON.parse(renew.text).code, "AUM0009");
  });
});

Deno.test("sessions: renewing the token invalidates the old one", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    const auth = await signIn(fake, { ...rootLogin, tokenTimeoutSeconds: 600 });
    const path = `/v1/operators/${root.operatorId}`;
    clock.advance(300_000);
    const renew = await call(fake, "POST", `${path}/token`, {
      auth,
      body: { tokenTimeoutSeconds: 3600 },
    });
    assert.equal(renew.status, 200);
    const { token } = JSON.parse(renew.text);
    assert.notEqual(token, auth.token);
    assert.equal(jwtPayload(token).exp, Math.floor((T0 + 300_000) / 1000) + 3600);

    const old = await call(fake, "GET", path, { auth });
    assert.equal(old.status, 401);
    const renewed = { ...auth, token };
    clock.advance(3_000_000);
    assert.equal((await call(fake, "GET", path, { auth: renewed })).status, 200);

    // An empty body is allowed (default timeout); another operator's ID is not.
    const empty = await fetch(`${fake.url}${path}/token`, {
      method: "POST",
      headers: { "x-soracom-api-key": renewed.apiKey, "x-soracom-token": renewed.token },
    });
    assert.equal(empty.status, 200);
    const { token: third } = await empty.json();
    const other = await call(fake, "POST", `/v1/operators/${rootMfa.operatorId}/token`, {
      auth: { ...renewed, token: third },
      body: {},
    });
    assert.equal(other.status, 403);
  });
});

Deno.test("sessions: missing or bogus credentials are 401 in en and ja", async () => {
  await withFake({}, async (fake) => {
    const none = await call(fake, "GET", "/v1/subscribers");
    assert.equal(none.status, 401);
    assert.equal(JSON.parse(none.text).code, "AUM0001");
    const ja = await call(fake, "GET", "/v1/subscribers", { headers: { "x-soracom-lang": "ja" } });
    assert.deepEqual(JSON.parse(ja.text), {
      code: "AUM0001",
      message: "リクエストヘッダーに API キーと API トークンが必要です。",
    });
    const bogus = await call(fake, "GET", "/v1/subscribers", {
      auth: { apiKey: "api-x", token: "y", operatorId: "" },
    });
    assert.equal(bogus.status, 401);
    assert.equal(JSON.parse(bogus.text).code, "AUM0002");
  });
});

Deno.test("sessions: GET /operators/{id} is limited to the caller's operator", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, samPlainLogin);
    const mine = await call(fake, "GET", `/v1/operators/${samPlain.operatorId}`, { auth });
    assert.equal(mine.status, 200);
    assert.equal(JSON.parse(mine.text).operatorId, samPlain.operatorId);
    const other = await call(fake, "GET", `/v1/operators/${rootMfa.operatorId}`, { auth });
    assert.equal(other.status, 403);
  });
});

Deno.test("switch user: allowed from sam, the AuthKey and root; denied otherwise", async () => {
  await withFake({}, async (fake) => {
    const target = { operatorId: switchTarget.operatorId, userName: switchTarget.userName };
    const fromSam = await signIn(fake, { ...samLogin, mfaOTPCode: fake.totp("sam") });
    const fromKey = await signIn(fake, authKeyLogin);
    const fromRoot = await signIn(fake, rootLogin);
    for (const auth of [fromSam, fromKey, fromRoot]) {
      const answer = await call(fake, "POST", "/v1/auth/switch_user", { auth, body: target });
      assert.equal(answer.status, 200, answer.text);
      const switched: Auth = JSON.parse(answer.text);
      assert.equal(switched.operatorId, switchTarget.operatorId);
      assert.equal(switched.userName, switchTarget.userName);
      assert.notEqual(switched.apiKey, auth.apiKey);
      const payload = jwtPayload(switched.token);
      assert.equal(payload.operator.operatorId, switchTarget.operatorId);
      assert.equal(payload.exp - payload.iat, 3600);
      const me = await call(fake, "GET", `/v1/operators/${switchTarget.operatorId}`, {
        auth: switched,
      });
      assert.equal(me.status, 200);
    }
    const short = await call(fake, "POST", "/v1/auth/switch_user", {
      auth: fromKey,
      body: { ...target, tokenTimeoutSeconds: 180 },
    });
    const shortPayload = jwtPayload(JSON.parse(short.text).token);
    assert.equal(shortPayload.exp - shortPayload.iat, 180);

    const plain = await signIn(fake, samPlainLogin);
    const denied = await call(fake, "POST", "/v1/auth/switch_user", { auth: plain, body: target });
    assert.equal(denied.status, 400);
    assert.deepEqual(JSON.parse(denied.text), {
      code: "AUM0008",
      message: "Switch user not allowed.",
    });
    const unknown = await call(fake, "POST", "/v1/auth/switch_user", {
      auth: fromSam,
      body: { operatorId: "OP0099999999", userName: "nobody" },
      headers: { "x-soracom-lang": "ja" },
    });
    assert.equal(unknown.status, 400);
    assert.equal(JSON.parse(unknown.text).message, "スイッチユーザーは許可されていません。");
    for (const tokenTimeoutSeconds of [179, 3601]) {
      const bad = await call(fake, "POST", "/v1/auth/switch_user", {
        auth: fromSam,
        body: { ...target, tokenTimeoutSeconds },
      });
      assert.equal(bad.status, 400);
      assert.equal(JSON.parse(bad.text).code, "COM0001");
    }
    const noSession = await call(fake, "POST", "/v1/auth/switch_user", { body: target });
    assert.equal(noSession.status, 401);
  });
});

Deno.test("logout revokes only the calling session", async () => {
  await withFake({}, async (fake) => {
    const a = await signIn(fake, rootLogin);
    const b = await signIn(fake, rootLogin);
    const out = await call(fake, "POST", "/v1/auth/logout", { auth: a });
    assert.equal(out.status, 204);
    assert.equal(out.text, "");
    assert.equal((await call(fake, "GET", "/v1/subscribers", { auth: a })).status, 401);
    assert.equal((await call(fake, "POST", "/v1/auth/logout", { auth: a })).status, 401);
    assert.equal((await call(fake, "GET", "/v1/subscribers", { auth: b })).status, 200);
  });
});

Deno.test("subscribers: paging with x-soracom-next-key returns every subscriber once", async () => {
  await withFake({ subscriberCount: 250 }, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const imsis: string[] = [];
    const pageSizes: number[] = [];
    let key: string | null = null;
    do {
      const query: string = key === null ? "" : `&last_evaluated_key=${key}`;
      const page = await call(fake, "GET", `/v1/subscribers?limit=100${query}`, { auth });
      assert.equal(page.status, 200);
      assert.equal(page.headers.get("content-type"), "application/json");
      const items: { imsi: string; operatorId: string }[] = JSON.parse(page.text);
      pageSizes.push(items.length);
      imsis.push(...items.map((s) => s.imsi));
      key = page.headers.get("x-soracom-next-key");
      if (key !== null) assert.equal(key, items[items.length - 1].imsi);
    } while (key !== null);
    assert.deepEqual(pageSizes, [100, 100, 50]);
    assert.equal(imsis.length, 250);
    assert.equal(new Set(imsis).size, 250);
    assert.equal(imsis[0], "440100000000000");
    assert.equal(imsis[249], "440100000000249");
    assert.equal(fake.count("GET", "/v1/subscribers"), 3);

    const capped = await call(fake, "GET", "/v1/subscribers?limit=1000", { auth });
    assert.equal(JSON.parse(capped.text).length, 100);
    const byDefault = await call(fake, "GET", "/v1/subscribers", { auth });
    assert.equal(JSON.parse(byDefault.text).length, 100);
    for (const limit of ["0", "-1", "abc", "1.5"]) {
      const bad = await call(fake, "GET", `/v1/subscribers?limit=${limit}`, { auth });
      assert.equal(bad.status, 400, limit);
    }
    const past = await call(fake, "GET", `/v1/subscribers?last_evaluated_key=${imsiAt(249)}`, {
      auth,
    });
    assert.equal(past.text, "[]");
    assert.equal(past.headers.get("x-soracom-next-key"), null);
  });
});

Deno.test("subscribers: an exact page boundary ends without a next key; none is []", async () => {
  await withFake({ subscriberCount: 4 }, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const first = await call(fake, "GET", "/v1/subscribers?limit=2", { auth });
    assert.equal(first.headers.get("x-soracom-next-key"), imsiAt(1));
    const second = await call(
      fake,
      "GET",
      `/v1/subscribers?limit=2&last_evaluated_key=${imsiAt(1)}`,
      {
        auth,
      },
    );
    assert.equal(JSON.parse(second.text).length, 2);
    assert.equal(second.headers.get("x-soracom-next-key"), null);
  });
  await withFake({ subscriberCount: 0 }, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const empty = await call(fake, "GET", "/v1/subscribers", { auth });
    assert.equal(empty.status, 200);
    assert.equal(empty.text, "[]");
    assert.equal(empty.headers.get("x-soracom-next-key"), null);
  });
});

Deno.test("subscribers: 100,000 subscribers are served lazily (first and last page)", async () => {
  await withFake({ subscriberCount: 100_000 }, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const first = await call(fake, "GET", "/v1/subscribers?limit=100", { auth });
    assert.equal(JSON.parse(first.text).length, 100);
    assert.equal(first.headers.get("x-soracom-next-key"), imsiAt(99));
    const last = await call(
      fake,
      "GET",
      `/v1/subscribers?limit=100&last_evaluated_key=${imsiAt(99_899)}`,
      { auth },
    );
    const items: { imsi: string }[] = JSON.parse(last.text);
    assert.equal(items.length, 100);
    assert.equal(items[0].imsi, "440100000099900");
    assert.equal(items[99].imsi, "440100000099999");
    assert.equal(last.headers.get("x-soracom-next-key"), null);
  });
});

Deno.test("paging builds only the requested page, even from a huge list", () => {
  let built = 0;
  const list: KeyedList = {
    size: 1e12,
    keyAt: (i) => String(i).padStart(13, "0"),
    itemJson: (i) => {
      built++;
      return String(i);
    },
  };
  const page = pageOf(list, String(999_999_999_989).padStart(13, "0"), 100);
  assert.equal(page.json, `[${[...Array(10).keys()].map((i) => 999_999_999_990 + i)}]`);
  assert.equal(page.nextKey, undefined);
  assert.equal(built, 10);
});

Deno.test("subscribers: large integers are written literally; single GET and 404", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const list = await call(fake, "GET", "/v1/subscribers", { auth });
    assert.equal(JSON.parse(list.text).length, 5);
    assert.ok(list.text.includes(`"bigNumber":${BIG_NUMBER_TEXT}`));
    assert.ok(list.text.includes('"createdTime":1700000000000'));
    const one = await call(fake, "GET", `/v1/subscribers/${imsiAt(3)}`, { auth });
    assert.equal(one.status, 200);
    assert.equal(JSON.parse(one.text).imsi, "440100000000003");
    assert.ok(one.text.endsWith(`"bigNumber":12345678901234567890}`));
    const missing = await call(fake, "GET", `/v1/subscribers/${imsiAt(5)}`, {
      auth,
      headers: { "x-soracom-lang": "ja" },
    });
    assert.equal(missing.status, 404);
    assert.deepEqual(JSON.parse(missing.text), {
      code: "SEM0004",
      message: "指定された加入者は存在しません。",
    });
  });
});

Deno.test("soralets: a small fixed list with paging", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, authKeyLogin);
    const first = await call(fake, "GET", "/v1/soralets?limit=2", { auth });
    const items: { soraletId: string; operatorId: string; createdTime: number }[] = JSON.parse(
      first.text,
    );
    assert.deepEqual(items.map((s) => s.soraletId), ["echo", "hello"]);
    assert.equal(items[1].operatorId, authKey.operatorId);
    assert.equal(first.headers.get("x-soracom-next-key"), "hello");
    const rest = await call(fake, "GET", "/v1/soralets?limit=2&last_evaluated_key=hello", { auth });
    assert.deepEqual(JSON.parse(rest.text).map((s: { soraletId: string }) => s.soraletId), [
      "uplink-transform",
    ]);
    assert.equal(rest.headers.get("x-soracom-next-key"), null);
  });
});

Deno.test("setNextKeyLoop: the same next key comes back forever", async () => {
  await withFake({ subscriberCount: 5 }, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    fake.setNextKeyLoop("/v1/subscribers");
    const keys: (string | null)[] = [];
    let key = "";
    for (let i = 0; i < 4; i++) {
      const query = key === "" ? "" : `&last_evaluated_key=${key}`;
      const page = await call(fake, "GET", `/v1/subscribers?limit=2${query}`, { auth });
      assert.equal(page.status, 200);
      key = page.headers.get("x-soracom-next-key") ?? "";
      keys.push(key);
    }
    assert.deepEqual(keys, [imsiAt(1), imsiAt(1), imsiAt(1), imsiAt(1)]);
    // Other paths page normally.
    const soralets = await call(fake, "GET", "/v1/soralets", { auth });
    assert.equal(soralets.headers.get("x-soracom-next-key"), null);
  });
});

Deno.test("faults: status faults, with headers, times and method filter", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    fake.injectFault({ path: "/v1/subscribers" }, { kind: "status", status: 503 }, 2);
    fake.injectFault({ method: "GET", path: "/v1/soralets" }, {
      kind: "status",
      status: 429,
      headers: { "retry-after": "1" },
      body: '{"code":"TOO_MANY","message":"slow down"}',
    });
    fake.injectFault({ method: "POST", path: "/v1/operators/OP0012345678" }, {
      kind: "status",
      status: 500,
    });
    for (let i = 0; i < 2; i++) {
      const failed = await call(fake, "GET", "/v1/subscribers", { auth });
      assert.equal(failed.status, 503);
      assert.equal(JSON.parse(failed.text).code, "FAKE0001");
    }
    assert.equal((await call(fake, "GET", "/v1/subscribers", { auth })).status, 200);
    const limited = await call(fake, "GET", "/v1/soralets", { auth });
    assert.equal(limited.status, 429);
    assert.equal(limited.headers.get("retry-after"), "1");
    assert.equal(limited.text, '{"code":"TOO_MANY","message":"slow down"}');
    // Faults apply before auth, and the POST-only fault leaves GET alone.
    assert.equal((await call(fake, "GET", "/v1/operators/OP0012345678", { auth })).status, 200);
    assert.equal(fake.count("GET", "/v1/subscribers"), 3);
    assert.equal(fake.count("GET", "/v1/soralets"), 1);
    assert.throws(() => fake.injectFault({ path: "/v1/x" }, { kind: "reset" }, 0), RangeError);
  });
});

Deno.test("faults: reset drops the connection mid-body", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    fake.injectFault({ path: "/v1/subscribers" }, { kind: "reset" });
    const res = await fetch(`${fake.url}/v1/subscribers`, {
      headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
    });
    assert.equal(res.status, 200);
    await assert.rejects(res.text());
    assert.equal((await call(fake, "GET", "/v1/subscribers", { auth })).status, 200);
  });
});

Deno.test("faults: truncate sends half of the real body as a complete 200", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const whole = await call(fake, "GET", "/v1/subscribers", { auth });
    fake.injectFault({ method: "GET", path: "/v1/subscribers" }, { kind: "truncate" });
    const cut = await call(fake, "GET", "/v1/subscribers", { auth });
    assert.equal(cut.status, 200);
    assert.equal(cut.headers.get("content-type"), "application/json");
    assert.equal(cut.text, whole.text.slice(0, Math.floor(whole.text.length / 2)));
    assert.throws(() => JSON.parse(cut.text), SyntaxError);
    // A body-less answer is replaced by a stand-in JSON document, still cut.
    fake.injectFault({ path: "/v1/auth/logout" }, { kind: "truncate" });
    const logout = await call(fake, "POST", "/v1/auth/logout", { auth });
    assert.equal(logout.status, 200);
    assert.throws(() => JSON.parse(logout.text), SyntaxError);
  });
});

Deno.test("faults: hang never answers until the client gives up or close()", async () => {
  const fake = await startFakeSoracom();
  let pending: Promise<unknown> | undefined;
  try {
    fake.injectFault({ path: "/v1/subscribers" }, { kind: "hang" }, 2);
    await assert.rejects(
      fetch(`${fake.url}/v1/subscribers`, { signal: AbortSignal.timeout(200) }),
      (error: unknown) => error instanceof DOMException && error.name === "TimeoutError",
    );
    pending = fetch(`${fake.url}/v1/subscribers`).then((res) => res.text());
    // Wait until the second request has arrived, then close with it still hanging.
    while (fake.count("GET", "/v1/subscribers") < 2) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  } finally {
    await fake.close();
  }
  await assert.rejects(pending);
  await fake.close();
});

Deno.test("stubs: win over built-ins, need a session unless the path is public", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    const path = "/v1/groups/g1/configuration/SoracomAir";
    fake.stub("put", path, { status: 200, body: '{"groupId":"g1"}' });
    fake.stub("GET", "/v1/subscribers", {
      status: 200,
      body: "[]",
      headers: { "x-soracom-next-key": "stubbed" },
    });
    fake.stub("POST", "/v1/auth/password_reset_token/issue", { status: 204 });
    fake.stub("GET", "/v1/files/private/a.bin", {
      status: 200,
      headers: { "content-type": "application/octet-stream" },
      body: new Uint8Array([0, 1, 2, 255]),
    });

    const noAuth = await call(fake, "PUT", path, { body: [] });
    assert.equal(noAuth.status, 401);
    const ok = await call(fake, "PUT", path, { auth, body: [] });
    assert.equal(ok.status, 200);
    assert.equal(ok.headers.get("content-type"), "application/json");
    assert.equal(ok.text, '{"groupId":"g1"}');
    assert.equal((await call(fake, "GET", path, { auth })).status, 404);

    const list = await call(fake, "GET", "/v1/subscribers", { auth });
    assert.equal(list.text, "[]");
    assert.equal(list.headers.get("x-soracom-next-key"), "stubbed");

    const reset = await call(fake, "POST", "/v1/auth/password_reset_token/issue", {
      body: { email: "x@example.com" },
    });
    assert.equal(reset.status, 204);

    const file = await fetch(`${fake.url}/v1/files/private/a.bin`, {
      headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
    });
    assert.equal(file.headers.get("content-type"), "application/octet-stream");
    assert.deepEqual(new Uint8Array(await file.arrayBuffer()), new Uint8Array([0, 1, 2, 255]));
  });
});

Deno.test("unknown paths: 401 without a session, 404 with one; public paths need none", async () => {
  await withFake({}, async (fake) => {
    const auth = await signIn(fake, rootLogin);
    assert.equal((await call(fake, "GET", "/v1/no/such/thing")).status, 401);
    const missing = await call(fake, "GET", "/v1/no/such/thing", { auth });
    assert.equal(missing.status, 404);
    assert.equal(JSON.parse(missing.text).code, "COM0002");
    assert.equal((await call(fake, "GET", "/elsewhere")).status, 404);
    const publicMissing = await call(fake, "POST", "/v1/operators/mfa_revoke_token/issue", {
      body: {},
    });
    assert.equal(publicMissing.status, 404);
    assert.equal(isPublicPath("/v1/auth"), true);
    assert.equal(isPublicPath("/v1/sandbox/operators/token/a@example.com"), true);
    assert.equal(isPublicPath("/v1/operators/add_email_token/verify"), true);
    assert.equal(isPublicPath("/v1/auth/switch_user"), false);
    assert.equal(isPublicPath("/v1/sandbox/subscribers/create"), false);
  });
});

Deno.test("request log: every request in order, lower-case headers, body and query", async () => {
  const clock = fakeClock();
  await withFake({ now: clock.now }, async (fake) => {
    await call(fake, "POST", "/v1/auth", {
      body: rootLogin,
      headers: { "X-Soracom-Lang": "ja", "User-Agent": "test-agent" },
    });
    clock.advance(1000);
    fake.injectFault({ path: "/v1/subscribers" }, { kind: "status", status: 503 });
    await call(fake, "GET", "/v1/subscribers?limit=2&tag=a&tag=b");
    assert.equal(fake.log.length, 2);
    const [auth, list] = fake.log;
    assert.equal(auth.method, "POST");
    assert.equal(auth.path, "/v1/auth");
    assert.deepEqual(JSON.parse(auth.body), rootLogin);
    assert.equal(auth.headers["x-soracom-lang"], "ja");
    assert.equal(auth.headers["user-agent"], "test-agent");
    assert.equal(auth.headers["content-type"], "application/json");
    assert.equal(auth.time, T0);
    assert.equal(list.method, "GET");
    assert.equal(list.path, "/v1/subscribers");
    assert.deepEqual(list.query, { limit: ["2"], tag: ["a", "b"] });
    assert.equal(list.body, "");
    assert.equal(list.time, T0 + 1000);
    assert.equal(fake.count("post", "/v1/auth"), 1);
    assert.equal(fake.count("GET", "/v1/subscribers?limit=2&tag=a&tag=b"), 0);
  });
});

Deno.test("sandbox init: needs the production AuthKey and creates a root account", async () => {
  await withFake({}, async (fake) => {
    const init = {
      email: "sandbox@example.com",
      password: "sandbox-Passw0rd",
      ...authKeyLogin,
      coverageTypes: ["jp"],
      registerPaymentMethod: true,
    };
    const created = await call(fake, "POST", "/v1/sandbox/init", { body: init });
    assert.equal(created.status, 201, created.text);
    const sandbox: Auth = JSON.parse(created.text);
    assert.match(sandbox.operatorId, /^OP\d{10}$/);
    const me = await call(fake, "GET", `/v1/operators/${sandbox.operatorId}`, { auth: sandbox });
    assert.equal(JSON.parse(me.text).email, init.email);
    const again = await signIn(fake, { email: init.email, password: init.password });
    assert.equal(again.operatorId, sandbox.operatorId);

    const taken = await call(fake, "POST", "/v1/sandbox/init", { body: init });
    assert.equal(taken.status, 400);
    assert.equal(JSON.parse(taken.text).code, "SBX0002");
    const badKey = await call(fake, "POST", "/v1/sandbox/init", {
      body: { ...init, email: "other@example.com", authKey: "secret-wrong" },
    });
    assert.equal(badKey.status, 400);
    assert.equal(JSON.parse(badKey.text).code, "SBX0001");
    const incomplete = await call(fake, "POST", "/v1/sandbox/init", { body: { email: "a@b.c" } });
    assert.equal(incomplete.status, 400);

    const signup = await call(fake, "POST", "/v1/sandbox/operators/token/new%40example.com", {
      body: authKeyLogin,
    });
    assert.equal(signup.status, 200);
    assert.match(JSON.parse(signup.text).token, /^signup-/);
  });
});

Deno.test("close() is idempotent and the port is released", async () => {
  const fake = await startFakeSoracom();
  const port = Number(new URL(fake.url).port);
  assert.match(fake.url, /^http:\/\/127\.0\.0\.1:\d+$/);
  await Promise.all([fake.close(), fake.close()]);
  const again = await startFakeSoracom({ port });
  assert.equal(again.url, fake.url);
  await again.close();
});
