/**
 * Issue 13: one login (and one OTP) per identity, shared by every switch-user
 * profile that names it as its source. In-process runs share a fake clock with
 * the emulator, so lapsed sessions are tested without waiting.
 */
import assert from "node:assert/strict";
import { emulatorFixture, OP_JQ_PROFILE, PROFILES } from "../helpers/fixture.ts";
import { runInProcess, testContext } from "../helpers/context.ts";
import { runCli } from "../../src/cli/app.ts";
import { opRuns, writeProfile } from "../helpers/run.ts";
import { switchTarget } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

const HOUR = 3_600_000;

/** The README's 1Password source, and a switch-user profile on top of it. */
const OP_SOURCE = PROFILES.opWithOtpCommand;
const READER = PROFILES.switchFromSam;

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
    assert.equal(r.code, 0, `soracom ${args.join(" ")}: ${r.stderr}`);
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

testWhere(
  ["/bin/sh"],
  "one OTP for a source and three switch-user profiles on it (the source's login is cached)",
  async () => {
    await using t = await setup();
    // The switch-user profile first: its source logs in with profileCommand + mfaOTPCommand.
    await t.cli(["--profile", "reader", "operator", "get"]);
    assert.deepEqual(await t.counts(), { auth: 1, switchUser: 1, op: 2 });
    const login = JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body);
    assert.ok(
      /^\d{6}$/.test(login.mfaOTPCode ?? ""),
      "the source login carried the mfaOTPCommand's code",
    );
    await t.cli(["--profile", "sam", "soralets", "list"]);
    await t.cli(["--profile", "reader2", "operator", "get"]);
    await t.cli(["--profile", "reader3", "operator", "get"]);
    assert.deepEqual(await t.counts(), { auth: 1, switchUser: 3, op: 2 });
    // Every one of them again: all from the cache.
    for (const p of ["reader", "reader2", "reader3", "sam"]) {
      await t.cli(["--profile", p, "soralets", "list"]);
    }
    assert.deepEqual(await t.counts(), { auth: 1, switchUser: 3, op: 2 });
    assert.equal((await t.sessionFiles()).length, 4);
  },
);

testWhere(
  ["/bin/sh"],
  "the source first, then its switch-user profiles: still one login",
  async () => {
    await using t = await setup();
    await t.cli(["--profile", "sam", "soralets", "list"]);
    await t.cli(["--profile", "reader", "operator", "get"]);
    await t.cli(["--profile", "reader2", "operator", "get"]);
    assert.deepEqual(await t.counts(), { auth: 1, switchUser: 2, op: 2 });
  },
);

testWhere(
  ["/bin/sh"],
  "fake clock: a lapsed switch-user session is made again from the source's, without an OTP",
  async () => {
    await using t = await setup();
    await t.cli(["--profile", "reader", "operator", "get"]);
    t.advance(2 * HOUR); // the switched session (1 h) has lapsed; the source's (24 h) lives
    await t.cli(["--profile", "reader", "operator", "get"]);
    await t.cli(["--profile", "reader2", "operator", "get"]);
    assert.deepEqual(await t.counts(), { auth: 1, switchUser: 3, op: 2 });
    // Now the source has lapsed too: one login for the day. (The stand-in `op` makes codes for the
    // real time, the emulator checks them on its fake clock: the code comes from the flag here.)
    t.advance(30 * HOUR);
    await t.cli(["--profile", "reader", "operator", "get", "--mfa-otpcode", t.api.totp("sam")]);
    await t.cli(["--profile", "reader3", "operator", "get"]);
    assert.deepEqual(await t.counts(), { auth: 2, switchUser: 5, op: 3 });
  },
);

testWhere(
  ["/bin/sh"],
  "a cached source session the server has revoked is dropped and logged in again once",
  async () => {
    await using t = await setup();
    const session = JSON.parse((await t.cli(["auth", "--profile", "sam"])).stdout);
    await t.cli(["logout", "--api-key", session.apiKey, "--api-token", session.token]);
    const r = await t.cli(["--profile", "reader", "operator", "get"]);
    assert.ok(r.stdout.includes(switchTarget.operatorId));
    assert.deepEqual(await t.counts(), { auth: 2, switchUser: 2, op: 4 });
  },
);

testWhere(
  ["/bin/sh"],
  "--mfa-otpcode and a prompt serve a source login as they serve a direct one",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    const code = t.api.totp("sam");
    await t.cli(["--profile", "reader", "operator", "get", "--mfa-otpcode", code]);
    assert.deepEqual(
      JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body).mfaOTPCode,
      code,
    );
    t.advance(30 * HOUR);
    const tc = testContext({ env: t.env, now: t.clock, prompts: [t.api.totp("sam")] });
    assert.equal(await runCli(["--profile", "reader2", "operator", "get"], tc.ctx), 0, tc.stderr());
    assert.deepEqual(tc.asked, ["MFA one-time code for sam: "]);
    assert.deepEqual(await t.counts(), { auth: 3, switchUser: 2, op: 0 });
  },
);

testWhere(
  ["/bin/sh"],
  "a profileCommand that exits 0 with nothing on stdout shows the end of its stderr",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "broken", {
      profileCommand:
        `/bin/sh -c "echo 'unlocking vault' >&2; echo 'jq: error: password=hunter2 is not a filter' >&2"`,
    });
    const r = await runInProcess(["--profile", "broken", "soralets", "list"], { env: t.env });
    assert.equal(r.code, 4);
    assert.deepEqual(
      r.stderr,
      [
        "profileCommand 'echo' wrote on stderr:",
        "  | unlocking vault",
        "  | jq: error: password=<hidden> is not a filter",
        "Error: the output of profileCommand 'echo' is empty",
        "",
      ].join("\n"),
    );
  },
);

testWhere(
  ["/bin/sh"],
  "an mfaOTPCommand that fails shows the end of its stderr, in Japanese under LANG=ja",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", {
      ...PROFILES.sam,
      mfaOTPCommand: "op item get nothing --otp",
    });
    const r = await runInProcess(["--profile", "sam", "soralets", "list"], {
      env: { ...t.env, LANG: "ja_JP.UTF-8" },
    });
    assert.equal(r.code, 4);
    // One line on stderr: said once, in the error.
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(
      lines[0].startsWith("Error: mfaOTPCommand 'op' が終了ステータス 1 で失敗しました: [ERROR]"),
      r.stderr,
    );
    assert.match(lines[0], /"nothing" isn't an item/);
  },
);

/** The `/auth` bodies the emulator saw. */
function authBodies(t: { api: { log: readonly { path: string; body: string }[] } }) {
  return t.api.log.filter((l) => l.path === "/v1/auth").map((l) =>
    JSON.parse(l.body) as { mfaOTPCode?: string; password?: string }
  );
}

/** A 6-digit code that is not the emulator's current one. */
function wrongCode(right: string): string {
  return right === "111111" ? "222222" : "111111";
}

testWhere(
  ["/bin/sh"],
  "OTP as people type it: spaces and dashes are dropped, anything but 6 digits is refused unsent",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    const code = t.api.totp("sam");
    await t.cli([
      "--profile",
      "sam",
      "soralets",
      "list",
      "--mfa-otpcode",
      ` ${code.slice(0, 3)} ${code.slice(3)}`,
    ]);
    assert.deepEqual(authBodies(t).map((b) => b.mfaOTPCode), [code]);
    await t.cli(["logout", "--profile", "sam"]);
    await t.cli([
      "--profile",
      "sam",
      "soralets",
      "list",
      "--mfa-otpcode",
      `${code.slice(0, 3)}-${code.slice(3)}`,
    ]);
    assert.deepEqual(authBodies(t).map((b) => b.mfaOTPCode), [code, code]);
    for (const bad of ["12345", "1234567", "abcdef"]) {
      const r = await runInProcess([
        "--profile",
        "sam",
        "soralets",
        "list",
        "--no-session-cache",
        "--mfa-otpcode",
        bad,
      ], {
        env: t.env,
        now: t.clock,
      });
      assert.equal(r.code, 2, r.stderr);
      assert.equal(r.stderr, "Error: --mfa-otpcode must be a 6-digit one-time code\n");
    }
    assert.equal(authBodies(t).length, 2, "no login was sent with a malformed code");
  },
);

testWhere(
  ["/bin/sh"],
  "on a terminal a wrong code is asked again, naming the profile; a malformed answer does not count",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    const right = t.api.totp("sam");
    const tc = testContext({
      env: t.env,
      now: t.clock,
      prompts: [wrongCode(right), "12", `${right.slice(0, 3)} ${right.slice(3)}`],
    });
    assert.equal(await runCli(["--profile", "sam", "soralets", "list"], tc.ctx), 0, tc.stderr());
    assert.deepEqual(tc.asked, [
      "MFA one-time code for sam: ",
      "The one-time code for sam was not accepted.\nMFA one-time code for sam: ",
      "A one-time code is 6 digits; try again.\nMFA one-time code for sam: ",
    ]);
    assert.equal(tc.stderr(), "");
    assert.deepEqual(authBodies(t).map((b) => b.mfaOTPCode), [undefined, wrongCode(right), right]);
  },
);

testWhere(
  ["/bin/sh"],
  "on a terminal: three wrong codes end the login with a hint; an empty answer aborts",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    const wrong = wrongCode(t.api.totp("sam"));
    const tc = testContext({ env: t.env, now: t.clock, prompts: [wrong, wrong, wrong, wrong] });
    assert.equal(await runCli(["--profile", "sam", "soralets", "list"], tc.ctx), 4);
    assert.equal(tc.asked.length, 3);
    assert.equal(authBodies(t).length, 4);
    const lines = tc.stderr().trimEnd().split("\n");
    assert.equal(
      lines.at(-1),
      "hint: the one-time code for sam was not accepted (a code lasts 30 seconds; check the device's clock)",
    );
    assert.ok(lines.at(-2)!.startsWith(`Error: {"code":"AUM0064"`), tc.stderr());
    assert.deepEqual(await t.sessionFiles(), []);

    const empty = testContext({ env: t.env, now: t.clock, prompts: [""] });
    assert.equal(await runCli(["--profile", "sam", "soralets", "list"], empty.ctx), 1);
    assert.equal(empty.stderr(), "Error: login aborted: no one-time code given\n");
  },
);

testWhere(
  ["/bin/sh"],
  "without a terminal: AUM0063 gets a hint; a wrong code and a wrong password are told apart",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    await writeProfile(t.profiles, "typo", { ...PROFILES.sam, password: "not-the-password" });
    const run = (args: string[]) => runInProcess(args, { env: t.env, now: t.clock });
    const needed = await run(["--profile", "sam", "soralets", "list"]);
    assert.equal(needed.code, 4);
    assert.match(
      needed.stderr,
      /\nhint: sam needs an MFA one-time code: pass --mfa-otpcode CODE, or set mfaOTPCommand in the profile \(for example "op item get ITEM --otp"\)\n/,
    );
    const wrong = await run([
      "--profile",
      "sam",
      "soralets",
      "list",
      "--mfa-otpcode",
      wrongCode(t.api.totp("sam")),
    ]);
    assert.equal(wrong.code, 4);
    assert.match(wrong.stderr, /hint: the one-time code for sam was not accepted/);
    const typo = await run([
      "--profile",
      "typo",
      "soralets",
      "list",
      "--mfa-otpcode",
      t.api.totp("sam"),
    ]);
    assert.equal(typo.code, 4);
    assert.match(typo.stderr, /hint: the password or the one-time code for typo was not accepted/);
    for (const r of [needed, wrong, typo]) {
      assert.equal(r.stderr.trimEnd().split("\n").length, 2, r.stderr);
    }
  },
);

testWhere(
  ["/bin/sh"],
  "a login that retries says so on a terminal; --no-retry-on-error applies to the login too",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "key", PROFILES.authKey);
    t.api.injectFault({ path: "/v1/auth" }, { kind: "status", status: 503 }, 2);
    const tc = testContext({
      env: t.env,
      now: t.clock,
      stderrIsTerminal: true,
      sleep: () => Promise.resolve(),
    });
    assert.equal(await runCli(["--profile", "key", "soralets", "list"], tc.ctx), 0, tc.stderr());
    const said = tc.stderr().trimEnd().split("\n");
    assert.equal(said.length, 2, tc.stderr());
    assert.ok(
      /^POST \/v1\/auth: HTTP 503; retrying in \d+ s \(attempt 2 of 5\)$/.test(said[0]),
      said[0],
    );
    assert.ok(
      /^POST \/v1\/auth: HTTP 503; retrying in \d+ s \(attempt 3 of 5\)$/.test(said[1]),
      said[1],
    );

    t.api.injectFault({ path: "/v1/auth" }, { kind: "status", status: 503 }, 1);
    const once = await runInProcess([
      "--profile",
      "key",
      "soralets",
      "list",
      "--no-session-cache",
      "--no-retry-on-error",
    ], {
      env: t.env,
      now: t.clock,
      sleep: () => Promise.resolve(),
    });
    assert.equal(once.code, 4, once.stderr);
    assert.equal(t.api.count("POST", "/v1/auth"), 4);
  },
);

testWhere(
  ["/bin/sh"],
  "SORACOM_API_KEY + SORACOM_API_TOKEN: after the credential flags, before the profile",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const session = JSON.parse((await t.cli(["auth"])).stdout);
    const env = { SORACOM_API_KEY: session.apiKey, SORACOM_API_TOKEN: session.token };
    // The profile named here could not even be read: the environment's session comes first.
    const r = await t.cli(["operator", "get"], { ...env, SORACOM_PROFILE: "missing" });
    assert.ok(r.stdout.includes(session.operatorId));
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    const headers = t.api.log.at(-1)!.headers;
    assert.deepEqual(headers["x-soracom-api-key"], session.apiKey);
    // An explicit --profile of another profile wins over it (issue 24): that profile, or its error.
    const named = await runInProcess(["--profile", "missing", "operator", "get"], {
      env: { ...t.env, ...env },
      now: t.clock,
    });
    assert.equal(named.code, 3, named.stderr);
    assert.match(named.stderr, /not with the session in SORACOM_API_KEY/);
    // Flags still win.
    await t.cli([
      "operator",
      "get",
      "--auth-key-id",
      PROFILES.authKey.authKeyId,
      "--auth-key",
      PROFILES.authKey.authKey,
      "--no-session-cache",
    ], env);
    assert.equal(t.api.count("POST", "/v1/auth"), 2);
    const half = await runInProcess(["operator", "get"], {
      env: { ...t.env, SORACOM_API_KEY: session.apiKey },
      now: t.clock,
    });
    assert.equal(half.code, 2);
    assert.equal(half.stderr, "Error: both SORACOM_API_KEY and SORACOM_API_TOKEN must be set\n");
  },
);

testWhere(
  ["/bin/sh", "jq"],
  "mfaOTPCode from the source's profileCommand output serves the source login too",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    await t.cli(["--profile", "reader", "operator", "get"]);
    await t.cli(["--profile", "reader2", "operator", "get"]);
    assert.deepEqual(await t.counts(), { auth: 1, switchUser: 2, op: 1 });
    assert.ok(/^\d{6}$/.test(authBodies(t)[0].mfaOTPCode ?? ""));
  },
);

testWhere(
  ["/bin/sh"],
  "a profileCommand that prints something other than a profile shows the end of its stderr",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "broken", {
      profileCommand: `/bin/sh -c "echo 'op: session expired' >&2; echo '[not a profile'"`,
    });
    const r = await runInProcess(["--profile", "broken", "soralets", "list"], { env: t.env });
    assert.equal(r.code, 4);
    assert.deepEqual(
      r.stderr,
      "profileCommand 'echo' wrote on stderr:\n  | op: session expired\n" +
        "Error: the output of profileCommand 'echo' is not valid JSON\n",
    );
  },
);

testWhere(
  ["/bin/sh"],
  "a profileCommand run by a shell names the program that failed, and its stderr once",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "op", {
      profileCommand: `/bin/sh -c "op item get nothing --format json"`,
    });
    const r = await runInProcess(["--profile", "op", "soralets", "list"], { env: t.env });
    assert.equal(r.code, 4);
    const lines = r.stderr.trimEnd().split("\n");
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0].startsWith("Error: profileCommand 'op' failed with exit status 1: [ERROR]"));
    await writeProfile(t.profiles, "gone", {
      profileCommand: `/bin/sh -c "no-such-program-here item get x"`,
    });
    const gone = await runInProcess(["--profile", "gone", "soralets", "list"], { env: t.env });
    assert.equal(gone.code, 3);
    assert.equal(gone.stderr, "Error: profileCommand: program not found: no-such-program-here\n");
  },
);
