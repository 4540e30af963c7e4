import assert from "node:assert/strict";
import { messages } from "../../../src/messages.ts";
import { NOTHING } from "../../../src/auth/provider.ts";
import { NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

const options = { authKeyId: "keyId-1", authKey: "secret-1" };

Deno.test("an AuthKey from the flags is keyed by endpoint and ID, its secret hashed apart", async () => {
  const { provider } = await providerRun({ options });
  assert.equal(provider.kind, "authKey");
  assert.equal(provider.shownAs, "authKey");
  assert.deepEqual(provider.identity(), {
    who: JSON.stringify([provider.inv.target.endpoint, "authKey", "keyId-1"]),
    secret: "secret-1",
  });
  assert.deepEqual(provider.status(), { authKeyId: "keyId-1" });
  assert.equal(provider.label(messages("en")), "--auth-key-id keyId-1");
  assert.equal(provider.label(messages("ja")), "--auth-key-id keyId-1");
});

Deno.test("an AuthKey logs in with its ID and secret only, and never asks for a code", async () => {
  const { fake, provider, sent } = await providerRun({
    options,
    // The profile's mfaOTPCommand is not for AuthKeys: it does not run.
    profiles: { default: { email: "ann@example.com", password: "pw", mfaOTPCommand: "otp" } },
  });
  assert.equal(provider.kind, "authKey");
  const session = await provider.login(fake.ctx, NO_PREVIOUS);
  assert.equal(session.apiKey, "api-1");
  assert.deepEqual(sent.map((s) => [s.path, s.body]), [
    ["/v1/auth", { authKeyId: "keyId-1", authKey: "secret-1" }],
  ]);
  assert.deepEqual(provider.nextLogin(undefined), NOTHING);
});
