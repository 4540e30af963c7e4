import assert from "node:assert/strict";
import { messages } from "../../../src/messages.ts";
import { NOTHING } from "../../../src/auth/provider.ts";
import { NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

const profile = { authKeyId: "keyId-p", authKey: "secret-p", email: "ann@example.com" };

Deno.test("a profile's AuthKey comes first: shown as an AuthKey, its secret hashed apart", async () => {
  const { provider } = await providerRun({ profiles: { default: profile } });
  assert.equal(provider.kind, "profileAuthKey");
  assert.equal(provider.shownAs, "authKey");
  assert.deepEqual(provider.status(), { authKeyId: "keyId-p" });
  assert.equal(provider.identity()!.secret, "secret-p");
  assert.equal(JSON.parse(provider.identity()!.who)[3], "keyId-p");
  assert.equal(provider.label(messages("en")), "profile default");
});

Deno.test("a profile with an AuthKey sends every field it has, and asks for no code", async () => {
  const { fake, provider, sent } = await providerRun({
    profiles: { default: { ...profile, mfaOTPCommand: "otp now" } },
  });
  await provider.login(fake.ctx, NO_PREVIOUS);
  // soracom-cli sends what the profile holds; the server takes the AuthKey.
  assert.deepEqual(sent.map((s) => s.body), [
    { email: "ann@example.com", authKeyId: "keyId-p", authKey: "secret-p" },
  ]);
  assert.deepEqual(provider.nextLogin(undefined), NOTHING);
});
