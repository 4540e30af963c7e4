/** Which credential source a run logs in with, by soracom-cli's priority, and its provider. */
import assert from "node:assert/strict";
import { credentialSource, profileSource, sessionProvider } from "../../src/auth/credentials.ts";
import { prepare } from "../../src/auth/invocation.ts";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import { messages } from "../../src/messages.ts";

const HOME = "/home/ann";
const PROFILE = `${HOME}/.soracom/default.json`;

async function sourceOf(options: Record<string, string>, profile?: string, env = {}) {
  const { ctx } = fakeContext({
    env: { HOME, ...env },
    files: profile ? { [PROFILE]: profile } : {},
  });
  return credentialSource(await prepare(ctx, options));
}

Deno.test("the flags come first: API key and token, then an AuthKey, then --profile-command", async () => {
  const all = { apiKey: "k", apiToken: "t", authKeyId: "keyId-1", authKey: "secret-1" };
  assert.equal((await sourceOf(all, '{"email":"a@example.com"}')).kind, "apiKey");
  const { apiKey: _k, apiToken: _t, ...authKey } = all;
  assert.equal((await sourceOf(authKey)).kind, "authKey");
  assert.deepEqual(await sourceOf({ profileCommand: "op item get x" }), {
    kind: "profileCommand",
    command: "op item get x",
    origin: "--profile-command",
  });
});

Deno.test("then the environment's session, then the profile: its profileCommand, then its fields", async () => {
  const env = { SORACOM_API_KEY: "api-key-1234", SORACOM_API_TOKEN: "token-abcdefgh" };
  assert.equal((await sourceOf({}, '{"email":"a@example.com"}', env)).kind, "apiKey");
  const command = await sourceOf({}, '{"profileCommand":"op x","email":"a@example.com"}');
  assert.deepEqual(command, { kind: "profileCommand", command: "op x", origin: PROFILE });
  assert.equal((await sourceOf({}, '{"email":"a@example.com","password":"pw"}')).kind, "root");
});

Deno.test("half a pair of flags or variables is a usage error; an unreadable profile its own error", async () => {
  await assert.rejects(
    sourceOf({ apiKey: "k" }),
    (e) => e instanceof CliError && e.said?.key === "bothFlags",
  );
  await assert.rejects(
    sourceOf({}, undefined, { SORACOM_API_KEY: "k" }),
    (e) => e instanceof CliError && e.said?.key === "bothVariables",
  );
  await assert.rejects(
    sourceOf({}, "{not json"),
    (e) => e instanceof CliError && e.kind === "config",
  );
});

Deno.test("profileSource: a switch user, an AuthKey, a root user, a SAM user, or none", () => {
  const of = (profile: Record<string, string>) =>
    profileSource({ name: "p", path: "/p.json", profile }).kind;
  assert.equal(of({ sourceProfile: "base", authKeyId: "k" }), "switchUser");
  assert.equal(of({ authKeyId: "k", email: "a@example.com" }), "profileAuthKey");
  assert.equal(of({ email: "a@example.com" }), "root");
  assert.equal(of({ username: "sam", operatorId: "OP1" }), "samUser");
  assert.equal(of({ coverageType: "jp" }), "noCredentials");
});

Deno.test("sessionProvider binds the source to its provider, labelled in the reader's words", async () => {
  const { ctx } = fakeContext({ env: { HOME } });
  const provider = await sessionProvider(
    await prepare(ctx, { authKeyId: "keyId-1", authKey: "secret-1" }),
  );
  assert.match(provider.label(messages("en")), /keyId-1/);
});
