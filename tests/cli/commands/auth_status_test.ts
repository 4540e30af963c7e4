/**
 * `auth status` in-process on the fake Context: the table and the JSON, what
 * the exit status says, and that no secret is printed. Sessions made by real
 * logins are end to end (`tests/e2e/session_tools_test.ts`).
 */

import assert from "node:assert/strict";
import { snapshot } from "../../helpers/snapshot.ts";
import { displayWidth } from "../../../src/output/table.ts";
import { fakeContext } from "../../../src/context.ts";
import { runAuthStatus } from "../../../src/cli/commands/auth_status.ts";

const env = { HOME: "/home/ann" };
const files = {
  "/home/ann/.soracom/default.json": '{"coverageType":"jp","authKeyId":"keyId-x","authKey":"sk-x"}',
  "/home/ann/.soracom/cmd.json": `{"profileCommand":"op item get soracom --format json"}`,
};

Deno.test("auth status: a profile with no session needs a login (exit 1), and shows no secret", async () => {
  const fake = fakeContext({ env, files });
  assert.equal(await runAuthStatus(fake.ctx, {}), 1);
  assert.deepEqual(
    fake.stdout(),
    "PROFILE  KIND     WHO      ENDPOINT                     SESSION  EXPIRES  NEXT LOGIN RUNS\n" +
      "default  AuthKey  keyId-x  https://api.soracom.io (jp)  none     -        -\n",
  );
  assert.doesNotMatch(fake.stdout(), /sk-x/);
  assert.equal(fake.stderr(), "");
});

Deno.test("auth status --all --json lists every profile; exit 0 when all could be read", async () => {
  const fake = fakeContext({ env, files });
  assert.equal(await runAuthStatus(fake.ctx, { all: true, json: true }), 0);
  const rows = JSON.parse(fake.stdout()) as { profile: string; session: string }[];
  assert.deepEqual(rows.map((r) => [r.profile, r.session]), [["cmd", "none"], ["default", "none"]]);
  assert.doesNotMatch(fake.stdout(), /sk-x/);
});

Deno.test("auth status with the session in the environment needs no login (exit 0)", async () => {
  const fake = fakeContext({
    env: { ...env, SORACOM_API_KEY: "api-k", SORACOM_API_TOKEN: "tok-t" },
    files,
  });
  assert.equal(await runAuthStatus(fake.ctx, {}), 0);
  assert.doesNotMatch(fake.stdout(), /tok-t/);
  assert.doesNotMatch(fake.stdout(), /api-k/);
});

/** Profiles of every kind, for the width of `auth status --all`. */
const many = {
  ...files,
  "/home/ann/.soracom/sam-production.json":
    '{"coverageType":"g","operatorId":"OP0012345678","username":"deploy-bot","password":"pw-x","mfaOTPCommand":"op item get soracom --otp"}',
  "/home/ann/.soracom/root.json":
    '{"coverageType":"jp","email":"operations-team@example.com","password":"pw-y"}',
};

for (const width of [40, 80, 100, 150]) {
  for (const lang of ["en", "ja"] as const) {
    Deno.test(`auth status --all fits ${width} columns (${lang}): snapshot`, async () => {
      const fake = fakeContext({
        env,
        files: many,
        lang,
        terminalWidth: width,
        stderrIsTerminal: true,
      });
      await runAuthStatus(fake.ctx, { all: true });
      for (const line of fake.stdout().trimEnd().split("\n")) {
        assert.ok(displayWidth(line) <= width, line);
      }
      await snapshot(
        `auth-status/all-${width}.${lang}`,
        `${fake.stdout()}--- stderr ---\n${fake.stderr()}`,
      );
    });
  }
}
Deno.test("auth status: a root user who has not logged in here may be asked for an MFA code", async () => {
  const root = { "/home/ann/.soracom/default.json": '{"email":"ann@example.com","password":"pw"}' };
  const fake = fakeContext({ env, files: root });
  assert.equal(await runAuthStatus(fake.ctx, {}), 1);
  assert.match(fake.stdout(), /root user .* none +- +asks for a one-time code if MFA is on\n$/);
  const json = fakeContext({ env, files: root });
  await runAuthStatus(json.ctx, { json: true });
  assert.equal(JSON.parse(json.stdout()).runs.otpPrompt, "unknown");
});

Deno.test("auth status --all says why a profile cannot be read in the reader's language", async () => {
  const broken = { ...files, "/home/ann/.soracom/bad.json": "{" };
  const fake = fakeContext({ env, files: broken, lang: "ja" });
  assert.equal(await runAuthStatus(fake.ctx, { all: true }), 1);
  assert.match(
    fake.stdout(),
    /エラー: \/home\/ann\/\.soracom\/bad\.json:1:2: JSON が正しくありません/,
  );
});
