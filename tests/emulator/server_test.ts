/**
 * The emulator's pipeline: every path of the catalogue routed and the rest a
 * 404, requests checked against the definition (400), paging with
 * `x-soracom-next-key`, answers that fit the definition for the operations it
 * keeps nothing for, bad input that never stops it, faults, stubs and the
 * request log.
 *
 * @module
 */

import assert from "node:assert/strict";
import { authKey, root } from "../helpers/accounts.ts";
import { startTestEmulator } from "../helpers/emulator.ts";
import { MAX_BODY_BYTES } from "../../src/emulator/server.ts";
import { runInProcess } from "../helpers/context.ts";
import { type Auth, call, codeOf, fakeClock, signIn } from "./http.ts";

const authKeyLogin = { authKeyId: authKey.authKeyId, authKey: authKey.authKey };
const imsiAt = (i: number) => String(440100000000000 + i);

Deno.test("paging: x-soracom-next-key walks every subscriber once; the definition's limit holds", async () => {
  await using api = await startTestEmulator({ sims: 250 });
  const auth = await signIn(api, authKeyLogin);
  const imsis: string[] = [];
  const sizes: number[] = [];
  let key: string | null = null;
  do {
    const query: string = key === null ? "" : `&last_evaluated_key=${key}`;
    const page = await call(api, "GET", `/v1/subscribers?limit=100${query}`, { auth });
    assert.equal(page.status, 200);
    const items: { imsi: string }[] = JSON.parse(page.text);
    sizes.push(items.length);
    imsis.push(...items.map((s) => s.imsi));
    key = page.headers.get("x-soracom-next-key");
    if (key !== null) assert.equal(key, items[items.length - 1].imsi);
  } while (key !== null);
  assert.deepEqual(sizes, [100, 100, 50]);
  assert.equal(new Set(imsis).size, 250);
  assert.equal(imsis[249], imsiAt(249));
  for (const limit of ["0", "-1", "abc", "1.5", "101"]) {
    const bad = await call(api, "GET", `/v1/subscribers?limit=${limit}`, { auth });
    assert.equal(bad.status, 400, limit);
    assert.equal(codeOf(bad), "COM0001");
  }
  const past = await call(api, "GET", `/v1/subscribers?last_evaluated_key=${imsiAt(249)}`, {
    auth,
  });
  assert.equal(past.text, "[]");
  assert.equal(past.headers.get("x-soracom-next-key"), null);
});

Deno.test("paging: an exact page boundary ends without a next key; no SIMs is []", async () => {
  {
    await using api = await startTestEmulator({ sims: 4 });
    const auth = await signIn(api, authKeyLogin);
    const first = await call(api, "GET", "/v1/subscribers?limit=2", { auth });
    assert.equal(first.headers.get("x-soracom-next-key"), imsiAt(1));
    const second = await call(
      api,
      "GET",
      `/v1/subscribers?limit=2&last_evaluated_key=${imsiAt(1)}`,
      {
        auth,
      },
    );
    assert.equal(JSON.parse(second.text).length, 2);
    assert.equal(second.headers.get("x-soracom-next-key"), null);
  }
  await using none = await startTestEmulator({ sims: 0 });
  const auth = await signIn(none, authKeyLogin);
  const empty = await call(none, "GET", "/v1/subscribers", { auth });
  assert.equal(empty.text, "[]");
});

Deno.test("paging: 100,000 SIMs are made on demand (first and last page)", async () => {
  await using api = await startTestEmulator({ sims: 100_000 });
  const auth = await signIn(api, authKeyLogin);
  const first = await call(api, "GET", "/v1/subscribers?limit=100", { auth });
  assert.equal(first.headers.get("x-soracom-next-key"), imsiAt(99));
  const last = await call(
    api,
    "GET",
    `/v1/subscribers?limit=100&last_evaluated_key=${imsiAt(99_899)}`,
    {
      auth,
    },
  );
  const items: { imsi: string }[] = JSON.parse(last.text);
  assert.deepEqual([items.length, items[0].imsi, items[99].imsi], [
    100,
    imsiAt(99_900),
    imsiAt(99_999),
  ]);
  assert.equal(last.headers.get("x-soracom-next-key"), null);
  // Only what changed is kept: the two SIMs of the sample group.
  assert.equal(Object.keys(api.world.data.sims).length, 2);
});

Deno.test("paging: every paged list of the definition pages, even where the emulator keeps nothing", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  const first = await call(api, "GET", "/v1/devices?limit=2", { auth });
  assert.equal(first.status, 200);
  assert.equal(JSON.parse(first.text).length, 2);
  const next = first.headers.get("x-soracom-next-key");
  assert.ok(next !== null);
  const rest = await call(api, "GET", `/v1/devices?limit=2&last_evaluated_key=${next}`, { auth });
  assert.equal(JSON.parse(rest.text).length, 1);
  assert.equal(rest.headers.get("x-soracom-next-key"), null);
  // The same request, the same made-up answer.
  assert.equal((await call(api, "GET", "/v1/devices?limit=2", { auth })).text, first.text);
});

Deno.test("routes: an unknown path or method is a 404 in SORACOM's shape, with or without a session", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  for (
    const [method, path] of [["GET", "/v1/no/such/thing"], ["PATCH", "/v1/subscribers"], [
      "GET",
      "/elsewhere",
    ]]
  ) {
    for (const session of [undefined, auth]) {
      const answer = await call(api, method, path, { auth: session });
      assert.equal(answer.status, 404, `${method} ${path}`);
      assert.equal(codeOf(answer), "COM0002");
    }
  }
  const ja = await call(api, "GET", "/v1/no/such/thing", { headers: { "x-soracom-lang": "ja" } });
  assert.match(JSON.parse(ja.text).message, /ありません/);
});

Deno.test("requests: required parameters, enums, types and the body schema are checked (400)", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  const sub = `/v1/subscribers/${imsiAt(1)}`;
  const cases: [string, string, unknown, RegExp][] = [
    ["POST", `${sub}/update_speed_class`, { speedClass: "s9.warp" }, /speedClass.*s1\.minimum/],
    ["POST", `${sub}/update_speed_class`, {}, /speedClass is required/],
    ["POST", `${sub}/update_speed_class`, { speedClass: 3 }, /speedClass must be string/],
    ["PUT", `${sub}/tags`, [{ tagName: "a" }], /\[0\]\.tagValue is required/],
    ["PUT", `${sub}/tags`, "{not json", /not JSON/],
    ["GET", "/v1/subscribers?tag_value_match_mode=fuzzy", undefined, /tag_value_match_mode.*exact/],
    ["GET", `/v1/data/Subscriber/${imsiAt(0)}?from=yesterday`, undefined, /from must be integer/],
    ["GET", `/v1/data/Nothing/${imsiAt(0)}`, undefined, /resource_type/],
  ];
  for (const [method, path, body, message] of cases) {
    const answer = await call(api, method, path, { auth, body });
    assert.equal(answer.status, 400, `${method} ${path} ${answer.text}`);
    assert.equal(codeOf(answer), "COM0001");
    assert.match(JSON.parse(answer.text).message, message);
  }
  const ja = await call(api, "POST", `${sub}/update_speed_class`, {
    auth,
    body: {},
    headers: { "x-soracom-lang": "ja" },
  });
  assert.match(JSON.parse(ja.text).message, /speedClass は必須です/);
  // Keys the definition does not name are let through, as the API does.
  const extra = await call(api, "POST", `${sub}/update_speed_class`, {
    auth,
    body: { speedClass: "s1.fast", x: 1 },
  });
  assert.equal(extra.status, 200);
});

Deno.test("bad input never stops the server: huge bodies, broken JSON, odd paths, a client gone", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  const huge = await fetch(`${api.url}/v1/groups`, {
    method: "POST",
    headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
    body: new Uint8Array(MAX_BODY_BYTES + 1),
  });
  assert.equal(huge.status, 413);
  assert.equal((await huge.json()).code, "COM0005");
  for (const body of ["{", "[1,", "\u0000", '{"tags": {"a": 1}}', "null", '"text"']) {
    const answer = await call(api, "POST", "/v1/groups", {
      auth,
      body,
      headers: { "content-type": "application/json" },
    });
    assert.ok([201, 400].includes(answer.status), `${body}: ${answer.text}`);
  }
  for (
    const path of ["/v1/subscribers/%", "/v1/subscribers/%E0%A4%A", "/v1//subscribers", "/v1/"]
  ) {
    const answer = await call(api, "GET", path, { auth });
    assert.ok([400, 404].includes(answer.status), `${path}: ${answer.status}`);
  }
  const aborted = new AbortController();
  const gone = fetch(`${api.url}/v1/subscribers`, {
    method: "POST",
    body: new ReadableStream({ start: (c) => c.enqueue(new Uint8Array(10)) }),
    signal: aborted.signal,
  }).catch(() => undefined);
  aborted.abort();
  await gone;
  assert.equal((await call(api, "GET", "/v1/subscribers", { auth })).status, 200);
});

Deno.test("answers fit the definition where the emulator keeps nothing, with the path's IDs", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  const device = await call(api, "GET", "/v1/devices/d-42", { auth });
  assert.equal(device.status, 200);
  assert.equal(JSON.parse(device.text).device_id, "d-42");
  assert.equal(JSON.parse(device.text).operatorId, root.operatorId);
  // Nothing is kept: a delete leaves the same made-up device.
  assert.equal((await call(api, "DELETE", "/v1/devices/d-42", { auth })).status, 204);
  assert.equal((await call(api, "GET", "/v1/devices/d-42", { auth })).text, device.text);
  // An ID the emulator does keep must exist, even for an operation it keeps nothing for.
  const sms = await call(api, "POST", `/v1/subscribers/${imsiAt(99)}/send_sms`, {
    auth,
    body: { payload: "hi" },
  });
  assert.equal(sms.status, 404);
  assert.equal(codeOf(sms), "SEM0004");
});

Deno.test("permissions: a SAM user may call only what its permission and roles allow", async () => {
  await using api = await startTestEmulator();
  const admin = await signIn(api, authKeyLogin);
  const user = `/v1/operators/${root.operatorId}/users/reader`;
  await call(api, "POST", user, { auth: admin, body: {} });
  await call(api, "POST", `${user}/password`, { auth: admin, body: { password: "reader-Pw1" } });
  const permission = JSON.stringify({
    statements: [{ api: ["Subscriber:list*"], effect: "allow" }],
  });
  const set = await call(api, "PUT", `${user}/permission`, { auth: admin, body: { permission } });
  assert.equal(set.status, 200, set.text);
  const reader: Auth = await signIn(api, {
    operatorId: root.operatorId,
    userName: "reader",
    password: "reader-Pw1",
  });
  assert.equal((await call(api, "GET", "/v1/subscribers", { auth: reader })).status, 200);
  const denied = await call(api, "GET", "/v1/groups", { auth: reader });
  assert.equal(denied.status, 403);
  assert.equal(codeOf(denied), "COM0004");
  assert.match(JSON.parse(denied.text).message, /Group:listGroups/);
  // A role gives more; a deny wins over an allow.
  const role = `/v1/operators/${root.operatorId}/roles/groups-reader`;
  const rolePermission = JSON.stringify({
    statements: [{ api: "Group:*", effect: "allow" }, { api: "Group:deleteGroup", effect: "deny" }],
  });
  assert.equal(
    (await call(api, "POST", role, { auth: admin, body: { permission: rolePermission } })).status,
    200,
  );
  assert.equal(
    (await call(api, "POST", `${user}/roles`, { auth: admin, body: { roleId: "groups-reader" } }))
      .status,
    200,
  );
  assert.equal((await call(api, "GET", "/v1/groups", { auth: reader })).status, 200);
  const groupId =
    JSON.parse((await call(api, "GET", "/v1/groups", { auth: reader })).text)[0].groupId;
  assert.equal((await call(api, "DELETE", `/v1/groups/${groupId}`, { auth: reader })).status, 403);
  const badDoc = await call(api, "PUT", `${user}/permission`, {
    auth: admin,
    body: { permission: "{" },
  });
  assert.equal(badDoc.status, 400);
});

Deno.test("faults: status faults come before the API key check; times, method and Retry-After", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  api.injectFault({ path: "/v1/subscribers" }, { kind: "status", status: 503 }, 2);
  api.injectFault({ method: "GET", path: "/v1/soralets" }, {
    kind: "status",
    status: 429,
    body: '{"code":"TOO_MANY","message":"slow down"}',
  });
  for (let i = 0; i < 2; i++) {
    const failed = await call(api, "GET", "/v1/subscribers");
    assert.equal(failed.status, 503);
    assert.equal(codeOf(failed), "COM0500");
  }
  assert.equal((await call(api, "GET", "/v1/subscribers", { auth })).status, 200);
  const limited = await call(api, "GET", "/v1/soralets", { auth });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "1");
  assert.equal(limited.text, '{"code":"TOO_MANY","message":"slow down"}');
  assert.equal(api.count("GET", "/v1/subscribers"), 3);
  assert.throws(() => api.injectFault({ path: "/v1/x" }, { kind: "reset" }, 0), RangeError);
});

Deno.test("faults: every Nth call, path patterns, and a 429 that says when to retry", async () => {
  await using api = await startTestEmulator({
    faults: [{
      path: "/v1/sub*",
      method: "GET",
      every: 3,
      fault: { kind: "status", status: 429, retryAfter: 2 },
    }],
  });
  const auth = await signIn(api, authKeyLogin);
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++) {
    statuses.push((await call(api, "GET", "/v1/subscribers", { auth })).status);
  }
  assert.deepEqual(statuses, [200, 200, 429, 200, 200, 429]);
  const ja = await call(api, "GET", `/v1/subscribers/${imsiAt(0)}`, {
    auth,
    headers: { "x-soracom-lang": "ja" },
  });
  assert.equal(ja.status, 200);
  await call(api, "GET", "/v1/subscribers", { auth });
  const limited = await call(api, "GET", "/v1/subscribers", {
    auth,
    headers: { "x-soracom-lang": "ja" },
  });
  assert.equal(limited.status, 429);
  assert.equal(limited.headers.get("retry-after"), "2");
  assert.match(JSON.parse(limited.text).message, /2 秒後/);
});

Deno.test("faults: drop cuts the connection mid-body; truncate sends half a body as a 200", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  api.injectFault({ path: "/v1/subscribers" }, { kind: "reset" });
  const res = await fetch(`${api.url}/v1/subscribers`, {
    headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
  });
  assert.equal(res.status, 200);
  await assert.rejects(res.text());
  const whole = await call(api, "GET", "/v1/subscribers", { auth });
  api.injectFault({ method: "GET", path: "/v1/subscribers" }, { kind: "truncate" });
  const cut = await call(api, "GET", "/v1/subscribers", { auth });
  assert.equal(cut.status, 200);
  assert.equal(cut.text, whole.text.slice(0, Math.floor(whole.text.length / 2)));
});

Deno.test("faults: delay waits before answering; hang answers never, until close()", async () => {
  const api = await startTestEmulator({
    faults: [{ path: "/v1/auth", fault: { kind: "delay", ms: 50 } }],
  });
  let pending: Promise<unknown> | undefined;
  try {
    const before = Date.now();
    await signIn(api, authKeyLogin);
    assert.ok(Date.now() - before >= 50);
    api.injectFault({ path: "/v1/subscribers" }, { kind: "hang" }, 2);
    await assert.rejects(
      fetch(`${api.url}/v1/subscribers`, { signal: AbortSignal.timeout(200) }),
      (error: unknown) => error instanceof DOMException && error.name === "TimeoutError",
    );
    pending = fetch(`${api.url}/v1/subscribers`).then((res) => res.text());
    while (api.count("GET", "/v1/subscribers") < 2) await new Promise((r) => setTimeout(r, 10));
  } finally {
    await api.close();
  }
  await assert.rejects(pending);
  await api.close();
});

Deno.test("stubs: answer before the operation, after the API key check", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  api.stub("GET", "/v1/subscribers", {
    status: 200,
    body: "[]",
    headers: { "x-soracom-next-key": "stubbed" },
  });
  api.stub("GET", "/v1/files/private/a.bin", {
    status: 200,
    headers: { "content-type": "application/octet-stream" },
    body: new Uint8Array([0, 1, 2, 255]),
  });
  assert.equal((await call(api, "GET", "/v1/subscribers")).status, 401);
  const list = await call(api, "GET", "/v1/subscribers", { auth });
  assert.equal(list.text, "[]");
  assert.equal(list.headers.get("x-soracom-next-key"), "stubbed");
  const file = await fetch(`${api.url}/v1/files/private/a.bin`, {
    headers: { "x-soracom-api-key": auth.apiKey, "x-soracom-token": auth.token },
  });
  assert.deepEqual(new Uint8Array(await file.arrayBuffer()), new Uint8Array([0, 1, 2, 255]));
});

Deno.test("the request log: every request in order, lower-case headers, body and query", async () => {
  const clock = fakeClock(1893456000000);
  await using api = await startTestEmulator({ now: clock.now });
  await call(api, "POST", "/v1/auth", {
    body: { email: root.email, password: root.password },
    headers: { "X-Soracom-Lang": "ja", "User-Agent": "test-agent" },
  });
  clock.advance(1000);
  await call(api, "GET", "/v1/subscribers?limit=2&tag=a&tag=b");
  const [login, list] = api.log;
  assert.equal(api.log.length, 2);
  assert.deepEqual([login.method, login.path, login.headers["user-agent"]], [
    "POST",
    "/v1/auth",
    "test-agent",
  ]);
  assert.equal(login.time, 1893456000000);
  assert.deepEqual(list.query, { limit: ["2"], tag: ["a", "b"] });
  assert.equal(list.time, 1893456001000);
  assert.equal(api.count("post", "/v1/auth"), 1);
});

Deno.test("setNextKeyLoop: the same next key comes back forever", async () => {
  await using api = await startTestEmulator({ sims: 5 });
  const auth = await signIn(api, authKeyLogin);
  api.setNextKeyLoop("/v1/subscribers");
  const keys: string[] = [];
  let key = "";
  for (let i = 0; i < 3; i++) {
    const query = key === "" ? "" : `&last_evaluated_key=${key}`;
    const page = await call(api, "GET", `/v1/subscribers?limit=2${query}`, { auth });
    key = page.headers.get("x-soracom-next-key") ?? "";
    keys.push(key);
  }
  assert.deepEqual(keys, [imsiAt(1), imsiAt(1), imsiAt(1)]);
});

Deno.test("close() twice is fine, and the port is free again", async () => {
  const api = await startTestEmulator();
  const port = Number(new URL(api.url).port);
  await Promise.all([api.close(), api.close()]);
  await using again = await startTestEmulator({ port });
  assert.equal(again.url, api.url);
});

Deno.test("routes: templates that share a position name it their own way", async () => {
  await using api = await startTestEmulator();
  const auth = await signIn(api, authKeyLogin);
  // /coupons/{coupon_code}/register beside /coupons/{order_id}/...: the operation's own name.
  const coupon = await call(api, "POST", "/v1/coupons/CODE-1/register", { auth });
  assert.equal(coupon.status, 200, coupon.text);
  assert.equal(JSON.parse(coupon.text).couponCode, "CODE-1");
  // A literal segment wins over a parameter.
  const token = await call(api, "POST", "/v1/subscribers/transfer_token/issue", {
    auth,
    body: {
      transferDestinationOperatorEmail: "a@example.com",
      transferDestinationOperatorId: "OP0099999999",
      transferImsi: [imsiAt(0)],
    },
  });
  assert.notEqual(token.status, 404, token.text);
});

Deno.test("faults: soracom's retries get through a 429 every third request; a cut is one error", async () => {
  await using api = await startTestEmulator({
    sims: 10,
    faults: [
      {
        path: "/v1/subscribers*",
        method: "GET",
        every: 3,
        fault: { kind: "status", status: 429, retryAfter: 2 },
      },
      { path: "/v1/groups", method: "GET", fault: { kind: "drop" } },
    ],
  });
  const session = api.world.sessions.issue({ operatorId: root.operatorId }, 3600);
  const waits: number[] = [];
  const run = (args: string[]) =>
    runInProcess(args, {
      env: {
        SORACOM_ENDPOINT: api.url,
        SORACOM_API_KEY: session.apiKey,
        SORACOM_API_TOKEN: session.token,
      },
      sleep: (ms) => Promise.resolve(void waits.push(ms)),
    });
  const r = await run(["subscribers", "list", "--fetch-all", "--limit", "2"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(JSON.parse(r.stdout).length, 10);
  assert.equal(api.count("GET", "/v1/subscribers"), 7, "5 pages, 2 of them refused once");
  assert.ok(waits.some((ms) => ms >= 2000), `a 429's Retry-After is waited for: ${waits}`);
  const cut = await run(["groups", "list"]);
  assert.notEqual(cut.code, 0);
  assert.match(cut.stderr, /^Error: .*cut off/);
  assert.equal(cut.stderr.trimEnd().split("\n").length, 1, cut.stderr);
});
