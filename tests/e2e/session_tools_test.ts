/**
 * Issue 13: `auth status`, `exec` and `auth export`: seeing the sessions, and
 * handing one to other tools without printing a secret where it does not belong.
 */
import assert from "node:assert/strict";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { runInProcess } from "../helpers/context.ts";
import { DENO_DIR, MAIN, opRuns, runSoracom, writeProfile } from "../helpers/run.ts";
import { rootMfa, sam, switchTarget } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

/** The README's 1Password source, and a switch-user profile on top of it. */
const OP_SOURCE = PROFILES.opWithOtpCommand;
const READER = PROFILES.switchFromSam;

async function setup() {
  let now = Date.now();
  const clock = () => now;
  const f = await emulatorFixture({ now: clock });
  await writeProfile(f.profiles, "sam", OP_SOURCE);
  await writeProfile(f.profiles, "reader", READER);
  await writeProfile(f.profiles, "reader2", READER);
  await writeProfile(f.profiles, "key", PROFILES.authKey);
  const cli = (args: string[], extra: Record<string, string> = {}) =>
    runInProcess(args, { env: { ...f.env, ...extra }, now: clock });
  return {
    ...f,
    cli,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The table's rows as cells (two or more spaces apart), by profile. */
function rows(table: string): Record<string, string[]> {
  const lines = table.trimEnd().split("\n");
  return Object.fromEntries(
    lines.slice(1).map((l) => {
      const cells = l.split(/ {2,}/);
      return [cells[0], cells];
    }),
  );
}

testWhere(
  ["/bin/sh"],
  "auth status: who, where, which session and what the next login runs; nothing run or sent",
  async () => {
    await using t = await setup();
    const before = await t.cli(["auth", "status", "--profile", "sam"]);
    assert.equal(before.code, 1, before.stderr);
    assert.deepEqual(before.stdout.split("\n")[0].split(/ {2,}/), [
      "PROFILE",
      "KIND",
      "WHO",
      "ENDPOINT",
      "SESSION",
      "EXPIRES",
      "NEXT LOGIN RUNS",
    ]);
    assert.deepEqual(rows(before.stdout).sam, [
      "sam",
      "profileCommand",
      "-",
      `${t.api.url} (jp)`,
      "none",
      "-",
      "profileCommand, mfaOTPCommand",
    ]);
    assert.equal(t.api.log.length, 0);
    assert.equal(await opRuns(t.opLog), 0);

    assert.equal((await t.cli(["--profile", "reader", "operator", "get"])).code, 0);
    t.advance(60_000);
    const all = await t.cli(["auth", "status", "--all"]);
    assert.equal(all.code, 0, all.stderr);
    const r = rows(all.stdout);
    assert.deepEqual(r.sam.slice(1), [
      "profileCommand",
      `${sam.operatorId} ${sam.userName}`,
      `${t.api.url} (jp)`,
      "cached",
      "in 23h 59m",
      "-",
    ]);
    assert.deepEqual(r.reader.slice(1), [
      "switch user",
      `${switchTarget.operatorId} ${switchTarget.userName} (via sam)`,
      `${t.api.url} (jp)`,
      "cached",
      "in 59m",
      "-",
    ]);
    assert.deepEqual(r.reader2.slice(4, 6), ["from source", "in 23h 59m"]);
    assert.deepEqual(r.key.slice(1, 3), ["AuthKey", PROFILES.authKey.authKeyId]);
    assert.equal(r.key[4], "none");
    assert.equal((await t.cli(["auth", "status", "--profile", "reader2"])).code, 0);
    assert.equal((await t.cli(["auth", "status", "--profile", "key"])).code, 1);
    // Still only the one login; status sent nothing.
    assert.equal(t.api.log.length, 3);
    const sessions = await Promise.all(
      (await t.sessionFiles()).map((f) => Deno.readTextFile(`${t.sessions}/${f}`)),
    );
    for (const s of sessions) {
      const { apiKey, token } = JSON.parse(s);
      assert.ok(!all.stdout.includes(apiKey));
      assert.ok(!all.stdout.includes(token));
    }
    assert.ok(!all.stdout.includes(PROFILES.authKey.authKey));
    assert.ok(!all.stdout.includes(sam.password));
  },
);

testWhere(
  ["/bin/sh", "bash"],
  "auth status --json for scripts; Japanese under LANG=ja; an unreadable profile",
  async () => {
    await using t = await setup();
    assert.equal((await t.cli(["--profile", "key", "operator", "get"])).code, 0);
    const one = await t.cli(["auth", "status", "--profile", "key", "--json"]);
    assert.equal(one.code, 0);
    const status = JSON.parse(one.stdout);
    assert.equal(status.session, "cache");
    assert.equal(status.kind, "authKey");
    assert.equal(status.expiresInSeconds, 86400);
    assert.deepEqual(status.runs, { mfaOTPCommand: false, profileCommand: false, otpPrompt: "no" });
    assert.ok(one.stdout.startsWith('{\n\t"'), "tab-indented, as every JSON we print");
    const many = JSON.parse((await t.cli(["auth", "status", "--all", "--json"])).stdout);
    assert.deepEqual(many.map((s: { profile: string }) => s.profile), [
      "key",
      "reader",
      "reader2",
      "sam",
    ]);

    const ja = await t.cli(["auth", "status", "--profile", "key"], { LANG: "ja_JP.UTF-8" });
    assert.deepEqual(rows(ja.stdout).key.slice(1, 2), ["認証キー"]);
    assert.match(ja.stdout, /キャッシュ/);
    assert.match(ja.stdout, /あと 1日/);

    const missing = await t.cli(["auth", "status", "--profile", "nobody"]);
    assert.equal(missing.code, 3);
    assert.match(missing.stderr, /Error: /);
    await writeProfile(t.profiles, "broken", "{ not json");
    const all = await t.cli(["auth", "status", "--all"]);
    assert.equal(all.code, 1);
    assert.ok(rows(all.stdout).broken[4].startsWith("error: "), all.stdout);
  },
);

function bash(script: string, env: Record<string, string>) {
  return new Deno.Command("bash", {
    args: ["-c", script],
    env: { ...env, DENO_DIR, SORACOM: `${Deno.execPath()} run -A --quiet ${MAIN}` },
    stdout: "piped",
    stderr: "piped",
  }).output().then((o) => ({
    code: o.code,
    stdout: new TextDecoder().decode(o.stdout),
    stderr: new TextDecoder().decode(o.stderr),
  }));
}

testWhere(
  ["/bin/sh", "bash"],
  "exec from bash: the command gets the session, nested soracom reuses it, its status comes back",
  async () => {
    await using t = await setup();
    const r = await bash(
      `$SORACOM exec --profile reader -- bash -c 'echo "$SORACOM_PROFILE $SORACOM_OPERATOR_ID $SORACOM_ENDPOINT \${SORACOM_API_KEY:+key} \${SORACOM_API_TOKEN:+token}"; $SORACOM operator get > /dev/null && exit 3'`,
      t.env,
    );
    assert.equal(r.code, 3, r.stderr);
    assert.equal(r.stdout, `reader ${switchTarget.operatorId} ${t.api.url} key token\n`);
    assert.equal(r.stderr, "");
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    assert.equal(t.api.count("POST", "/v1/auth/switch_user"), 1);
    assert.equal(t.api.count("GET", `/v1/operators/${switchTarget.operatorId}`), 1);
    assert.equal(await opRuns(t.opLog), 2);
    // The next exec is served from the cache: no login, no op.
    const again = await bash(`$SORACOM exec --profile reader -- true`, t.env);
    assert.equal(again.code, 0, again.stderr);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
  },
);

testWhere(
  ["setsid", "/bin/sh", "bash"],
  "auth export from bash: eval it, and soracom uses that session",
  async () => {
    await using t = await setup();
    const r = await bash(
      `eval "$($SORACOM auth export --profile key)" && SORACOM_PROFILE=nobody $SORACOM operator get`,
      t.env,
    );
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /"operatorId": "OP0012345678"/);
    assert.equal(t.api.count("POST", "/v1/auth"), 1);
    const json = await runSoracom(["auth", "export", "--profile", "key", "--format", "json"], {
      env: t.env,
    });
    assert.equal(json.code, 0, json.stderr);
    assert.deepEqual(Object.keys(JSON.parse(json.stdout)), [
      "SORACOM_API_KEY",
      "SORACOM_API_TOKEN",
      "SORACOM_ENDPOINT",
      "SORACOM_OPERATOR_ID",
      "SORACOM_PROFILE",
    ]);
    const quoted = await t.cli(["auth", "export", "--profile", "key"]);
    for (const line of quoted.stdout.trimEnd().split("\n")) {
      assert.ok(/^export SORACOM_[A-Z_]+='[^']*'$/.test(line), line);
    }
    const bad = await t.cli(["auth", "export", "--profile", "key", "--format", "yaml"]);
    assert.equal(bad.code, 2);
    assert.equal(
      bad.stderr,
      `Error: invalid value "yaml" for "--format": allowed values are env, json\n`,
    );
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "exec: no command is a usage error before any login; no such program is one too",
  async () => {
    await using t = await setup();
    const none = await t.cli(["exec", "--profile", "key"]);
    assert.equal(none.code, 2);
    assert.equal(
      none.stderr,
      "Error: exec needs a command: soracom exec --profile NAME -- COMMAND [ARGS...]\n",
    );
    assert.equal(t.api.log.length, 0);
    const missing = await runSoracom(["exec", "--profile", "key", "--", "no-such-program-x"], {
      env: t.env,
    });
    assert.equal(missing.code, 2);
    assert.equal(missing.stderr, "Error: exec: command not found: no-such-program-x\n");
  },
);

/** Every file in the session folder (sessions and lock files). */
async function sessionFolder(dir: string): Promise<string[]> {
  try {
    return (await Array.fromAsync(Deno.readDir(dir))).map((e) => e.name).sort();
  } catch {
    return [];
  }
}

testWhere(
  ["/bin/sh"],
  "unconfigure revokes and deletes the profile's session, lock file too",
  async () => {
    await using t = await setup();
    const session = JSON.parse((await t.cli(["auth", "--profile", "key"])).stdout);
    assert.ok((await sessionFolder(t.sessions)).some((n) => n.endsWith(".lock")));
    const r = await t.cli(["unconfigure", "--profile", "key", "--yes"]);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stderr, "");
    assert.deepEqual(await sessionFolder(t.sessions), []);
    assert.equal(t.api.count("POST", "/v1/auth/logout"), 1);
    const stale = await t.cli([
      "operator",
      "get",
      "--api-key",
      session.apiKey,
      "--api-token",
      session.token,
    ]);
    assert.equal(stale.code, 5, "revoked on the server");
  },
);

testWhere(
  ["/bin/sh"],
  "logout --all with the server unreachable deletes the sessions after saying so (exit 6)",
  async () => {
    await using t = await setup();
    await t.cli(["auth", "--profile", "key"]);
    await t.cli(["--profile", "reader", "operator", "get"]);
    assert.equal((await t.sessionFiles()).length, 3, "key, reader and its source sam");
    const gone = `http://127.0.0.1:${await freePort()}`;
    // The cached sessions name the emulator: make that address a dead one.
    for (const f of await t.sessionFiles()) {
      const path = `${t.sessions}/${f}`;
      const s = JSON.parse(await Deno.readTextFile(path));
      await Deno.writeTextFile(path, JSON.stringify({ ...s, endpoint: gone }));
    }
    const r = await runInProcess(["logout", "--all"], {
      env: t.env,
      sleep: () => Promise.resolve(),
    });
    assert.equal(r.code, 6, r.stderr);
    assert.equal(
      r.stderr,
      "logged out 0 cached sessions\nError: the server could not be reached to revoke 3 cached sessions; deleted here all the same\n",
    );
    assert.deepEqual(await sessionFolder(t.sessions), []);
  },
);

testWhere(
  ["/bin/sh"],
  "logout --local deletes without asking the server; stray lock files go with --all",
  async () => {
    await using t = await setup();
    await t.cli(["auth", "--profile", "key"]);
    await Deno.writeTextFile(`${t.sessions}/${"0".repeat(64)}.lock`, "");
    const one = await t.cli(["logout", "--profile", "key", "--local"]);
    assert.equal(one.code, 0, one.stderr);
    assert.deepEqual(await t.sessionFiles(), []);
    await t.cli(["auth", "--profile", "key"]);
    const all = await t.cli(["logout", "--all", "--local"]);
    assert.equal(all.code, 0, all.stderr);
    assert.equal(
      all.stderr,
      "deleted 1 cached session here (not revoked on the server: --local)\n",
    );
    assert.deepEqual(await sessionFolder(t.sessions), []);
    assert.equal(t.api.count("POST", "/v1/auth/logout"), 0);
  },
);

/** A loopback port nothing listens on. */
async function freePort(): Promise<number> {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return await Promise.resolve(port);
}

testWhere(
  ["/bin/sh"],
  "inside soracom exec, unconfigure still revokes the profile's own session",
  async () => {
    await using t = await setup();
    const own = JSON.parse((await t.cli(["auth", "--profile", "key"])).stdout);
    const other = JSON.parse((await t.cli(["auth", "--profile", "reader"])).stdout);
    const r = await t.cli(["unconfigure", "--profile", "key", "--yes"], {
      SORACOM_API_KEY: other.apiKey,
      SORACOM_API_TOKEN: other.token,
    });
    assert.equal(r.code, 0, r.stderr);
    const stale = await t.cli([
      "operator",
      "get",
      "--api-key",
      own.apiKey,
      "--api-token",
      own.token,
    ]);
    assert.equal(stale.code, 5, "the profile's session was revoked");
    const alive = await t.cli([
      "operator",
      "get",
      "--api-key",
      other.apiKey,
      "--api-token",
      other.token,
    ]);
    assert.equal(alive.code, 0, "the exec session was left alone");
  },
);

testWhere(
  ["/bin/sh"],
  "auth status: a root user with MFA will be asked for a code at the next login",
  async () => {
    await using t = await setup();
    await writeProfile(t.profiles, "root", { email: rootMfa.email, password: rootMfa.password });
    const code = t.api.totp("rootMfa");
    const login = await runInProcess(["--profile", "root", "operator", "get"], {
      env: t.env,
      prompts: [code],
    });
    assert.equal(login.code, 0, login.stderr);
    t.advance(25 * 3600 * 1000); // the session expired
    const status = await t.cli(["auth", "status", "--profile", "root", "--json"]);
    assert.equal(JSON.parse(status.stdout).runs.otpPrompt, "yes");
    const table = await t.cli(["auth", "status", "--profile", "root"]);
    assert.match(table.stdout, /asks for a one-time code\n/);
    const ja = await t.cli(["auth", "status", "--profile", "root"], { LANG: "ja_JP.UTF-8" });
    assert.match(ja.stdout, /ワンタイムコードを尋ねる\n/);
  },
);
