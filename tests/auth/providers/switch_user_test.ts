import assert from "node:assert/strict";
import { CliError } from "../../../src/errors.ts";
import { messages } from "../../../src/messages.ts";
import { loggingIn, NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

const profiles = {
  base: { email: "ann@example.com", password: "pw-root" },
  ops: { sourceProfile: "base", operatorId: "OP0000000002", username: "bob" },
};

Deno.test("a switch-user profile shows whom it switches to and from which profile", async () => {
  const { provider } = await providerRun({ options: { profile: "ops" }, profiles });
  assert.equal(provider.kind, "switchUser");
  assert.equal(provider.shownAs, "switchUser");
  assert.deepEqual(provider.status(), {
    operatorId: "OP0000000002",
    userName: "bob",
    sourceProfile: "base",
  });
  assert.equal(provider.identity()!.secret, undefined);
  assert.equal(JSON.parse(provider.identity()!.who)[7], "base");
  assert.equal(provider.label(messages("en")), "profile ops");
});

Deno.test("a switch user's session is made from its source's, which comes through the hook", async () => {
  const { fake, provider, sent } = await providerRun({
    options: { profile: "ops", mfaOtpcode: "123456" },
    profiles,
  });
  const from = await provider.from!(fake.ctx);
  assert.equal(from.kind, "root");
  assert.equal(from.inv.profileName, "base");
  assert.equal(from.inv.target, provider.inv.target); // the source logs in where this run goes
  const used: string[] = [];
  const session = await provider.login(fake.ctx, async (source, use) => {
    used.push(source.inv.profileName);
    return await loggingIn(fake.ctx)(source, use);
  });
  assert.deepEqual(used, ["base"]);
  assert.equal(session.userName, "bob");
  assert.deepEqual(sent.map((s) => [s.path, s.body, s.apiKey]), [
    ["/v1/auth", { ...profiles.base, mfaOTPCode: "123456" }, null],
    ["/v1/auth/switch_user", { operatorId: "OP0000000002", userName: "bob" }, "api-1"],
  ]);
});

Deno.test("a switch user whose source is missing or switches too is refused before any request", async () => {
  for (
    const [base, why] of [
      [undefined, /base/],
      [{ sourceProfile: "other", operatorId: "OP0000000003", username: "cy" }, /base/],
    ] as const
  ) {
    const { fake, provider, sent } = await providerRun({
      options: { profile: "ops" },
      profiles: base === undefined ? { ops: profiles.ops } : { ...profiles, base },
    });
    await assert.rejects(
      () => provider.login(fake.ctx, NO_PREVIOUS),
      (e) => e instanceof CliError && e.kind === "config" && why.test(e.message),
    );
    assert.deepEqual(sent, []);
  }
});
