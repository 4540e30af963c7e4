/** `soracom auth` and `soracom logout` on the fake: a session printed, cached, and revoked. */
import assert from "node:assert/strict";
import { loadCatalog } from "../../../src/catalog/catalog.ts";
import { authCommand, logoutCommand, runAuth, runLogout } from "../../../src/cli/commands/auth.ts";
import { fakeContext } from "../../../src/context.ts";

const catalog = await loadCatalog();
const opOf = (id: string) => catalog.operations.find((op) => op.operationId === id)!;
const SESSION = { apiKey: "api-key-1234", token: "token-abcdefgh", operatorId: "OP0000000001" };

/** A home with an AuthKey profile, a session folder, and a network that records each request. */
function world() {
  const asked: string[] = [];
  const fake = fakeContext({
    env: { HOME: "/home/ann", SORACOM_SESSION_DIR: "/home/ann/sessions" },
    files: { "/home/ann/.soracom/default.json": '{"authKeyId":"keyId-x","authKey":"secret-x"}' },
    fetch: (req) => {
      asked.push(`${req.method} ${new URL(req.url).pathname}`);
      return Promise.resolve(
        req.url.endsWith("/auth") ? Response.json(SESSION) : new Response(null, { status: 204 }),
      );
    },
  });
  return { ...fake, asked };
}

Deno.test("auth prints the profile's session, logging in once and then from the cache", async () => {
  const w = world();
  await runAuth(w.ctx, opOf("auth"), {});
  await runAuth(w.ctx, opOf("auth"), {});
  assert.deepEqual(w.asked, ["POST /v1/auth"]);
  const printed = w.stdout().split("}\n").filter((s) => s !== "").map((s) => JSON.parse(`${s}}`));
  assert.deepEqual(printed, [SESSION, SESSION]);
});

Deno.test("auth with credentials as flags is the API call itself", async () => {
  const w = world();
  await runAuth(w.ctx, opOf("auth"), { "auth-key-id": "keyId-y", "auth-key": "secret-y" });
  assert.deepEqual(w.asked, ["POST /v1/auth"]);
  assert.equal(JSON.parse(w.stdout()).apiKey, SESSION.apiKey);
});

Deno.test("logout revokes the cached session; with none it says there is nothing to log out", async () => {
  const w = world();
  await runLogout(w.ctx, opOf("logout"), {});
  assert.deepEqual(w.asked, []);
  assert.notEqual(w.stderr(), "");
  await runAuth(w.ctx, opOf("auth"), {});
  await runLogout(w.ctx, opOf("logout"), {});
  assert.deepEqual(w.asked, ["POST /v1/auth", "POST /v1/auth/logout"]);
  await runAuth(w.ctx, opOf("auth"), {});
  assert.equal(w.asked.at(-1), "POST /v1/auth");
});

Deno.test("the commands keep their operation's flags beside their own", () => {
  assert.ok("auth-key-id" in authCommand(catalog).flags);
  assert.ok("all" in logoutCommand(catalog).flags && "local" in logoutCommand(catalog).flags);
});
