import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { credentialSource } from "../../src/auth/credentials.ts";
import { prepare } from "../../src/auth/invocation.ts";

const files = {
  "/home/ann/.soracom/alpha.json": '{"authKeyId":"keyId-a","authKey":"secret-alpha"}',
  "/home/ann/.soracom/beta.json":
    '{"authKeyId":"keyId-b","authKey":"secret-beta","endpoint":"https://beta.example"}',
};
/** What `soracom exec --profile alpha` hands its command. */
const execEnv = {
  HOME: "/home/ann",
  SORACOM_API_KEY: "api-alpha",
  SORACOM_API_TOKEN: "token-alpha",
  SORACOM_PROFILE: "alpha",
  SORACOM_ENDPOINT: "http://127.0.0.1:8080",
};

Deno.test("inside exec, --profile naming another profile sets exec's session and endpoint aside", async () => {
  const fake = fakeContext({ env: execEnv, files });
  const inv = await prepare(fake.ctx, { profile: "beta" });
  assert.equal(credentialSource(inv).kind, "profileAuthKey");
  assert.equal(inv.target.endpoint, "https://beta.example");
  assert.equal(
    fake.stderr(),
    "note: running as profile beta (--profile), not with the session of profile alpha that " +
      "soracom exec set (SORACOM_API_KEY, SORACOM_API_TOKEN, SORACOM_ENDPOINT)\n",
  );
});

Deno.test("inside exec, the exec's own profile (named or not) uses its session, quietly", async () => {
  for (const profile of ["alpha", undefined]) {
    const fake = fakeContext({ env: execEnv, files });
    const inv = await prepare(fake.ctx, { profile });
    assert.deepEqual(credentialSource(inv), {
      kind: "apiKey",
      apiKey: "api-alpha",
      token: "token-alpha",
    });
    assert.equal(inv.target.endpoint, "http://127.0.0.1:8080");
    assert.equal(fake.stderr(), "");
  }
});

Deno.test("a session set by hand (no SORACOM_PROFILE) gives way to --profile; SORACOM_ENDPOINT stays", async () => {
  const { SORACOM_PROFILE: _, ...byHand } = execEnv;
  const fake = fakeContext({ env: byHand, files });
  const inv = await prepare(fake.ctx, { profile: "beta" });
  assert.equal(credentialSource(inv).kind, "profileAuthKey");
  assert.equal(inv.target.endpoint, "http://127.0.0.1:8080");
  assert.match(fake.stderr(), /not with the session in SORACOM_API_KEY and SORACOM_API_TOKEN/);
  // Without --profile, as before: the session in the environment.
  const plain = fakeContext({ env: byHand, files });
  assert.equal(credentialSource(await prepare(plain.ctx, {})).kind, "apiKey");
});
