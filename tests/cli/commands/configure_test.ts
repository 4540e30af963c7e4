/**
 * `configure`, `configure get` and `unconfigure` run in-process on the fake
 * Context (files in memory): what they print and what they leave on "disk".
 * The terminal and pipe cases are end to end (`tests/e2e/configure_test.ts`).
 */

import { assertEquals, assertNotIncludes, assertRejects } from "../../helpers/assert.ts";
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
  assertEquals(JSON.parse(fake.file(path)!), {
    sandbox: false,
    coverageType: "jp",
    authKeyId: "keyId-y",
    authKey: "secret-y",
    registerPaymentMethod: false,
  });
  assertEquals(fake.mode(path), 0o600);
  assertEquals(fake.stderr(), "Saved. Try: 'soracom --profile default subscribers list'\n");
  assertNotIncludes(fake.stderr(), "secret-y");
  assertEquals(fake.asked, []);
});

Deno.test("configure refuses to replace a profile without a terminal unless --overwrite", async () => {
  const fake = fakeContext({ env, files: { [path]: '{"authKeyId":"a","authKey":"b"}' } });
  const flags = { "auth-key-id": "keyId-z", "auth-key": "secret-z" };
  const e = await assertRejects(() => runConfigure(fake.ctx, flags), CliError) as CliError;
  assertEquals(e.kind, "usage");
  assertEquals(JSON.parse(fake.file(path)!).authKeyId, "a");
  await runConfigure(fake.ctx, { ...flags, overwrite: true });
  assertEquals(JSON.parse(fake.file(path)!).authKeyId, "keyId-z");
});

Deno.test("configure get prints the profile as soracom-cli does (its key order, tabs)", async () => {
  const profile = '{"authKey":"secret-x","authKeyId":"keyId-x","coverageType":"g"}';
  const fake = fakeContext({ env, files: { [path]: profile } });
  await runConfigureGet(fake.ctx, {});
  assertEquals(
    fake.stdout(),
    '{\n\t"sandbox": false,\n\t"coverageType": "g",\n\t"authKeyId": "keyId-x",\n' +
      '\t"authKey": "secret-x",\n\t"registerPaymentMethod": false\n}\n',
  );
});

Deno.test("unconfigure --yes removes the profile; a missing one is a config error", async () => {
  const fake = fakeContext({ env, files: { [path]: '{"authKeyId":"a","authKey":"b"}' } });
  await runUnconfigure(fake.ctx, { yes: true });
  assertEquals(fake.file(path), undefined);
  const e = await assertRejects(
    () => runUnconfigure(fake.ctx, { yes: true }),
    CliError,
  ) as CliError;
  assertEquals(e.kind, "config");
});

Deno.test("unconfigure without --yes asks, and keeps the profile on 'n'", async () => {
  const fake = fakeContext({ env, prompts: ["n"], files: { [path]: '{"authKeyId":"a"}' } });
  await runUnconfigure(fake.ctx, {});
  assertEquals(fake.asked.length, 1);
  assertEquals(fake.file(path), '{"authKeyId":"a"}');
});
