/**
 * `exec` and `auth export` in-process on the fake Context: the variables
 * handed on, and the child's status passed back. The shells that eval the
 * export and the terminal that runs the child are end to end
 * (`tests/e2e/session_tools_test.ts`).
 */

import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import { runAuthExport, runExec } from "../../../src/cli/commands/exec.ts";
import { CliError } from "../../../src/errors.ts";

const env = { HOME: "/home/ann", SORACOM_API_KEY: "api-k", SORACOM_API_TOKEN: "tok-t" };
const handedOn = {
  SORACOM_API_KEY: "api-k",
  SORACOM_API_TOKEN: "tok-t",
  SORACOM_OPERATOR_ID: "",
  SORACOM_ENDPOINT: "https://api.soracom.io",
  SORACOM_PROFILE: "default",
};

Deno.test("auth export prints the session as shell exports, quoted, and nothing on stderr", async () => {
  const fake = fakeContext({ env });
  await runAuthExport(fake.ctx, {});
  const lines = Object.entries(handedOn).map(([k, v]) => `export ${k}='${v}'\n`);
  assert.deepEqual(fake.stdout(), lines.join(""));
  assert.equal(fake.stderr(), "");
});

Deno.test("auth export --format json prints one object; another format is a usage error", async () => {
  const fake = fakeContext({ env });
  await runAuthExport(fake.ctx, { format: "json" });
  assert.deepEqual(JSON.parse(fake.stdout()), handedOn);
  const e = await Promise.resolve().then(() => runAuthExport(fake.ctx, { format: "yaml" })).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof CliError, String(e));
  assert.equal((e as CliError).kind, "usage");
});

Deno.test("exec runs the command with the session's variables and returns its status", async () => {
  const runs: { argv: readonly string[]; env: Readonly<Record<string, string>> }[] = [];
  const fake = fakeContext({
    env,
    runAttached: (argv, childEnv) => {
      runs.push({ argv, env: childEnv });
      return Promise.resolve(3);
    },
  });
  assert.equal(await runExec(fake.ctx, {}, ["sh", "-c", "exit 3"]), 3);
  assert.deepEqual(runs, [{ argv: ["sh", "-c", "exit 3"], env: handedOn }]);
  assert.equal(fake.stdout(), "");
});

Deno.test("exec without a command is a usage error, and runs nothing", async () => {
  let ran = false;
  const runAttached = () => {
    ran = true;
    return Promise.resolve(0);
  };
  const fake = fakeContext({ env, runAttached });
  const e = await Promise.resolve().then(() => runExec(fake.ctx, {}, [])).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof CliError, String(e));
  assert.equal((e as CliError).kind, "usage");
  assert.equal(ran, false);
});
