import assert from "node:assert/strict";
import { messages } from "../../../src/messages.ts";
import { loggingIn, NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

const sam = { operatorId: "OP0000000001", username: "ann", password: "pw-ann" };

Deno.test("a profileCommand is keyed by where it is set and the command itself", async () => {
  const flag = await providerRun({ options: { profileCommand: "vault read sam" } });
  assert.equal(flag.provider.kind, "profileCommand");
  assert.equal(flag.provider.shownAs, "profileCommand");
  assert.deepEqual(flag.provider.identity(), {
    who: JSON.stringify([
      flag.provider.inv.target.endpoint,
      "profileCommand",
      "--profile-command",
      "vault read sam",
    ]),
  });
  const file = await providerRun({ profiles: { default: { profileCommand: "vault read sam" } } });
  assert.equal(file.provider.kind, "profileCommand");
  assert.equal(
    JSON.parse(file.provider.identity()!.who)[2],
    "/home/ann/.soracom/default.json",
  );
  assert.deepEqual(file.provider.status(), {});
  assert.equal(file.provider.label(messages("en")), "profile default");
});

Deno.test("a profileCommand runs at login, and what it printed logs in as a profile would", async () => {
  const ran: string[][] = [];
  const { fake, provider, sent } = await providerRun({
    options: { profileCommand: "vault read sam" },
    printed: (argv) => (ran.push([...argv]), JSON.stringify(sam)),
  });
  assert.deepEqual(ran, []); // choosing the source runs nothing
  const session = await provider.login(fake.ctx, NO_PREVIOUS);
  assert.equal(session.apiKey, "api-1");
  assert.equal(ran.length, 1);
  assert.deepEqual(sent.map((s) => s.body), [
    { operatorId: "OP0000000001", userName: "ann", password: "pw-ann" },
  ]);
});

Deno.test("a profileCommand that prints a switch-user profile switches from its source", async () => {
  const { fake, provider, sent } = await providerRun({
    options: { profileCommand: "vault read switch" },
    profiles: { base: { authKeyId: "keyId-b", authKey: "secret-b" } },
    printed: () =>
      JSON.stringify({ sourceProfile: "base", operatorId: "OP0000000002", username: "bob" }),
  });
  const session = await provider.login(fake.ctx, loggingIn(fake.ctx));
  assert.equal(session.userName, "bob");
  assert.deepEqual(sent.map((s) => [s.path, s.apiKey]), [
    ["/v1/auth", null],
    ["/v1/auth/switch_user", "api-1"],
  ]);
});

Deno.test("the next login runs the profileCommand, and the profile's mfaOTPCommand", async () => {
  const { provider } = await providerRun({
    profiles: { default: { profileCommand: "vault read sam", mfaOTPCommand: "otp now" } },
  });
  assert.deepEqual(provider.nextLogin(undefined), {
    profileCommand: true,
    mfaOTPCommand: true,
    otpPrompt: "no",
  });
});
