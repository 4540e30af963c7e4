/**
 * Issue 5: cached sessions. In-process runs share a fake clock with the
 * emulator, so expiry and renewal are tested without waiting.
 */
import assert from "node:assert/strict";
import { emulatorFixture, OP_JQ_PROFILE, PROFILES } from "../helpers/fixture.ts";
import { runInProcess } from "../helpers/context.ts";
import { DENO_DIR, MAIN, opRuns, runSoracom, writeProfile } from "../helpers/run.ts";
import { runInPty } from "../helpers/pty.ts";
import { authKey, sam, samPlain } from "../helpers/accounts.ts";
import { sessionKey } from "../../src/auth/session_cache.ts";
import { testWhere } from "../helpers/platform.ts";

const HOUR = 3_600_000;

async function setup(options: { fakeClock?: boolean } = {}) {
  let now = Date.now();
  const clock = () => now;
  const f = await emulatorFixture(options.fakeClock ? { now: clock } : {});
  /** Runs the CLI in-process on the shared clock. */
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runInProcess(args, { env: { ...f.env, ...extra }, now: clock });
  return {
    ...f,
    cli,
    advance: (ms: number) => {
      now += ms;
    },
    /** The body of the first login request the emulator saw. */
    firstLogin: (): { mfaOTPCode?: string } =>
      JSON.parse(f.api.log.find((l) => l.path === "/v1/auth")!.body),
  };
}

testWhere(
  ["/bin/sh", "jq"],
  "the second command reuses the session: no /auth and the profileCommand does not run",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    for (let i = 0; i < 3; i++) {
      const r = await runInProcess(["--profile", "sam", "soralets", "list"], { env: t.env });
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(t.api.count("GET", "/v1/soralets"), 3);
    assert.equal(await opRuns(t.opLog), 1);
  },
);

testWhere(
  ["/bin/sh", "posix-modes", "jq"],
  "the cache file is 0600 in a 0700 folder, named by a hash, and holds no password or OTP",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    assert.equal(
      (await runInProcess(["--profile", "sam", "operator", "get"], { env: t.env })).code,
      0,
    );
    const files = await t.sessionFiles();
    assert.equal(files.length, 1);
    assert.ok(/^[0-9a-f]{64}\.json$/.test(files[0]), files[0]);
    const path = `${t.sessions}/${files[0]}`;
    assert.equal((await Deno.stat(path)).mode! & 0o777, 0o600);
    assert.equal((await Deno.stat(t.sessions)).mode! & 0o777, 0o700);
    const text = await Deno.readTextFile(path);
    assert.ok(!text.includes(sam.password));
    assert.doesNotMatch(text, /mfaOTPCode/);
    assert.ok(!text.includes(t.firstLogin().mfaOTPCode!));
  },
);

testWhere(
  ["/bin/sh"],
  "fake clock: renewed through the token API near the end, a new login only after expiry",
  async () => {
    await using t = await setup({ fakeClock: true });
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    assert.equal((await t.cli(["operator", "get"])).code, 0);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    t.advance(12 * HOUR); // half-way: reused as is
    assert.equal((await t.cli(["operator", "get"])).code, 0);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(t.api.count("POST", `/v1/operators/${authKey.operatorId}/token`), 0);
    t.advance(10 * HOUR); // 2 h left (< 25 %): renewed, no login
    const renewedRun = await t.cli(["operator", "get"]);
    assert.equal(renewedRun.code, 0, renewedRun.stderr);
    assert.equal(t.api.count("POST", `/v1/operators/${authKey.operatorId}/token`), 1);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    t.advance(20 * HOUR); // within the renewed 24 h
    assert.equal((await t.cli(["operator", "get"])).code, 0);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    t.advance(30 * HOUR); // lapsed: a real login
    assert.equal((await t.cli(["operator", "get"])).code, 0);
    assert.equal(t.api.count("POST", "/v1/auth"), 2);
  },
);

testWhere(["/bin/sh"], "fake clock: a session with under a minute left is not used", async () => {
  await using t = await setup({ fakeClock: true });
  await writeProfile(t.profiles, "default", { ...PROFILES.switchUser, tokenTimeoutSeconds: 180 });
  await writeProfile(t.profiles, "src", PROFILES.authKey);
  assert.equal((await t.cli(["operator", "get"])).code, 0);
  assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 1);
  t.advance(170_000);
  const r = await t.cli(["operator", "get"]);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 2);
});

testWhere(["/bin/sh"], "a 401 on a cached session drops it and logs in again once", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "default", PROFILES.authKey);
  const session = JSON.parse((await runInProcess(["auth"], { env: t.env })).stdout);
  // Revoke it behind the cache's back.
  await runInProcess(["logout", "--api-key", session.apiKey, "--api-token", session.token], {
    env: t.env,
  });
  const r = await runInProcess(["operator", "get"], { env: t.env });
  assert.equal(r.code, 0, r.stderr);
  assert.equal(t.api.count("POST", "/v1/auth"), 2);
  assert.equal(t.api.count("GET", `/v1/operators/${authKey.operatorId}`), 2);
});

testWhere(
  ["/bin/sh"],
  "switch-user sessions are cached too: 2 requests the first time, none after",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "src", PROFILES.authKey);
    await writeProfile(t.profiles, "dst", PROFILES.switchUser);
    for (let i = 0; i < 2; i++) {
      assert.equal(
        (await runInProcess(["operator", "get", "--profile", "dst"], { env: t.env })).code,
        0,
      );
    }
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 1);
  },
);

testWhere(
  ["/bin/sh"],
  "--no-session-cache, SORACOM_NO_SESSION_CACHE=1 and sessionCache:false log in every time and store nothing",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    await writeProfile(t.profiles, "off", {
      authKeyId: authKey.authKeyId,
      authKey: authKey.authKey,
      sessionCache: false,
    });
    await runInProcess(["operator", "get", "--no-session-cache"], { env: t.env });
    await runInProcess(["operator", "get"], { env: { ...t.env, SORACOM_NO_SESSION_CACHE: "1" } });
    await runInProcess(["operator", "get", "--profile", "off"], { env: t.env });
    await runInProcess(["operator", "get", "--profile", "off"], { env: t.env });
    assert.equal(t.api.count("POST", "/v1/auth"), 4);
    assert.deepEqual(await t.sessionFiles(), []);
  },
);

testWhere(["/bin/sh"], "--api-key/--api-token never touch the cache", async () => {
  await using t = await setup();
  const auth = JSON.parse(
    (await runInProcess(
      ["auth", "--auth-key-id", authKey.authKeyId, "--auth-key", authKey.authKey],
      {
        env: t.env,
      },
    )).stdout,
  );
  const r = await runInProcess([
    "operator",
    "get",
    "--api-key",
    auth.apiKey,
    "--api-token",
    auth.token,
  ], {
    env: t.env,
  });
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await t.sessionFiles(), []);
});

testWhere(
  ["/bin/sh"],
  "logout revokes the cached session on the server and deletes it; --all does every one",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    await writeProfile(t.profiles, "plain", PROFILES.samPlain);
    await runInProcess(["operator", "get"], { env: t.env });
    const cached = JSON.parse(
      await Deno.readTextFile(`${t.sessions}/${(await t.sessionFiles())[0]}`),
    );
    const out = await runInProcess(["logout"], { env: t.env });
    assert.equal(out.code, 0, out.stderr);
    assert.deepEqual(await t.sessionFiles(), []);
    assert.equal(t.api.count("POST", "/v1/auth"), 1); // no new login just to log out
    const stale = await runInProcess([
      "operator",
      "get",
      "--api-key",
      cached.apiKey,
      "--api-token",
      cached.token,
    ], {
      env: t.env,
    });
    assert.equal(stale.code, 5); // revoked on the server
    await runInProcess(["operator", "get"], { env: t.env });
    await runInProcess(["operator", "get", "--profile", "plain"], { env: t.env });
    assert.equal((await t.sessionFiles()).length, 2);
    const all = await runInProcess(["logout", "--all"], { env: t.env });
    assert.equal(all.code, 0, all.stderr);
    assert.match(all.stderr, /logged out 2 cached sessions/);
    assert.deepEqual(await t.sessionFiles(), []);
    assert.equal(t.api.count("POST", "/v1/auth/logout"), 3);
  },
);

testWhere(
  ["/bin/sh", "jq"],
  "eight commands in parallel from an empty cache: one login, one profileCommand run, all succeed",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", OP_JQ_PROFILE);
    const runs = await Promise.all(
      Array.from(
        { length: 8 },
        () => runInProcess(["--profile", "sam", "soralets", "list"], { env: t.env }),
      ),
    );
    for (const r of runs) {
      assert.equal(r.code, 0, r.stderr);
      assert.ok(Array.isArray(JSON.parse(r.stdout)));
    }
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(await opRuns(t.opLog), 1);
    const files = await t.sessionFiles();
    assert.equal(files.length, 1);
    JSON.parse(await Deno.readTextFile(`${t.sessions}/${files[0]}`));
    // No temp file left behind (the lock file stays; the OS lock inside it is gone with its process).
    assert.equal(
      [...Deno.readDirSync(t.sessions)].map((e) => e.name).filter((n) => !n.endsWith(".lock"))
        .length,
      1,
    );
  },
);

testWhere(
  ["/bin/sh"],
  "SORACOM_PROFILE selects the profile; auth --profile prints the session for other tools",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "plain", PROFILES.samPlain);
    const first = await runInProcess(["auth"], { env: { ...t.env, SORACOM_PROFILE: "plain" } });
    assert.equal(first.code, 0, first.stderr);
    const session = JSON.parse(first.stdout);
    assert.deepEqual(Object.keys(session).sort(), ["apiKey", "operatorId", "token", "userName"]);
    assert.deepEqual(session.userName, samPlain.userName);
    const second = JSON.parse(
      (await runInProcess(["auth", "--profile", "plain"], { env: t.env })).stdout,
    );
    assert.deepEqual(second.token, session.token);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
  },
);

testWhere(["/bin/sh"], "mfaOTPCommand supplies the OTP (run only when logging in)", async () => {
  await using t = await setup();
  await writeProfile(t.profiles, "sam", {
    operatorId: sam.operatorId,
    username: sam.userName,
    password: sam.password,
    mfaOTPCommand: "op item get soracom-power-sam-user --otp",
  });
  for (let i = 0; i < 2; i++) {
    const r = await runInProcess(["soralets", "list", "--profile", "sam"], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
  }
  assert.equal(await opRuns(t.opLog), 1);
  assert.ok(/^\d{6}$/.test(t.firstLogin().mfaOTPCode ?? ""));
});

testWhere(
  ["script", "/bin/sh"],
  "AUM0063 with a terminal: prompts 'MFA one-time code for PROFILE: ' in a real pseudo-terminal, then retries once",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    const { code, screen } = await runInPty(["soralets", "list", "--profile", "sam"], t.env, [
      ["MFA one-time code for sam: ", t.api.totp("sam")],
    ]);
    assert.equal(code, 0, screen);
    assert.match(screen, /"soraletId"/);
    const auths = t.api.log.filter((l) => l.path === "/v1/auth").map((l) => JSON.parse(l.body));
    assert.equal(auths.length, 2);
    assert.equal(auths[0].mfaOTPCode, undefined);
    assert.ok(/^\d{6}$/.test(auths[1].mfaOTPCode));
  },
);

testWhere(
  ["/bin/sh"],
  "AUM0063 without a terminal: the API's error is shown as it is",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.sam);
    const r = await runInProcess(["soralets", "list", "--profile", "sam"], { env: t.env });
    assert.equal(r.code, 4);
    assert.match(r.stderr, /Error: \{"code":"AUM0063"/);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.deepEqual(await t.sessionFiles(), []);
  },
);

testWhere(
  ["/bin/sh"],
  "fake clock: a refused renewal keeps using the session while it is valid (no OTP 6 h early)",
  async () => {
    await using t = await setup({ fakeClock: true });
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    assert.equal((await t.cli(["operator", "get"])).code, 0);
    t.api.injectFault(
      { path: `/v1/operators/${authKey.operatorId}/token` },
      { kind: "status", status: 403, body: `{"code":"SEM0403","message":"no permission"}` },
      Infinity,
    );
    t.advance(20 * HOUR);
    const r = await t.cli(["operator", "get"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.api.count("POST", `/v1/operators/${authKey.operatorId}/token`), 1);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
  },
);

testWhere(
  ["/bin/sh"],
  "fake clock: auth hands other tools a session with at least 10 minutes left",
  async () => {
    await using t = await setup({ fakeClock: true });
    await writeProfile(t.profiles, "src", PROFILES.authKey);
    await writeProfile(t.profiles, "default", { ...PROFILES.switchUser, tokenTimeoutSeconds: 900 });
    const first = JSON.parse((await t.cli(["auth"])).stdout);
    t.advance(500_000); // 400 s left: fine for a command, too little to hand out
    assert.equal((await t.cli(["operator", "get"])).code, 0);
    assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 1);
    const second = JSON.parse((await t.cli(["auth"])).stdout);
    assert.ok(second.token !== first.token);
    assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 2);
  },
);

testWhere(
  ["/bin/sh"],
  "no HOME: credential flags work without a profile folder or a session cache",
  async () => {
    await using t = await setup();
    const env = { PATH: t.env.PATH, SORACOM_ENDPOINT: t.env.SORACOM_ENDPOINT };
    const ak = ["--auth-key-id", authKey.authKeyId, "--auth-key", authKey.authKey];
    const r = await runInProcess(["operator", "get", ...ak], { env });
    assert.equal(r.code, 0, r.stderr);
    const session = JSON.parse((await runInProcess(["auth", ...ak], { env })).stdout);
    const k = await runInProcess([
      "operator",
      "get",
      "--api-key",
      session.apiKey,
      "--api-token",
      session.token,
    ], {
      env,
    });
    assert.equal(k.code, 0, k.stderr);
    // Without credentials, the missing profile folder is the error.
    const none = await runInProcess(["operator", "get"], { env });
    assert.equal(none.code, 3);
    assert.match(none.stderr, /HOME is not set/);
  },
);

testWhere(
  ["/bin/sh"],
  "a session folder that cannot be used does not fail the command (it runs without the cache)",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const file = `${t.dir}/not-a-folder`;
    await Deno.writeTextFile(file, "x");
    const env = { ...t.env, SORACOM_SESSION_DIR: `${file}/sessions` };
    for (let i = 0; i < 2; i++) {
      const r = await runInProcess(["operator", "get"], { env });
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, "");
    }
    assert.equal(t.api.count("POST", "/v1/auth"), 2);
    const verbose = await runInProcess(["operator", "get"], {
      env: { ...env, SORACOM_VERBOSE: "1" },
    });
    assert.match(verbose.stderr, /session cache not used/);
  },
);

testWhere(
  ["/bin/sh"],
  "logout with nothing cached logs nobody in; logout --all keeps going past a failure",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    await writeProfile(t.profiles, "plain", PROFILES.samPlain);
    const nothing = await runInProcess(["logout"], { env: t.env });
    assert.equal(nothing.code, 0);
    assert.match(nothing.stderr, /no cached session for profile default/);
    assert.equal(t.api.count("POST", "/v1/auth"), 0);
    await runInProcess(["operator", "get"], { env: t.env });
    await runInProcess(["operator", "get", "--profile", "plain"], { env: t.env });
    t.api.injectFault({ path: "/v1/auth/logout" }, {
      kind: "status",
      status: 400,
      body: `{"code":"X","message":"no"}`,
    }, 1);
    const all = await runInProcess(["logout", "--all"], { env: t.env });
    assert.equal(all.code, 5);
    assert.match(all.stderr, /logged out 1 cached session\n/);
    assert.match(all.stderr, /1 cached session could not be logged out \(kept\)/);
    assert.equal((await t.sessionFiles()).length, 1);
    assert.equal(t.api.count("POST", "/v1/auth/logout"), 2);
  },
);

testWhere(
  ["/bin/sh", "jq"],
  "profileCommand for the credentials and mfaOTPCommand for the code, as the README shows",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "sam", PROFILES.opWithOtpCommand);
    const r = await runInProcess(["soralets", "list", "--profile", "sam"], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(await opRuns(t.opLog), 2);
    assert.ok(/^\d{6}$/.test(t.firstLogin().mfaOTPCode ?? ""));
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "a run killed in the middle of its login (at the password manager) does not block the next one",
  async () => {
    await using t = await setup();
    const hang = `${t.dir}/hang.sh`;
    await Deno.writeTextFile(hang, "#!/bin/sh\nsleep 600\n", { mode: 0o755 });
    await writeProfile(t.profiles, "default", { profileCommand: hang });
    const first = new Deno.Command(Deno.execPath(), {
      args: ["run", "-A", "--quiet", MAIN, "operator", "get"],
      env: { ...t.env, DENO_DIR },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
    // Wait until it holds the login lock (its profileCommand is running), then kill it.
    let holding = false;
    for (let i = 0; i < 200 && !holding; i++) {
      const ps = await new Deno.Command("pgrep", { args: ["-f", hang], stdout: "piped" }).output();
      holding = new TextDecoder().decode(ps.stdout).trim() !== "";
      if (!holding) await new Promise((r) => setTimeout(r, 50));
    }
    first.kill("SIGKILL");
    await first.status;
    await new Deno.Command("pkill", { args: ["-f", hang] }).output();
    // Otherwise the first run never held the lock and the test would check nothing.
    assert.ok(holding, "the first run never reached its password manager");
    // Same profile, same identity, same lock: now the password manager answers at once.
    await Deno.writeTextFile(
      hang,
      `#!/bin/sh\nprintf '{"authKeyId":"${authKey.authKeyId}","authKey":"${authKey.authKey}"}'\n`,
    );
    const r = await runSoracom(["operator", "get"], { env: t.env, killAfterMs: 20_000 });
    assert.equal(r.code, 0, r.stderr);
    assert.doesNotMatch(r.stderr, /waiting for another soracom run/);
  },
);

testWhere(
  ["/bin/sh"],
  "a session that cannot be written after a login costs no second login",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    assert.equal((await runInProcess(["operator", "get"], { env: t.env })).code, 0);
    // The session file's place is taken by a folder that cannot be replaced.
    const [file] = await t.sessionFiles();
    await Deno.remove(`${t.sessions}/${file}`);
    await Deno.mkdir(`${t.sessions}/${file}/blocker`, { recursive: true });
    const r = await runInProcess(["operator", "get"], { env: t.env });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.api.count("POST", "/v1/auth"), 2);
  },
);

testWhere(
  ["/bin/sh"],
  "login replies are checked: missing fields or text that is not JSON is an auth error",
  async () => {
    await using t = await setup();
    const ak = ["--auth-key-id", authKey.authKeyId, "--auth-key", authKey.authKey];
    const env = { ...t.env, SORACOM_NO_SESSION_CACHE: "1" };
    const reply = async (body: string) => {
      t.api.stub("POST", "/v1/auth", { status: 200, body });
      return await runInProcess(["soralets", "list", ...ak], { env });
    };
    const missing = await reply(`{"apiKey":"api-1","token":"","operatorId":"OP1"}`);
    assert.equal(missing.code, 4, missing.stderr);
    assert.equal(
      missing.stderr,
      "Error: the authentication response is missing apiKey, token or operatorId\n",
    );
    const text = await reply("<html>oops</html>");
    assert.equal(text.code, 4, text.stderr);
    assert.equal(text.stderr, "Error: the authentication response is not JSON\n");
  },
);

Deno.test("session file names are the SHA-256 of the identity, in hex", async () => {
  // FIPS 180-4's examples: one block, and a message whose padding needs a second block.
  assert.equal(
    await sessionKey("abc"),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    await sessionKey("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"),
    "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
  );
});
