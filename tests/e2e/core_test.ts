/**
 * Issue 2's case, end to end through main.ts: a SAM user with MFA whose
 * profileCommand runs 1Password (`op`, a stand-in here) and the real jq.
 */
import {
  assert,
  assertEquals,
  assertNotIncludes,
  assertStringIncludes,
} from "../helpers/assert.ts";
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
    assertEquals(r.stderr, "");
    assertEquals(r.code, 0);
    const auth = t.api.log.find((l) => l.path === "/v1/auth")!;
    const body = JSON.parse(auth.body);
    assertEquals(Object.keys(body).sort(), ["mfaOTPCode", "operatorId", "password", "userName"]);
    assertEquals([body.operatorId, body.userName, body.password], [
      sam.operatorId,
      sam.userName,
      sam.password,
    ]);
    assert(/^\d{6}$/.test(body.mfaOTPCode));
    const list = t.api.log.find((l) => l.path === "/v1/soralets")!;
    assert(list.headers["x-soracom-api-key"]?.startsWith("api-"));
    assert(list.headers["x-soracom-token"]);
    assertEquals(list.headers["x-soracom-lang"], "en");
    assertStringIncludes(list.headers["user-agent"], "soracom-cli-ts/");
    // tab-indented JSON with sorted keys
    assert(r.stdout.startsWith('[\n\t{\n\t\t"'), r.stdout);
    const parsed = JSON.parse(r.stdout);
    assert(Array.isArray(parsed) && parsed.length > 0);
    assertEquals(await opRuns(t.opLog), 1);
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
    assert(ja.code !== 0);
    assertEquals(ja.stdout, "");
    assertEquals(
      ja.stderr,
      `Error: {"code":"AUM0063","message":"このユーザーは MFA が有効です: ワンタイムコード (mfaOTPCode) が必要です。"}\n` +
        `ヒント: sam には MFA のワンタイムコードが必要です。--mfa-otpcode CODE を付けるか、プロファイルに mfaOTPCommand を設定してください（例: "op item get ITEM --otp"）\n`,
    );
    const en = await runSoracom(["--profile", "sam", "soralets", "list"], {
      env: { ...t.env, FAKE_OP_NO_OTP: "1" },
    });
    assert(en.code !== 0);
    assertStringIncludes(en.stderr, `Error: {"code":"AUM0063"`);
    assertNotIncludes(en.stderr, sam.password);
    assertEquals(t.api.count("GET", "/v1/soralets"), 0);
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
    assertEquals(r.code, 0, r.stderr);
    assertEquals(
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
    assertEquals((await runSoracom(["operator", "get"], { env: noCache })).code, 0);
    assertEquals(lastAuth().userName, samPlain.userName);
    // --profile-command beats the profile
    assertEquals(
      (await runSoracom(["operator", "get", "--profile-command", cmd], { env: noCache })).code,
      0,
    );
    assertEquals(lastAuth().email, root.email);
    // auth key flags beat --profile-command
    const ak = ["--auth-key-id", authKey.authKeyId, "--auth-key", authKey.authKey];
    assertEquals(
      (await runSoracom(["operator", "get", ...ak, "--profile-command", cmd], { env: noCache }))
        .code,
      0,
    );
    assertEquals(lastAuth().authKeyId, authKey.authKeyId);
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
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout).operatorId, authKey.operatorId);
    assertEquals(t.api.count("POST", "/v1/auth"), before);
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
    assertEquals(r.stderr, `Error: ${msg}\n`);
    assertEquals(r.code, 2);
  }
});

testWhere(
  ["setsid", "/bin/sh"],
  "no profile: which file is missing, and how to create one",
  async () => {
    await using t = await setup();
    const r = await runSoracom(["soralets", "list"], { env: t.env });
    assertEquals(r.code, 3);
    assertStringIncludes(
      r.stderr,
      `Error: profile 'default' does not exist (there is no ${t.profiles}/default.json)`,
    );
    assertStringIncludes(r.stderr, "soracom configure");
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
    assertEquals(r.code, 0, r.stderr);
    assertEquals(JSON.parse(r.stdout).operatorId, switchTarget.operatorId);
    const sw = t.api.log.find((l) => l.path === "/v1/auth/switch_user")!;
    assertEquals(JSON.parse(sw.body), {
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
    assertStringIncludes(n.stderr, "nested switch user is not allowed");
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
    assertEquals(page.code, 0, page.stderr);
    const items = JSON.parse(page.stdout);
    assertEquals(items.map((s: { imsi: string }) => s.imsi), [
      "440100000000002",
      "440100000000003",
    ]);
    const q = t.api.log.find((l) => l.path === "/v1/subscribers")!.query;
    assertEquals([q.limit, q.last_evaluated_key], [["2"], ["440100000000001"]]);
    const one = await runSoracom(["subscribers", "get", "--imsi", "440100000000002"], {
      env: t.env,
    });
    assertEquals(JSON.parse(one.stdout).imsi, "440100000000002");
    const missing = await runSoracom(["subscribers", "get"], { env: t.env });
    assertEquals(missing.stderr, "Error: required parameter 'imsi' is not specified\n");
    const op = await runSoracom(["operator", "get"], { env: t.env });
    assertEquals(JSON.parse(op.stdout).operatorId, authKey.operatorId);
    assertEquals(
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
    assertEquals(r.code, 0, r.stderr);
    assertEquals(Object.keys(JSON.parse(r.stdout)).sort(), [
      "apiKey",
      "operatorId",
      "token",
      "userName",
    ]);
    const bad = await runSoracom(["auth", "--email", root.email, "--password", "wrong"], {
      env: t.env,
    });
    assertEquals(bad.code, 5);
    assert(bad.stderr.startsWith(`Error: {"code":`), bad.stderr);
    assertNotIncludes(bad.stderr, "wrong");
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
    assertEquals(r.code, 0, r.stderr);
    for (const l of t.api.log) {
      assertEquals(l.headers["x-extra"], "yes");
      assertEquals(l.headers["x-soracom-lang"], "ja");
    }
  },
);

testWhere(["setsid", "/bin/sh"], "logout revokes the session", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "default", PROFILES.authKey);
  const auth = JSON.parse((await runSoracom(["auth"], { env: t.env })).stdout);
  const creds = ["--api-key", auth.apiKey, "--api-token", auth.token];
  assertEquals((await runSoracom(["logout", ...creds], { env: t.env })).code, 0);
  const after = await runSoracom(["operator", "get", ...creds], { env: t.env });
  assertEquals(after.code, 5);
});
