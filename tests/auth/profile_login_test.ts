/** What the profile kinds share: the login by fields, the cache key, what the next login asks. */
import assert from "node:assert/strict";
import { prepare } from "../../src/auth/invocation.ts";
import {
  loginWithFields,
  profileIdentity,
  profileNextLogin,
} from "../../src/auth/profile_login.ts";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import type { Profile } from "../../src/profile/schema.ts";

const loaded = (profile: Profile, path = "/home/ann/.soracom/p.json") => ({
  name: "p",
  path,
  profile,
});

async function invocation(
  options: Record<string, string> = {},
  fetch?: (req: Request) => Promise<Response>,
) {
  const fake = fakeContext({ env: { HOME: "/home/ann" }, fetch });
  return { ctx: fake.ctx, inv: await prepare(fake.ctx, options) };
}

Deno.test("profileIdentity: who and where, the secret apart; another file or user is another key", async () => {
  const { inv } = await invocation();
  const a = profileIdentity(inv, loaded({ authKeyId: "keyId-1", authKey: "secret-1" }));
  assert.equal(a.secret, "secret-1");
  assert.ok(!a.who.includes("secret-1"));
  assert.notEqual(profileIdentity(inv, loaded({ authKeyId: "keyId-1" }, "/other.json")).who, a.who);
  assert.equal(
    profileIdentity(inv, loaded({ email: "a@example.com", password: "pw" })).secret,
    "pw",
  );
});

Deno.test("profileNextLogin: an AuthKey asks nothing; a password asks unless a code comes otherwise", async () => {
  const { inv } = await invocation();
  assert.equal(
    profileNextLogin(inv, loaded({ authKeyId: "k", authKey: "s" }), undefined).otpPrompt,
    "no",
  );
  const root = loaded({ email: "a@example.com", password: "pw" });
  assert.equal(profileNextLogin(inv, root, undefined).otpPrompt, "unknown");
  // The mfaOTPCommand is the run's profile file's.
  const { ctx } = fakeContext({
    env: { HOME: "/home/ann" },
    files: {
      "/home/ann/.soracom/default.json":
        '{"email":"a@example.com","password":"pw","mfaOTPCommand":"op --otp"}',
    },
  });
  const own = await prepare(ctx, {});
  const withCommand = profileNextLogin(own, own.fileProfile!, undefined);
  assert.deepEqual([withCommand.mfaOTPCommand, withCommand.otpPrompt], [true, "no"]);
  const { inv: coded } = await invocation({ mfaOtpcode: "123456" });
  assert.equal(profileNextLogin(coded, root, undefined).otpPrompt, "no");
});

Deno.test("loginWithFields posts the profile's fields; with none it is a config error naming the label", async () => {
  const sent: unknown[] = [];
  const { ctx, inv } = await invocation({}, async (req) => {
    sent.push(await req.json());
    return Response.json({ apiKey: "api-key-1234", token: "token-abcdefgh", operatorId: "OP1" });
  });
  const session = await loginWithFields(
    ctx,
    inv,
    { authKeyId: "keyId-1", authKey: "secret-1" },
    "p",
  );
  assert.equal(session.operatorId, "OP1");
  assert.deepEqual(sent, [{ authKeyId: "keyId-1", authKey: "secret-1" }]);
  await assert.rejects(
    loginWithFields(ctx, inv, { coverageType: "jp" }, "p"),
    (e) => e instanceof CliError && e.kind === "config" && e.said?.key === "noCredentials",
  );
});
