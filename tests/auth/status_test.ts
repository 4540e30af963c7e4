/** What `auth status` finds for a profile: its kind, its session, what the next login will run. */
import assert from "node:assert/strict";
import { prepare } from "../../src/auth/invocation.ts";
import { profileStatus } from "../../src/auth/status.ts";
import { fakeContext } from "../../src/context.ts";

const HOME = "/home/ann";
const at = (name: string) => `${HOME}/.soracom/${name}.json`;

async function statusOf(files: Record<string, string>, profile: string, env = {}) {
  const { ctx } = fakeContext({ env: { HOME, ...env }, files });
  return await profileStatus(ctx, await prepare(ctx, { profile }));
}

Deno.test("an AuthKey profile with nothing cached: the next command logs in", async () => {
  const status = await statusOf(
    { [at("sam")]: '{"authKeyId":"keyId-x","authKey":"secret-x"}' },
    "sam",
  );
  assert.equal(status.kind, "authKey");
  assert.equal(status.profile, "sam");
  assert.equal(status.session, "none");
  assert.equal(status.endpoint, "https://api.soracom.io");
});

Deno.test("a profileCommand profile: the next login runs the command", async () => {
  const status = await statusOf({ [at("op")]: '{"profileCommand":"op item get x"}' }, "op");
  assert.equal(status.runs.profileCommand, true);
});

Deno.test("API key and token given: a session that needs no login", async () => {
  const status = await statusOf({}, "default", {
    SORACOM_API_KEY: "api-key-1234",
    SORACOM_API_TOKEN: "token-abcdefgh",
  });
  assert.equal(status.session, "given");
});

Deno.test("a profile that cannot be read is reported, not thrown", async () => {
  const status = await statusOf({ [at("bad")]: "{not json" }, "bad");
  assert.equal(status.kind, "unknown");
  assert.equal(status.errorKind, "config");
  assert.ok(status.error && !status.error.includes("\n"));
});
