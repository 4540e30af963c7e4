/**
 * `configure`, `configure get` and `unconfigure` run in-process on the fake
 * Context (files in memory): what they print and what they leave on "disk".
 * The terminal and pipe cases are end to end (`tests/e2e/configure_test.ts`).
 */

import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import {
  runConfigure,
  runConfigureGet,
  runUnconfigure,
} from "../../../src/cli/commands/configure.ts";
import { CliError } from "../../../src/errors.ts";

const env = { HOME: "/home/ann" };
const path = "/home/ann/.soracom/default.json";

Deno.test("configure with answer flags saves the profile (0600) and says how to use it", async () => {
  const fake = fakeContext({ env });
  await runConfigure(fake.ctx, { "auth-key-id": "keyId-y", "auth-key": "secret-y" });
  assert.deepEqual(JSON.parse(fake.file(path)!), {
    sandbox: false,
    coverageType: "jp",
    authKeyId: "keyId-y",
    authKey: "secret-y",
    registerPaymentMethod: false,
  });
  assert.equal(fake.mode(path), 0o600);
  assert.equal(fake.stderr(), "Saved. Try: 'soracom --profile default subscribers list'\n");
  assert.doesNotMatch(fake.stderr(), /secret-y/);
  assert.equal(fake.asked.length, 0);
});

Deno.test("configure refuses to replace a profile without a terminal unless --overwrite", async () => {
  const fake = fakeContext({ env, files: { [path]: '{"authKeyId":"a","authKey":"b"}' } });
  const flags = { "auth-key-id": "keyId-z", "auth-key": "secret-z" };
  const e = await Promise.resolve().then(() => runConfigure(fake.ctx, flags)).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof CliError, String(e));
  assert.equal(e.kind, "usage");
  assert.equal(JSON.parse(fake.file(path)!).authKeyId, "a");
  await runConfigure(fake.ctx, { ...flags, overwrite: true });
  assert.equal(JSON.parse(fake.file(path)!).authKeyId, "keyId-z");
});

Deno.test("configure get prints the profile as soracom-cli does (its key order, tabs)", async () => {
  const profile = '{"authKey":"secret-x","authKeyId":"keyId-x","coverageType":"g"}';
  const fake = fakeContext({ env, files: { [path]: profile } });
  await runConfigureGet(fake.ctx, {});
  assert.deepEqual(
    fake.stdout(),
    '{\n\t"sandbox": false,\n\t"coverageType": "g",\n\t"authKeyId": "keyId-x",\n' +
      '\t"authKey": "secret-x",\n\t"registerPaymentMethod": false\n}\n',
  );
});

Deno.test("unconfigure --yes removes the profile; a missing one is a config error", async () => {
  const fake = fakeContext({ env, files: { [path]: '{"authKeyId":"a","authKey":"b"}' } });
  await runUnconfigure(fake.ctx, { yes: true });
  assert.equal(fake.file(path), undefined);
  const e = await Promise.resolve().then(() => runUnconfigure(fake.ctx, { yes: true })).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof CliError, String(e));
  assert.equal(e.kind, "config");
});

Deno.test("unconfigure without --yes asks, and keeps the profile on 'n'", async () => {
  const fake = fakeContext({ env, prompts: ["n"], files: { [path]: '{"authKeyId":"a"}' } });
  await runUnconfigure(fake.ctx, {});
  assert.equal(fake.asked.length, 1);
  assert.equal(fake.file(path), '{"authKeyId":"a"}');
});
