/**
 * Issue 13: one login (and one OTP) per identity, shared by every switch-user
 * profile that names it as its source. In-process runs share a fake clock with
 * the emulator, so lapsed sessions are tested without waiting.
 */
import { assert, assertEquals, assertStringIncludes } from "./helpers/assert.ts";
import { emulatorFixture, PROFILES } from "./helpers/fixture.ts";
import { runInProcess, testContext } from "./helpers/context.ts";
import { runCli } from "../src/cli/app.ts";
import { opRuns, writeProfile } from "./helpers/run.ts";
import { switchTarget } from "./fake_soracom/accounts.ts";

const HOUR = 3_600_000;

/** The README's 1Password source: credentials from one `op` run, the code from another. */
const OP_SOURCE = {
  profileCommand:
    `/bin/sh -c "op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value,password:.fields[0].value,operatorId:.fields[4].value}'"`,
  mfaOTPCommand: "op item get soracom-power-sam-user --otp",
};

/** A switch-user profile on top of the source `sam`. */
const READER = {
  sourceProfile: "sam",
  operatorId: switchTarget.operatorId,
  username: switchTarget.userName,
};

async function setup() {
  let now = Date.now();
  const clock = () => now;
  const f = await emulatorFixture({ now: clock });
  await writeProfile(f.profiles, "sam", OP_SOURCE);
  for (const name of ["reader", "reader2", "reader3"]) {
    await writeProfile(f.profiles, name, READER);
  }
  const cli = async (args: string[], extra: Record<string, string> = {}) => {
    const r = await runInProcess(args, { env: { ...f.env, ...extra }, now: clock });
    assertEquals(r.code, 0, `soracom ${args.join(" ")}: ${r.stderr}`);
    return r;
  };
  return {
    ...f,
    cli,
    clock,
    advance: (ms: number) => {
      now += ms;
    },
    counts: async () => ({
      auth: f.api.count("POST", "/v1/auth"),
      switchUser: f.api.count("POST", "/v1/auth/switch_user"),
      op: await opRuns(f.opLog),
    }),
  };
}

Deno.test("one OTP for a source and three switch-user profiles on it (the source's login is cached)", async () => {
  await using t = await setup();
  // The switch-user profile first: its source logs in with profileCommand + mfaOTPCommand.
  await t.cli(["--profile", "reader", "operator", "get"]);
  assertEquals(await t.counts(), { auth: 1, switchUser: 1, op: 2 });
  const login = JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body);
  assert(
    /^\d{6}$/.test(login.mfaOTPCode ?? ""),
    "the source login carried the mfaOTPCommand's code",
  );
  await t.cli(["--profile", "sam", "soralets", "list"]);
  await t.cli(["--profile", "reader2", "operator", "get"]);
  await t.cli(["--profile", "reader3", "operator", "get"]);
  assertEquals(await t.counts(), { auth: 1, switchUser: 3, op: 2 });
  // Every one of them again: all from the cache.
  for (const p of ["reader", "reader2", "reader3", "sam"]) {
    await t.cli(["--profile", p, "soralets", "list"]);
  }
  assertEquals(await t.counts(), { auth: 1, switchUser: 3, op: 2 });
  assertEquals((await t.sessionFiles()).length, 4);
});

Deno.test("the source first, then its switch-user profiles: still one login", async () => {
  await using t = await setup();
  await t.cli(["--profile", "sam", "soralets", "list"]);
  await t.cli(["--profile", "reader", "operator", "get"]);
  await t.cli(["--profile", "reader2", "operator", "get"]);
  assertEquals(await t.counts(), { auth: 1, switchUser: 2, op: 2 });
});

Deno.test("fake clock: a lapsed switch-user session is made again from the source's, without an OTP", async () => {
  await using t = await setup();
  await t.cli(["--profile", "reader", "operator", "get"]);
  t.advance(2 * HOUR); // the switched session (1 h) has lapsed; the source's (24 h) lives
  await t.cli(["--profile", "reader", "operator", "get"]);
  await t.cli(["--profile", "reader2", "operator", "get"]);
  assertEquals(await t.counts(), { auth: 1, switchUser: 3, op: 2 });
  // Now the source has lapsed too: one login for the day. (The stand-in `op` makes codes for the
  // real time, the emulator checks them on its fake clock: the code comes from the flag here.)
  t.advance(30 * HOUR);
  await t.cli(["--profile", "reader", "operator", "get", "--mfa-otpcode", t.api.totp("sam")]);
  await t.cli(["--profile", "reader3", "operator", "get"]);
  assertEquals(await t.counts(), { auth: 2, switchUser: 5, op: 3 });
});

Deno.test("a cached source session the server has revoked is dropped and logged in again once", async () => {
  await using t = await setup();
  const session = JSON.parse((await t.cli(["auth", "--profile", "sam"])).stdout);
  await t.cli(["logout", "--api-key", session.apiKey, "--api-token", session.token]);
  const r = await t.cli(["--profile", "reader", "operator", "get"]);
  assertStringIncludes(r.stdout, switchTarget.operatorId);
  assertEquals(await t.counts(), { auth: 2, switchUser: 2, op: 4 });
});

Deno.test("--mfa-otpcode and a prompt serve a source login as they serve a direct one", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "sam", PROFILES.sam);
  const code = t.api.totp("sam");
  await t.cli(["--profile", "reader", "operator", "get", "--mfa-otpcode", code]);
  assertEquals(JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body).mfaOTPCode, code);
  t.advance(30 * HOUR);
  const tc = testContext({ env: t.env, now: t.clock, prompts: [t.api.totp("sam")] });
  assertEquals(await runCli(["--profile", "reader2", "operator", "get"], tc.ctx), 0, tc.stderr());
  assertEquals(tc.asked, ["MFA OTP code for sam: "]);
  assertEquals(await t.counts(), { auth: 3, switchUser: 2, op: 0 });
});
