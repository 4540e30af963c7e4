import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { SessionCache } from "../../src/auth/session_cache.ts";
import { cleanLeftovers } from "../../src/auth/session.ts";
import { prepare } from "../../src/auth/invocation.ts";

const DIR = "/home/ann/.cache/soracom/sessions";
const KEY = "a".repeat(64);
const UUID = "0b0c7a3e-2f4d-4e5f-8a9b-0c1d2e3f4a5b";
const held = {
  version: 2,
  identity: KEY,
  apiKey: "api-left",
  token: "token-left",
  operatorId: "OP1",
  expiresAt: Date.UTC(2027, 0, 1),
  lifetimeSeconds: 3600,
  endpoint: "https://api.example",
  label: "profile default",
};

Deno.test("the temp files of killed writes are found by their names; only ours", async () => {
  const files = {
    [`${DIR}/.${KEY}.json.${UUID}.tmp`]: JSON.stringify(held),
    [`${DIR}/.identity.key.${UUID}.tmp`]: "f".repeat(64),
    [`${DIR}/${KEY}.json`]: JSON.stringify(held),
    [`${DIR}/.${KEY}.json.not-a-uuid.tmp`]: "",
    [`${DIR}/notes.tmp`]: "",
  };
  const { ctx } = fakeContext({ env: { HOME: "/home/ann" }, files });
  const cache = new SessionCache(ctx, DIR);
  const found = (await cache.leftovers(0)).sort();
  assert.deepEqual(found, [`.${KEY}.json.${UUID}.tmp`, `.identity.key.${UUID}.tmp`]);
  assert.equal((await cache.leftoverSession(found[0]))?.apiKey, "api-left");
  assert.equal(await cache.leftoverSession(found[1]), undefined);
});

Deno.test("cleaning a killed write's session revokes it at its endpoint, then deletes it", async () => {
  const seen: Request[] = [];
  const fake = fakeContext({
    env: { HOME: "/home/ann" },
    files: { [`${DIR}/.${KEY}.json.${UUID}.tmp`]: JSON.stringify(held) },
    fetch: (req) => {
      seen.push(req);
      return Promise.resolve(new Response(null, { status: 204 }));
    },
  });
  const cache = new SessionCache(fake.ctx, DIR);
  await cleanLeftovers(fake.ctx, await prepare(fake.ctx, {}), cache);
  assert.deepEqual(seen.map((r) => [r.method, r.url, r.headers.get("x-soracom-api-key")]), [
    ["POST", "https://api.example/v1/auth/logout", "api-left"],
  ]);
  assert.equal(fake.file(`${DIR}/.${KEY}.json.${UUID}.tmp`), undefined);
});

Deno.test("with a keyring, the API key and token go there and come back whole, any characters", async () => {
  const secrets = new Map<string, string>();
  const keyring = {
    name: "test keyring",
    get: (account: string) => Promise.resolve(secrets.get(account)),
    set: (account: string, secret: string) => Promise.resolve(void secrets.set(account, secret)),
    delete: (account: string) => Promise.resolve(void secrets.delete(account)),
  };
  const { ctx } = fakeContext({ env: { HOME: "/home/ann" }, now: Date.UTC(2026, 11, 8) });
  const cache = new SessionCache(ctx, DIR, keyring);
  const { version: _v, identity: _i, ...session } = held;
  const odd = { ...session, apiKey: "api-é🔑", token: "token-ü" };
  await cache.put(KEY, odd);
  assert.equal(secrets.size, 1);
  assert.ok(![...secrets.values()][0].includes("token-"), "kept encoded, not as it is");
  const back = await cache.get(KEY, odd.endpoint);
  assert.equal(back?.apiKey, "api-é🔑");
  assert.equal(back?.token, "token-ü");
});
