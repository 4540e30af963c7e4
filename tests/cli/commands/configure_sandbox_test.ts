/** `soracom configure-sandbox`: the sandbox operator created, and its profile saved. */
import assert from "node:assert/strict";
import { runConfigureSandbox } from "../../../src/cli/commands/configure_sandbox.ts";
import { fakeContext } from "../../../src/context.ts";
import { CliError } from "../../../src/errors.ts";

const ANSWERS = {
  "auth-key-id": "keyId-x",
  "auth-key": "secret-x",
  email: "sandbox@example.com",
  password: "sandbox-pw",
  "coverage-type": "jp",
} as const;

function world(files: Record<string, string> = {}, status = 201) {
  const sent: { url: string; body: unknown }[] = [];
  const fake = fakeContext({
    env: { HOME: "/home/ann" },
    files,
    fetch: async (req) => {
      sent.push({ url: req.url, body: await req.json() });
      return new Response("{}", { status });
    },
  });
  return { ...fake, sent };
}

Deno.test("with every answer as a flag: the operator is created and the profile saved, private", async () => {
  const w = world();
  await runConfigureSandbox(w.ctx, ANSWERS);
  assert.equal(w.sent[0].url, "https://api-sandbox.soracom.io/v1/sandbox/init");
  assert.deepEqual(w.sent[0].body, {
    authKey: "secret-x",
    authKeyId: "keyId-x",
    coverageTypes: ["jp"],
    email: "sandbox@example.com",
    password: "sandbox-pw",
    registerPaymentMethod: true,
  });
  const saved = JSON.parse(w.file("/home/ann/.soracom/sandbox.json") ?? "{}");
  assert.equal(saved.sandbox, true);
  assert.equal(saved.endpoint, "https://api-sandbox.soracom.io");
  assert.equal(w.mode("/home/ann/.soracom/sandbox.json"), 0o600);
});

Deno.test("--overwrite=false keeps a profile that exists; an answer missing without a terminal is refused", async () => {
  const w = world({ "/home/ann/.soracom/sandbox.json": "{}" });
  await assert.rejects(
    runConfigureSandbox(w.ctx, { ...ANSWERS, overwrite: false }),
    (e) => e instanceof CliError && e.kind === "config",
  );
  assert.deepEqual(w.sent, []);
  await assert.rejects(
    runConfigureSandbox(world().ctx, { "auth-key-id": "keyId-x" }),
    (e) => e instanceof CliError && e.kind === "usage",
  );
});

Deno.test("a refusal of the API is an error, and nothing is saved", async () => {
  const w = world({}, 400);
  await assert.rejects(runConfigureSandbox(w.ctx, ANSWERS), CliError);
  assert.equal(w.file("/home/ann/.soracom/sandbox.json"), undefined);
});
