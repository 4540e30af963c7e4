/**
 * Issue 13: configure asks before it overwrites, re-asks bad answers, offers the
 * MFA step and a 1Password template, refuses switch-user chains, and ends by
 * trying the login.
 */
import assert from "node:assert/strict";
import { emulatorFixture, PROFILES } from "../../helpers/fixture.ts";
import { testContext } from "../../helpers/context.ts";
import { opRuns, writeProfile } from "../../helpers/run.ts";
import { runCli } from "../../../src/cli/app.ts";
import { onePasswordProfile } from "../../../src/cli/commands/configure.ts";
import { sam, samPlain, switchTarget } from "../../helpers/accounts.ts";
import { testWhere } from "../../helpers/platform.ts";

async function setup() {
  const f = await emulatorFixture();
  /** Runs `soracom ARGS` in-process with `answers` for its questions. */
  const configure = async (args: string[], answers: string[]) => {
    const t = testContext({ env: f.env, prompts: answers });
    const code = await runCli(args, t.ctx);
    return { code, asked: t.asked, stderr: t.stderr(), stdout: t.stdout() };
  };
  const read = async (name: string) =>
    JSON.parse(await Deno.readTextFile(`${f.profiles}/${name}.json`));
  return { ...f, configure, read };
}

testWhere(
  ["/bin/sh"],
  "configure asks 'overwrite?' before any other question; No is the default",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "x", PROFILES.authKey);
    for (const answer of ["", "n", "whatever"]) {
      const r = await t.configure(["configure", "--profile", "x"], [answer, "1"]);
      assert.equal(r.code, 1, r.stderr);
      assert.deepEqual(r.asked, ["Profile x already exists. Overwrite it? (y/N) "]);
    }
    assert.deepEqual(await t.read("x"), PROFILES.authKey);
  },
);

testWhere(
  ["/bin/sh"],
  "configure: a bad menu answer or an empty field is asked again, not fatal",
  async () => {
    await using t = await setup();
    const r = await t.configure(["configure", "--profile", "plain"], [
      "x", // coverage: not a number
      "9", // out of range
      "2",
      "3", // SAM user
      "", // empty operator ID
      samPlain.operatorId,
      samPlain.userName,
      samPlain.password,
      "1", // no MFA
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(r.asked.slice(0, 6), [
      "select (1-2) > ",
      "Type a number from 1 to 2.\nselect (1-2) > ",
      "Type a number from 1 to 2.\nselect (1-2) > ",
      "select (1-6) > ",
      "Operator ID (OP00...): ",
      "This cannot be empty.\nOperator ID (OP00...): ",
    ]);
    assert.deepEqual((await t.read("plain")).operatorId, samPlain.operatorId);
    assert.ok(
      r.stderr.includes(
        `Logged in as ${samPlain.operatorId} ${samPlain.userName}; the session is cached.\n`,
      ),
    );
    assert.ok(
      r.stderr.endsWith("Saved. Try: 'soracom --profile plain subscribers list'\n"),
      r.stderr,
    );
    assert.equal((await t.sessionFiles()).length, 1);
  },
);

testWhere(
  ["/bin/sh"],
  "configure: the MFA step saves an mfaOTPCommand, and the first login uses it",
  async () => {
    await using t = await setup();
    const r = await t.configure(["configure", "--profile", "sam"], [
      "2",
      "3",
      sam.operatorId,
      sam.userName,
      sam.password,
      "2", // MFA: code from a command
      "op item get soracom-power-sam-user --otp",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal((await t.read("sam")).mfaOTPCommand, "op item get soracom-power-sam-user --otp");
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(await opRuns(t.opLog), 1);
    assert.ok(
      r.stderr.endsWith("Saved. Try: 'soracom --profile sam subscribers list'\n"),
      r.stderr,
    );
  },
);

testWhere(
  ["/bin/sh"],
  "configure: the 1Password template picks fields by label and logs in with the item's code",
  async () => {
    await using t = await setup();
    const r = await t.configure(["configure", "--profile", "op"], [
      "2",
      "5", // 1Password
      "soracom-power-sam-user",
      "1", // a SAM user
      "", // the item holds the OTP (default yes)
    ]);
    assert.equal(r.code, 0, r.stderr);
    const saved = await t.read("op");
    assert.deepEqual(
      saved.profileCommand,
      onePasswordProfile("soracom-power-sam-user", "sam", true).profileCommand,
    );
    assert.equal(saved.mfaOTPCommand, "op item get soracom-power-sam-user --otp");
    assert.ok(r.stderr.includes(`Logged in as ${sam.operatorId} ${sam.userName}`));
    assert.equal(await opRuns(t.opLog), 2);
    const login = JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body);
    assert.deepEqual([login.operatorId, login.userName, login.password], [
      sam.operatorId,
      sam.userName,
      sam.password,
    ]);
    // A name with a quote in it survives both layers of quoting.
    const odd = onePasswordProfile('it\'s "mine"', "root", false);
    assert.match(odd.profileCommand!, /--format json/);
    assert.equal(odd.mfaOTPCommand, undefined);
  },
);

testWhere(
  ["/bin/sh"],
  "configure refuses switch-user chains, with flags and in the menu",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "src", PROFILES.authKey);
    await writeProfile(t.profiles, "dst", PROFILES.switchUser);
    const flags = await t.configure([
      "configure",
      "--profile",
      "chain",
      "--source-profile",
      "dst",
      "--operator-id",
      switchTarget.operatorId,
      "--user-name",
      switchTarget.userName,
    ], []);
    assert.equal(flags.code, 3);
    assert.equal(
      flags.stderr,
      "Error: profile 'dst' is a switch-user profile itself; the source must log in directly (no chains)\n",
    );
    const menu = await t.configure(["configure", "--profile", "chain", "--no-login"], [
      "2",
      "4",
      "1", // the only source offered: src
      switchTarget.operatorId,
      switchTarget.userName,
    ]);
    assert.equal(menu.code, 0, menu.stderr);
    assert.match(
      menu.stderr,
      /Select the source profile \(the one that logs in first\):\n1\. src\n/,
    );
    assert.equal((await t.read("chain")).sourceProfile, "src");
    assert.equal(t.api.log.length, 0, "--no-login: nothing sent");
  },
);

testWhere(
  ["/bin/sh"],
  "configure: credentials the API refuses are asked for again, and saved only once they work",
  async () => {
    await using t = await setup();
    const sam = [samPlain.operatorId, samPlain.userName];
    const r = await t.configure(["configure", "--profile", "typo"], [
      "2",
      "3",
      ...sam,
      "not-the-password",
      "1",
      ...sam,
      samPlain.password,
      "1",
    ]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stderr, /The credentials were not accepted; type them again \(try 2 of 3\)\./);
    assert.deepEqual((await t.read("typo")).password, samPlain.password);
    // Three refusals: nothing is saved, and the error says why.
    const wrong = [...sam, "wrong", "1"];
    const no = await t.configure(["configure", "--profile", "never"], [
      "2",
      "3",
      ...wrong,
      ...wrong,
      ...wrong,
    ]);
    assert.equal(no.code, 4, no.stderr);
    assert.match(
      no.stderr,
      /Error: the credentials were not accepted, so the profile was not saved: /,
    );
    assert.ok(!await Deno.stat(`${t.profiles}/never.json`).catch(() => false));
    // With flags on a terminal the credentials are checked too: a refusal saves nothing.
    const samFlags = ["--operator-id", samPlain.operatorId, "--user-name", samPlain.userName];
    const given = ["configure", "--profile", "flags", ...samFlags, "--password", "wrong"];
    const flags = await t.configure(given, []);
    assert.equal(flags.code, 4, flags.stderr);
    assert.ok(!await Deno.stat(`${t.profiles}/flags.json`).catch(() => false));
    // --no-login saves without trying.
    const unchecked = await t.configure([...given, "--no-login"], []);
    assert.equal(unchecked.code, 0, unchecked.stderr);
    assert.equal((await t.read("flags")).password, "wrong");
  },
);
