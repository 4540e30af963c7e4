/**
 * `callApi`'s redirects, on the fake Context: https never goes on as http, a
 * GET follows a redirect without the session's headers, a login never does.
 * (End to end, under the release flags: tests/e2e/security_test.ts.)
 */

import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { type ApiTarget, callApi } from "../../src/api/client.ts";
import { CliError } from "../../src/errors.ts";

const target: ApiTarget = {
  endpoint: "https://api.soracom.io",
  lang: "en",
  extraHeaders: {},
  retry: false,
};
const session = { apiKey: "key-1", token: "tok-1" };

/** A fake network: the first request is redirected to `location`, the rest answer 200. */
function redirecting(location: string, status = 302) {
  const seen: Request[] = [];
  const { ctx } = fakeContext({
    fetch: (req) => {
      seen.push(req);
      return Promise.resolve(
        seen.length === 1
          ? new Response(null, { status, headers: { location } })
          : Response.json({ ok: true }),
      );
    },
  });
  return { ctx, seen };
}

Deno.test("a redirect from https to http is refused before anything is sent there", async () => {
  const { ctx, seen } = redirecting("http://api.soracom.io/v1/files/x");
  const e = await Promise.resolve().then(() =>
    callApi(ctx, target, { method: "GET", path: "/files/private/x" }, session)
  ).then(() => assert.fail("expected a rejection"), (e: unknown) => e);
  assert.ok(e instanceof CliError, String(e));
  assert.ok(e.message.includes("refusing a redirect from https"), e.message);
  assert.equal((e as CliError).kind, "api");
  assert.equal(seen.length, 1);
});

Deno.test("a GET follows a redirect to another https origin, without the session's headers", async () => {
  const { ctx, seen } = redirecting("https://download.example.com/f");
  const response = await callApi(ctx, target, { method: "GET", path: "/files/private/x" }, session);
  assert.equal(response.status, 200);
  assert.equal(seen[1].url, "https://download.example.com/f");
  assert.equal(seen[1].headers.get("x-soracom-api-key"), null);
  assert.equal(seen[1].headers.get("x-soracom-token"), null);
});

Deno.test("logins, renewals and logouts are never redirected, even to the same origin", async () => {
  for (
    const path of [
      "/auth",
      "/auth/switch_user",
      "/auth/logout",
      "/operators/OP1/token",
      "/sandbox/init",
    ]
  ) {
    const { ctx, seen } = redirecting("https://api.soracom.io/v1/elsewhere", 307);
    await assert.rejects(
      () => callApi(ctx, target, { method: "POST", path, body: "{}" }),
      (e) => e instanceof CliError && e.message.includes("with a redirect"),
    );
    assert.equal(seen.length, 1, path);
  }
});

Deno.test("an endpoint's password is never shown: not in the insecure-endpoint error, not in a dry run", async () => {
  const { requireSafeEndpoint } = await import("../../src/auth/invocation.ts");
  const err = await Promise.resolve().then(() =>
    Promise.resolve(requireSafeEndpoint("http://ann:pw-9f3@api.example.com", false))
  ).then(() => assert.fail("expected a rejection"), (e: unknown) => e);
  assert.ok(err instanceof CliError, String(err));
  assert.equal(err.message.includes("pw-9f3"), false, err.message);
  assert.equal(err.message.includes("ann:hidden@api.example.com"), true, err.message);
  const { describeCall } = await import("../../src/api/dry_run.ts");
  for (const curl of [false, true]) {
    const text = describeCall(
      { ...target, endpoint: "https://ann:pw-9f3@api.example.com" },
      { method: "GET", path: "/subscribers" },
      true,
      curl,
    );
    assert.equal(text.includes("pw-9f3"), false, text);
  }
});

Deno.test("the operator ID is read from a token's payload: base64url, unpadded, UTF-8", async () => {
  const { operatorIdFromToken } = await import("../../src/api/client.ts");
  const payload = new TextEncoder().encode(
    JSON.stringify({ operator: { operatorId: "OP0012345678" }, name: "名前?>>" }),
  ).toBase64({ alphabet: "base64url", omitPadding: true });
  assert.ok(/[-_]/.test(payload) && payload.length % 4 !== 0, payload);
  assert.equal(operatorIdFromToken(`h.${payload}.s`), "OP0012345678");
  assert.equal(operatorIdFromToken("h.!!!.s"), undefined);
  assert.equal(operatorIdFromToken("no-dots"), undefined);
});
