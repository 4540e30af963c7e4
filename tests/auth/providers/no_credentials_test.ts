import assert from "node:assert/strict";
import { CliError } from "../../../src/errors.ts";
import { messages } from "../../../src/messages.ts";
import { NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

Deno.test("a profile with nothing to log in with is shown as unknown, and its login says so", async () => {
  const { fake, provider, sent } = await providerRun({
    options: { profile: "empty" },
    profiles: { empty: { coverageType: "g", password: "pw-alone" } },
  });
  assert.equal(provider.kind, "noCredentials");
  assert.equal(provider.shownAs, "unknown");
  assert.deepEqual(provider.status(), {});
  assert.equal(provider.label(messages("en")), "profile empty");
  await assert.rejects(
    () => provider.login(fake.ctx, NO_PREVIOUS),
    (e) =>
      e instanceof CliError && e.kind === "config" && /^empty has no credentials/.test(e.message),
  );
  assert.deepEqual(sent, []);
  assert.equal(provider.nextLogin(undefined).otpPrompt, "no");
});
