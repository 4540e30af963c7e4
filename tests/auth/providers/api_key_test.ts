import assert from "node:assert/strict";
import { CliError } from "../../../src/errors.ts";
import { messages } from "../../../src/messages.ts";
import { NOTHING } from "../../../src/auth/provider.ts";
import { NO_PREVIOUS, providerRun } from "../../helpers/providers.ts";

Deno.test("given keys are the session: nothing is sent, nothing cached, the next login runs nothing", async () => {
  const { fake, provider, sent } = await providerRun({
    options: { apiKey: "api-given", apiToken: "token-given" },
  });
  assert.equal(provider.kind, "apiKey");
  assert.equal(provider.shownAs, "apiKey");
  assert.equal(provider.identity(), undefined);
  const session = await provider.login(fake.ctx, NO_PREVIOUS);
  assert.deepEqual(session, {
    apiKey: "api-given",
    token: "token-given",
    operatorId: "",
    expiresAt: Number.POSITIVE_INFINITY,
  });
  assert.deepEqual(sent, []);
  assert.deepEqual(provider.status(), { operatorId: undefined });
  assert.deepEqual(provider.nextLogin(undefined), NOTHING);
  assert.equal(provider.label(messages("en")), "profile default");
});

Deno.test("the keys soracom exec hands on come in as given keys; half a pair is a usage error", async () => {
  const { provider } = await providerRun({
    env: { SORACOM_API_KEY: "api-exec", SORACOM_API_TOKEN: "token-exec" },
  });
  assert.equal(provider.kind, "apiKey");
  await assert.rejects(
    () => providerRun({ options: { apiKey: "api-given" } }),
    (e) => e instanceof CliError && e.kind === "usage" && /--api-token/.test(e.message),
  );
});
