import assert from "node:assert/strict";
import { messages } from "../../../src/messages.ts";
import type { CachedSession } from "../../../src/auth/session_cache.ts";
import { NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

const root = { email: "ann@example.com", password: "pw-root" };

/** The last session of a login that sent a one-time code. */
const lastWithCode: CachedSession = {
  apiKey: "api-old",
  token: "token-old",
  operatorId: "OP0000000001",
  expiresAt: 0,
  lifetimeSeconds: 86400,
  endpoint: "https://api.soracom.io",
  label: "profile root",
  mfa: true,
};

Deno.test("a root profile shows its email and is keyed by its fields, its password hashed apart", async () => {
  const { provider } = await providerRun({ options: { profile: "root" }, profiles: { root } });
  assert.equal(provider.kind, "root");
  assert.equal(provider.shownAs, "root");
  assert.deepEqual(provider.status(), { email: "ann@example.com" });
  const identity = provider.identity()!;
  assert.equal(identity.secret, "pw-root");
  assert.deepEqual(JSON.parse(identity.who), [
    provider.inv.target.endpoint,
    "profile",
    "/home/ann/.soracom/root.json",
    null,
    "ann@example.com",
    null,
    null,
    null,
  ]);
  assert.equal(provider.label(messages("en")), "profile root");
  assert.equal(provider.label(messages("ja")), messages("ja").profileLabel("root"));
});

Deno.test("a root login sends email and password, and the code --mfa-otpcode gives", async () => {
  const { fake, provider, sent } = await providerRun({
    options: { profile: "root", mfaOtpcode: "123456" },
    profiles: { root },
  });
  const session = await provider.login(fake.ctx, NO_PREVIOUS);
  assert.equal(session.mfa, true);
  assert.deepEqual(sent.map((s) => s.body), [{ ...root, mfaOTPCode: "123456" }]);
  assert.equal(provider.nextLogin(undefined).otpPrompt, "no"); // the code is given
});

Deno.test("a root user's next login may ask for a code; surely when the last one sent one", async () => {
  const { provider } = await providerRun({ options: { profile: "root" }, profiles: { root } });
  assert.deepEqual(provider.nextLogin(undefined), {
    profileCommand: false,
    mfaOTPCommand: false,
    otpPrompt: "unknown",
  });
  assert.equal(provider.nextLogin(lastWithCode).otpPrompt, "yes");
  const withCommand = await providerRun({
    options: { profile: "root" },
    profiles: { root: { ...root, mfaOTPCommand: "otp now" } },
  });
  assert.deepEqual(withCommand.provider.nextLogin(lastWithCode), {
    profileCommand: false,
    mfaOTPCommand: true,
    otpPrompt: "no",
  });
});
