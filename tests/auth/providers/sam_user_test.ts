import assert from "node:assert/strict";
import { messages } from "../../../src/messages.ts";
import { NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

const sam = { operatorId: "OP0000000001", username: "ann", password: "pw-ann" };

Deno.test("a SAM-user profile shows its operator and user, keyed by them and its file", async () => {
  const { provider } = await providerRun({ profiles: { default: sam } });
  assert.equal(provider.kind, "samUser");
  assert.equal(provider.shownAs, "samUser");
  assert.deepEqual(provider.status(), { operatorId: "OP0000000001", userName: "ann" });
  const identity = provider.identity()!;
  assert.equal(identity.secret, "pw-ann");
  assert.deepEqual(JSON.parse(identity.who).slice(2), [
    "/home/ann/.soracom/default.json",
    null,
    null,
    "OP0000000001",
    "ann",
    null,
  ]);
  assert.equal(provider.label(messages("en")), "profile default");
});

Deno.test("a SAM user logs in as userName, and asks for no code unless MFA was on", async () => {
  const { fake, provider, sent } = await providerRun({ profiles: { default: sam } });
  await provider.login(fake.ctx, NO_PREVIOUS);
  assert.deepEqual(sent.map((s) => s.body), [
    { operatorId: "OP0000000001", userName: "ann", password: "pw-ann" },
  ]);
  assert.deepEqual(provider.nextLogin(undefined), {
    profileCommand: false,
    mfaOTPCommand: false,
    otpPrompt: "no",
  });
});
