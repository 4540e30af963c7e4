/**
 * Issue 2's case, end to end through main.ts: a SAM user with MFA whose
 * profileCommand runs 1Password (`op`, a stand-in here) and the real jq.
 */
import assert from "node:assert/strict";
import { emulatorFixture, OP_JQ_PROFILE, PROFILES } from "../helpers/fixture.ts";
import { opRuns, runSoracom, writeProfile } from "../helpers/run.ts";
import { authKey, root, sam, samPlain, switchTarget } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

function setup() {
  return emulatorFixture({ homeProfiles: true });
}

testWhere(
  ["setsid", "/bin/sh", "jq"],
  "soracom --profile sam soralets list: profileCommand with op and jq, MFA, then the API call",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    const r = await runSoracom(["--profile", "sam", "soralets", "list"], { env: t.env });
    assert.equal(r.stderr, "");
    assert.equal(r.code, 0);
    const auth = t.api.log.find((l) => l.path === "/v1/auth")!;
    const body = JSON.parse(auth.body);
    assert.deepEqual(Object.keys(body).sort(), [
      "mfaOTPCode",
      "operatorId",
      "password",
      "userName",
    ]);
    assert.deepEqual([body.operatorId, body.userName, body.password], [
      sam.operatorId,
      sam.userName,
      sam.password,
    ]);
    assert.ok(/^\d{6}$/.test(body.mfaOTPCode));
    const list = t.api.log.find((l) => l.path === "/v1/soralets")!;
    assert.ok(list.headers["x-soracom-api-key"]?.startsWith("api-"));
    assert.ok(list.headers["x-soracom-token"]);
    assert.equal(list.headers["x-soracom-lang"], "en");
    assert.match(list.headers["user-agent"], /soracom-cli-ts\//);
    // tab-indented JSON with sorted keys
    assert.ok(r.stdout.startsWith('[\n\t{\n\t\t"'), r.stdout);
    const parsed = JSON.parse(r.stdout);
    assert.ok(Array.isArray(parsed) && parsed.length > 0);
    assert.equal(await opRuns(t.opLog), 1);
  },
);

testWhere(
  ["setsid", "/bin/sh", "jq"],
  "without an OTP the API's AUM0063 body is printed after Error:, then a hint (Japanese with a ja locale)",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    const ja = await runSoracom(["--profile", "sam", "soralets", "list"], {
      env: { ...t.env, FAKE_OP_NO_OTP: "1", LANG: "ja_JP.UTF-8" },
    });
    assert.ok(ja.code !== 0);
    assert.equal(ja.stdout, "");
    assert.deepEqual(
      ja.stderr,
      `Error: {"code":"AUM0063","message":"このユーザーは MFA が有効です: ワンタイムコード (mfaOTPCode) が必要です。"}\n` +
        `ヒント: sam には MFA のワンタイムコードが必要です。--mfa-otpcode CODE を付けるか、プロファイルに mfaOTPCommand を設定してください（例: "op item get ITEM --otp"）\n`,
    );
    const en = await runSoracom(["--profile", "sam", "soralets", "list"], {
      env: { ...t.env, FAKE_OP_NO_OTP: "1" },
    });
    assert.ok(en.code !== 0);
    assert.match(en.stderr, /Error: \{"code":"AUM0063"/);
    assert.ok(!en.stderr.includes(sam.password));
    assert.equal(t.api.count("GET", "/v1/soralets"), 0);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "--mfa-otpcode supplies the code for a profile without one",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam2", PROFILES.sam);
    // The code given is the code sent: comparing with a code made after the run would fail
    // whenever the run crossed a 30-second step (the emulator accepts the step either side).
    const code = t.api.totp("sam");
    const r = await runSoracom(["soralets", "list", "--profile", "sam2", "--mfa-otpcode", code], {
      env: t.env,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(
      JSON.parse(t.api.log.find((l) => l.path === "/v1/auth")!.body).mfaOTPCode,
      code,
    );
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "credential priority: api key flags, then auth key flags, then --profile-command, then the profile",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.samPlain);
    const cmd =
      `/bin/sh -c "printf '{\\"email\\":\\"${root.email}\\",\\"password\\":\\"${root.password}\\"}'"`;
    const noCache = { ...t.env, SORACOM_NO_SESSION_CACHE: "1" };
    const lastAuth = () => JSON.parse(t.api.log.filter((l) => l.path === "/v1/auth").at(-1)!.body);

    // the profile
    assert.equal((await runSoracom(["operator", "get"], { env: noCache })).code, 0);
    assert.deepEqual(lastAuth().userName, samPlain.userName);
    // --profile-command beats the profile
    assert.equal(
      (await runSoracom(["operator", "get", "--profile-command", cmd], { env: noCache })).code,
      0,
    );
    assert.deepEqual(lastAuth().email, root.email);
    // auth key flags beat --profile-command
    const ak = ["--auth-key-id", authKey.authKeyId, "--auth-key", authKey.authKey];
    assert.equal(
      (await runSoracom(["operator", "get", ...ak, "--profile-command", cmd], { env: noCache }))
        .code,
      0,
    );
    assert.deepEqual(lastAuth().authKeyId, authKey.authKeyId);
    // api key flags beat everything, and log in nobody
    const auth = JSON.parse((await runSoracom(["auth", ...ak], { env: noCache })).stdout);
    const before = t.api.count("POST", "/v1/auth");
    const r = await runSoracom([
      "operator",
      "get",
      "--api-key",
      auth.apiKey,
      "--api-token",
      auth.token,
      ...ak,
    ], {
      env: noCache,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).operatorId, authKey.operatorId);
    assert.deepEqual(t.api.count("POST", "/v1/auth"), before);
  },
);

testWhere(["setsid", "/bin/sh"], "half of a credential pair names the missing flag", async () => {
  await using t = await setup();
  for (
    const [args, msg] of [
      [["--api-key", "k"], "both --api-key and --api-token must be specified"],
      [["--api-token", "t"], "both --api-key and --api-token must be specified"],
      [["--auth-key-id", "i"], "both --auth-key-id and --auth-key must be specified"],
      [["--auth-key", "s"], "both --auth-key-id and --auth-key must be specified"],
    ] as const
  ) {
    const r = await runSoracom(["soralets", "list", ...args], { env: t.env });
    assert.equal(r.stderr, `Error: ${msg}\n`);
    assert.equal(r.code, 2);
  }
});

testWhere(
  ["setsid", "/bin/sh"],
  "no profile: which file is missing, and how to create one",
  async () => {
    await using t = await setup();
    const r = await runSoracom(["soralets", "list"], { env: t.env });
    assert.equal(r.code, 3);
    assert.ok(
      r.stderr.includes(
        `Error: profile 'default' does not exist (there is no ${t.profiles}/default.json)`,
      ),
    );
    assert.match(r.stderr, /soracom configure/);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "switch user: /auth as the source profile, then /auth/switch_user",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "src", PROFILES.authKey);
    await writeProfile(t.profiles, "dst", { ...PROFILES.switchUser, tokenTimeoutSeconds: 900 });
    const r = await runSoracom(["operator", "get", "--profile", "dst"], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout).operatorId, switchTarget.operatorId);
    const sw = t.api.log.find((l) => l.path === "/v1/auth/switch_user")!;
    assert.deepEqual(JSON.parse(sw.body), {
      operatorId: switchTarget.operatorId,
      userName: switchTarget.userName,
      tokenTimeoutSeconds: 900,
    });
    // nesting is refused
    await writeProfile(t.profiles, "nested", {
      sourceProfile: "dst",
      operatorId: "OP1",
      username: "u",
    });
    const n = await runSoracom(["operator", "get", "--profile", "nested"], { env: t.env });
    assert.match(n.stderr, /nested switch user is not allowed/);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "subscribers list with --limit/--last-evaluated-key, subscribers get, operator get",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const page = await runSoracom([
      "subscribers",
      "list",
      "--limit",
      "2",
      "--last-evaluated-key",
      "440100000000001",
    ], {
      env: t.env,
    });
    assert.equal(page.code, 0, page.stderr);
    const items = JSON.parse(page.stdout);
    assert.deepEqual(items.map((s: { imsi: string }) => s.imsi), [
      "440100000000002",
      "440100000000003",
    ]);
    const q = t.api.log.find((l) => l.path === "/v1/subscribers")!.query;
    assert.deepEqual([q.limit, q.last_evaluated_key], [["2"], ["440100000000001"]]);
    const one = await runSoracom(["subscribers", "get", "--imsi", "440100000000002"], {
      env: t.env,
    });
    assert.equal(JSON.parse(one.stdout).imsi, "440100000000002");
    const missing = await runSoracom(["subscribers", "get"], { env: t.env });
    assert.equal(missing.stderr, "Error: required parameter 'imsi' is not specified\n");
    const op = await runSoracom(["operator", "get"], { env: t.env });
    assert.deepEqual(JSON.parse(op.stdout).operatorId, authKey.operatorId);
    assert.equal(
      t.api.log.filter((l) => l.path === `/v1/operators/${authKey.operatorId}`).length,
      1,
    );
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "soracom auth with flags prints {apiKey, operatorId, token, userName}; an API error is the body",
  async () => {
    await using t = await setup();
    const r = await runSoracom(
      [
        "auth",
        "--operator-id",
        samPlain.operatorId,
        "--user-name",
        samPlain.userName,
        "--password",
        samPlain.password,
      ],
      { env: t.env },
    );
    assert.equal(r.code, 0, r.stderr);
    assert.deepEqual(Object.keys(JSON.parse(r.stdout)).sort(), [
      "apiKey",
      "operatorId",
      "token",
      "userName",
    ]);
    const bad = await runSoracom(["auth", "--email", root.email, "--password", "wrong"], {
      env: t.env,
    });
    assert.equal(bad.code, 5);
    assert.ok(bad.stderr.startsWith(`Error: {"code":`), bad.stderr);
    assert.doesNotMatch(bad.stderr, /wrong/);
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "profile headers and endpoint; SORACOM_ENDPOINT wins; X-Soracom-Lang follows the locale",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", {
      authKeyId: authKey.authKeyId,
      authKey: authKey.authKey,
      endpoint: t.api.url,
      headers: { "X-Extra": "yes" },
    });
    const env = { ...t.env, SORACOM_ENDPOINT: "", LC_ALL: "ja_JP.UTF-8" };
    const r = await runSoracom(["soralets", "list"], { env });
    assert.equal(r.code, 0, r.stderr);
    for (const l of t.api.log) {
      assert.equal(l.headers["x-extra"], "yes");
      assert.equal(l.headers["x-soracom-lang"], "ja");
    }
  },
);

testWhere(["setsid", "/bin/sh"], "logout revokes the session", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "default", PROFILES.authKey);
  const auth = JSON.parse((await runSoracom(["auth"], { env: t.env })).stdout);
  const creds = ["--api-key", auth.apiKey, "--api-token", auth.token];
  assert.equal((await runSoracom(["logout", ...creds], { env: t.env })).code, 0);
  const after = await runSoracom(["operator", "get", ...creds], { env: t.env });
  assert.equal(after.code, 5);
});
