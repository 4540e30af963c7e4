/**
 * Secrets stay where they belong (issue 19), tried against loopback servers
 * with the bundled program under the release permission flags, as a release
 * runs: redirects of calls that carry credentials are refused; a body never
 * follows a redirect to another origin.
 */

import assert from "node:assert/strict";
import { bundleArgv, bundlePath, runBundle } from "../helpers/bundle.ts";
import { runInPty } from "../helpers/pty.ts";
import { DENO_DIR, writeProfile } from "../helpers/run.ts";
import { emulatorHome, home, recorder } from "../helpers/loopback.ts";
import { leftOver, running, sleeps } from "../helpers/processes.ts";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { authKey, root } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

testWhere(
  ["posix-modes"],
  "a login answered with a redirect is refused: the password and OTP go nowhere else",
  async () => {
    await using elsewhere = recorder(() =>
      Response.json({ apiKey: "k", token: "t", operatorId: "OP1" })
    );
    for (const status of [301, 302, 307, 308]) {
      await using api = recorder((req) =>
        new Response(null, {
          status,
          headers: { location: `${elsewhere.url}${new URL(req.url).pathname}` },
        })
      );
      await using h = await home({
        email: root.email,
        password: root.password,
        mfaOTPCode: "123456",
      });
      const r = await runBundle(["subscribers", "list"], { ...h.env, SORACOM_ENDPOINT: api.url });
      assert.equal(r.code, 5, `${status}: ${r.stderr}`);
      assert.match(r.stderr, /with a redirect/);
      assert.ok(!r.stderr.includes(root.password));
      assert.deepEqual(api.seen.map((s) => s.path), ["/v1/auth"], `${status}`);
    }
    assert.equal(elsewhere.seen.length, 0, "nothing reached the other server");
  },
);

testWhere(
  ["posix-modes"],
  "logout and a sandbox login are not redirected either",
  async () => {
    await using elsewhere = recorder(() => Response.json({}));
    await using api = recorder(() =>
      new Response(null, { status: 307, headers: { location: `${elsewhere.url}/x` } })
    );
    await using h = await home(PROFILES.authKey);
    const env = { ...h.env, SORACOM_ENDPOINT: api.url };
    const logout = await runBundle(["logout", "--api-key", "k", "--api-token", "t"], env);
    assert.equal(logout.code, 5, logout.stderr);
    assert.match(logout.stderr, /POST \/v1\/auth\/logout with a redirect/);
    const sandbox = await runBundle([
      "configure-sandbox",
      "--auth-key-id",
      authKey.authKeyId,
      "--auth-key",
      authKey.authKey,
      "--email",
      "a@example.com",
      "--password",
      "pw-sandbox-1",
    ], env);
    assert.match(sandbox.stderr, /with a redirect/);
    assert.ok(!sandbox.stderr.includes(authKey.authKey));
    assert.equal(elsewhere.seen.length, 0);
  },
);

testWhere(
  ["posix-modes"],
  "a 307 to another origin does not carry the body or the session",
  async () => {
    await using elsewhere = recorder(() => Response.json({ ok: true }));
    await using api = recorder(() =>
      new Response(null, { status: 307, headers: { location: `${elsewhere.url}/v1/x` } })
    );
    await using h = await home(PROFILES.authKey);
    const env = { ...h.env, SORACOM_ENDPOINT: api.url };
    const post = await runBundle(
      [
        "api",
        "POST",
        "/x",
        "--raw-field",
        "secret=s3cr3t",
        "--api-key",
        "key-1",
        "--api-token",
        "tok-1",
      ],
      env,
    );
    assert.equal(post.code, 5, post.stderr);
    assert.match(post.stderr, /its body is not sent to another server/);
    assert.equal(elsewhere.seen.length, 0);
    // A GET goes on, without the session's headers.
    const get = await runBundle(
      ["api", "GET", "/x", "--api-key", "key-1", "--api-token", "tok-1"],
      env,
    );
    assert.equal(get.code, 0, get.stderr);
    assert.equal(elsewhere.seen.length, 1);
    assert.equal(elsewhere.seen[0].headers["x-soracom-api-key"], undefined);
    assert.equal(elsewhere.seen[0].headers["x-soracom-token"], undefined);
  },
);

testWhere(
  ["posix-modes"],
  "an error body's control characters are shown escaped, never sent to the terminal",
  async () => {
    const nasty = "denied\x1b]0;pwned\x07\x1b[2J\x9b31m done";
    await using api = recorder(() =>
      new Response(nasty, { status: 403, headers: { "content-type": "text/plain" } })
    );
    await using h = await home(PROFILES.authKey);
    const r = await runBundle(
      ["subscribers", "list", "--api-key", "k", "--api-token", "t"],
      { ...h.env, SORACOM_ENDPOINT: api.url },
    );
    assert.equal(r.code, 5, r.stderr);
    assert.equal(r.stderr, "Error: denied\\x1b]0;pwned\\x07\\x1b[2J\\x9b31m done\n");
    // deno-lint-ignore no-control-regex -- looking for any control character
    assert.equal(/[\x00-\x08\x0b-\x1f\x7f-\x9f]/.test(r.stderr), false);
  },
);

testWhere(
  ["posix-modes"],
  "a profile nested 300,000 deep is a config error, not a crash",
  async () => {
    for (const text of [`// jsonc\n${"[".repeat(300_000)}`, `{"a":${"[".repeat(300_000)}`]) {
      await using h = await home({});
      await Deno.writeTextFile(`${h.dir}/profiles/default.json`, text, { mode: 0o600 });
      const r = await runBundle(["subscribers", "list"], {
        ...h.env,
        SORACOM_ENDPOINT: "http://127.0.0.1:9",
      });
      assert.equal(r.code, 3, r.stderr);
      assert.match(r.stderr, /nests deeper than 32 levels/);
    }
  },
);

testWhere(
  ["posix-modes"],
  "credentials never go to a plain http endpoint off this machine unless asked",
  async () => {
    await using h = await home({ ...PROFILES.authKey, endpoint: "http://soracom.invalid" });
    const refused = await runBundle(["subscribers", "list"], h.env);
    // A configuration error (3), found before anything is run or sent.
    assert.equal(refused.code, 3, refused.stderr);
    assert.match(refused.stderr, /refusing to send credentials to http:\/\/soracom\.invalid/);
    assert.match(refused.stderr, /--allow-insecure-endpoint/);
    // Asked for: it goes on (and fails to reach the made-up host, as a network error).
    const asked = await runBundle([
      "subscribers",
      "list",
      "--allow-insecure-endpoint",
      "--no-retry-on-error",
    ], h.env);
    assert.equal(asked.code, 6, asked.stderr);
    await using p = await home({
      ...PROFILES.authKey,
      endpoint: "http://soracom.invalid",
      allowInsecureEndpoint: true,
    });
    assert.equal((await runBundle(["subscribers", "list", "--no-retry-on-error"], p.env)).code, 6);
    const sandbox = await runBundle([
      "configure-sandbox",
      "--auth-key-id",
      authKey.authKeyId,
      "--auth-key",
      authKey.authKey,
      "--email",
      "a@example.com",
      "--password",
      "pw-sandbox-1",
    ], { ...h.env, SORACOM_ENDPOINT: "http://sandbox.invalid" });
    assert.equal(sandbox.code, 3, sandbox.stderr);
  },
);

testWhere(
  ["posix-modes"],
  "--body @/dev/zero and an endless stdin stop at the cap with one line, not all memory",
  async () => {
    await using h = await home(PROFILES.authKey);
    const env = { ...h.env, SORACOM_ENDPOINT: "http://127.0.0.1:9" };
    const zero = await runBundle(["api", "POST", "/x", "--body", "@/dev/zero"], env);
    assert.equal(zero.code, 2, zero.stderr);
    assert.equal(
      zero.stderr,
      "Error: --body from /dev/zero is larger than 64 MiB: it is not a request body\n",
    );
    const put = await runBundle(
      [
        "groups",
        "put-config",
        "--group-id",
        "g",
        "--namespace",
        "SoracomAir",
        "--body",
        "@/dev/zero",
      ],
      env,
    );
    assert.equal(put.code, 2, put.stderr);
    assert.match(put.stderr, /larger than 64 MiB/);
  },
);

testWhere(
  ["/bin/sh", "posix-modes"],
  "a session file larger than 64 KiB is not read: the next command logs in",
  async () => {
    await using t = await emulatorFixture();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    assert.equal((await runBundle(["subscribers", "list"], t.env)).code, 0);
    const [file] = await t.sessionFiles();
    const path = `${t.sessions}/${file}`;
    // Still a valid session, only padded past what a session file can be.
    const text = await Deno.readTextFile(path);
    await Deno.writeTextFile(path, `${" ".repeat(70 * 1024)}${text}`, { mode: 0o600 });
    const r = await runBundle(["subscribers", "list"], t.env);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.api.count("POST", "/v1/auth"), 2, "the padded file was not used");
  },
);

testWhere(
  ["posix-modes", "/bin/sh"],
  "the secrets this run knows are hidden by value in errors, dumps and a command's stderr",
  async () => {
    const password = "Plain-words-9";
    const otp = "246810";
    // A server that echoes everything it got, under names no name rule knows, as plain text.
    await using api = recorder((req) => {
      const echo = `you sent ${req.headers.get("x-soracom-token") ?? ""} ${
        req.headers.get("x-soracom-api-key") ?? ""
      }`;
      return new URL(req.url).pathname === "/v1/auth"
        ? Response.json({ apiKey: "api-key-live-1", token: "token-live-1", operatorId: "OP1" })
        : new Response(echo, { status: 400, headers: { "content-type": "text/plain" } });
    });
    await using h = await home({ email: root.email, password, mfaOTPCode: otp });
    const env = { ...h.env, SORACOM_ENDPOINT: api.url };
    const failed = await runBundle(["subscribers", "list"], { ...env, SORACOM_VERBOSE: "1" });
    assert.equal(failed.code, 5, failed.stderr);
    assert.match(failed.stderr, /you sent <hidden> <hidden>/);
    for (const secret of ["api-key-live-1", "token-live-1", password, otp]) {
      assert.ok(!failed.stderr.includes(secret));
    }

    // A login refused with an echo of the body as free text.
    await using echoing = recorder(() =>
      new Response(`bad request, you sent ${password} and ${otp}`, {
        status: 400,
        headers: { "content-type": "text/plain" },
      })
    );
    const refused = await runBundle(["subscribers", "list", "--no-session-cache"], {
      ...env,
      SORACOM_ENDPOINT: echoing.url,
    });
    assert.equal(refused.code, 4, refused.stderr);
    assert.ok(!refused.stderr.includes(password));
    assert.ok(!refused.stderr.includes(otp));

    // A profileCommand that prints the password it holds on stderr, then fails.
    await using cmd = await home({
      profileCommand: `/bin/sh -c 'echo "vault says ${password}" >&2; exit 1'`,
    });
    const viaCommand = await runBundle([
      "subscribers",
      "list",
      "--profile-command",
      `/bin/sh -c 'echo {\\"email\\":\\"a@b.c\\",\\"password\\":\\"${password}\\"}; echo "vault: ${password}" >&2'`,
    ], { ...cmd.env, SORACOM_ENDPOINT: echoing.url });
    assert.ok(!viaCommand.stderr.includes(password));
    assert.match(viaCommand.stderr, /<hidden>/);
  },
);

testWhere(
  ["posix-modes"],
  "a wrong --auth-key is never answered from the right one's cached session",
  async () => {
    await using f = await emulatorHome({});
    const keyFlags = ["--auth-key-id", authKey.authKeyId, "--auth-key"];
    const right = await runBundle(["soralets", "list", ...keyFlags, authKey.authKey], f.env);
    assert.equal(right.code, 0, right.stderr);
    const wrong = await runBundle(["soralets", "list", ...keyFlags, "secret-WRONG-0000"], f.env);
    assert.equal(wrong.code, 4, wrong.stderr);
    assert.equal(
      f.api.count("POST", "/v1/auth"),
      2,
      "the wrong key was sent to /auth, and refused",
    );
    // Nothing in the folder names the key: only hashes, and the hashing key is not the secret.
    const names = (await f.sessionFiles()).join(" ");
    assert.ok(!names.includes(authKey.authKeyId));
    const key = await Deno.readTextFile(`${f.sessions}/identity.key`);
    assert.equal((await Deno.stat(`${f.sessions}/identity.key`)).mode! & 0o777, 0o600);
    assert.ok(!key.includes(authKey.authKey));
  },
);

testWhere(
  ["posix-modes"],
  "a session file is used only by its own identity: not swapped, not through a link",
  async () => {
    await using f = await emulatorHome({ a: PROFILES.authKey, b: PROFILES.samPlain });
    for (const p of ["a", "b"]) {
      assert.equal((await runBundle(["--profile", p, "soralets", "list"], f.env)).code, 0);
    }
    assert.equal(f.api.count("POST", "/v1/auth"), 2);
    const [one, two] = await f.sessionFiles();
    const a = `${f.sessions}/${one}`;
    const b = `${f.sessions}/${two}`;
    // Another identity's file under this one's name: neither profile may use it.
    await Deno.copyFile(a, b);
    // A link in place of a file: not followed.
    const elsewhere = `${f.dir}/elsewhere.json`;
    await Deno.rename(a, elsewhere);
    await Deno.symlink(elsewhere, a);
    for (const p of ["a", "b"]) {
      const r = await runBundle(["--profile", p, "soralets", "list"], f.env);
      assert.equal(r.code, 0, r.stderr);
    }
    assert.equal(f.api.count("POST", "/v1/auth"), 4, "both logged in again");
  },
);

testWhere(
  ["posix-modes"],
  "a cache folder others can write to is refused with a warning, and the command still runs",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    await Deno.mkdir(f.sessions);
    await Deno.chmod(f.sessions, 0o777);
    for (const lang of ["C", "ja_JP.UTF-8"]) {
      const r = await runBundle(["soralets", "list"], { ...f.env, LANG: lang });
      assert.equal(r.code, 0, r.stderr);
      assert.ok(r.stderr.includes(`chmod 700 ${f.sessions}`));
      assert.equal(r.stderr.split("\n").filter(Boolean).length, 1, r.stderr);
    }
    assert.equal(f.api.count("POST", "/v1/auth"), 2, "no session was cached or used");
    assert.deepEqual(await f.sessionFiles(), []);
  },
);

testWhere(
  ["posix-modes", "root"],
  "a cache folder or session file of another user is not used",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    assert.equal((await runBundle(["soralets", "list"], f.env)).code, 0);
    const [file] = await f.sessionFiles();
    await Deno.chown(`${f.sessions}/${file}`, 54321, 54321);
    const second = await runBundle(["soralets", "list"], f.env);
    assert.equal(second.code, 0, second.stderr);
    assert.equal(f.api.count("POST", "/v1/auth"), 2, "another user's file was not trusted");
    await Deno.chown(f.sessions, 54321, 54321);
    const third = await runBundle(["soralets", "list"], f.env);
    assert.equal(third.code, 0, third.stderr);
    assert.match(third.stderr, /belongs to another user/);
    assert.equal(f.api.count("POST", "/v1/auth"), 3);
  },
);

testWhere(
  ["posix-modes"],
  "logout --all sends each session's own profile headers to its endpoint, no other profile's",
  async () => {
    await using f = await emulatorHome({
      a: { ...PROFILES.authKey, headers: { "X-Team": "alpha", "X-Alpha-Secret": "alpha-s3cret" } },
      b: { ...PROFILES.samPlain, headers: { "X-Team": "beta" } },
    });
    for (const p of ["a", "b"]) {
      assert.equal((await runBundle(["--profile", p, "soralets", "list"], f.env)).code, 0);
    }
    const out = await runBundle(["logout", "--all", "--profile", "b"], f.env);
    assert.equal(out.code, 0, out.stderr);
    const logouts = f.api.log.filter((l) => l.path === "/v1/auth/logout");
    assert.equal(logouts.length, 2);
    const teams = logouts.map((l) => [l.headers["x-soracom-api-key"], l.headers["x-team"]]);
    const byKey = f.api.log.filter((l) => l.path === "/v1/soralets")
      .map((l) => [l.headers["x-soracom-api-key"], l.headers["x-team"]]);
    assert.deepEqual(new Set(teams.map(String)), new Set(byKey.map(String)));
    assert.equal(logouts.filter((l) => "x-alpha-secret" in l.headers).length, 1);
  },
);

testWhere(
  ["/bin/sh", "posix-modes", "pgrep"],
  "a timed-out profileCommand takes everything it started with it, under the release flags",
  async () => {
    await using f = await emulatorHome({});
    const s = sleeps();
    const r = await runBundle([
      "soralets",
      "list",
      "--profile-command",
      `/bin/sh -c 'sleep ${s.seconds(1)} | cat & ( sleep ${s.seconds(2)} & ) ; sleep ${
        s.seconds(3)
      }'`,
    ], { ...f.env, SORACOM_PROFILE_COMMAND_TIMEOUT: "1" });
    assert.equal(r.code, 4, r.stderr);
    assert.match(r.stderr, /timed out after 1 s/);
    assert.deepEqual(await leftOver(s.marker), [], "no sleep is left behind");
  },
);

testWhere(
  ["/bin/sh", "posix-modes", "pgrep"],
  "Ctrl-C (SIGINT) or SIGTERM during a profileCommand ends it and everything it started",
  async () => {
    await using f = await emulatorHome({});
    for (const [signal, code] of [["SIGINT", 130], ["SIGTERM", 143]] as const) {
      const s = sleeps();
      const [deno, ...soracom] = await bundleArgv();
      const child = new Deno.Command(deno, {
        args: [
          ...soracom,
          "soralets",
          "list",
          "--profile-command",
          `/bin/sh -c 'sleep ${s.seconds(1)} & sleep ${s.seconds(2)}'`,
        ],
        env: { ...f.env, DENO_DIR },
        stdout: "null",
        stderr: "piped",
      }).spawn();
      while ((await running(s.marker)).length < 2) await new Promise((r) => setTimeout(r, 50));
      Deno.kill(child.pid, signal);
      const status = await child.output();
      assert.deepEqual(status.code, code, new TextDecoder().decode(status.stderr));
      assert.deepEqual(await leftOver(s.marker), [], `${signal}: no sleep is left behind`);
    }
  },
);

testWhere(
  ["/bin/sh", "script", "pgrep"],
  "on a terminal (the command may prompt), a timed-out profileCommand's tree is killed too, double forks and all",
  async () => {
    await using f = await emulatorHome({});
    const s = sleeps();
    const r = await runInPty(
      [
        "soralets",
        "list",
        "--profile-command",
        // Deaf to the hang-up the terminal's end sends: only our kill can stop these. (cmd &)
        // leaves a grandchild whose parent is gone: no longer in the command's tree (issue 24).
        `/bin/sh -c 'trap "" HUP; sleep ${s.seconds(1)} | cat & (sleep ${s.seconds(3)} &); sleep ${
          s.seconds(2)
        }'`,
      ],
      { ...f.env, SORACOM_PROFILE_COMMAND_TIMEOUT: "1" },
      [],
      { bundle: await bundlePath() },
    );
    assert.equal(r.code, 4, r.screen);
    assert.match(r.screen, /timed out after 1 s/);
    assert.deepEqual(await leftOver(s.marker), [], "no sleep is left behind");
  },
);

testWhere(
  ["/bin/sh", "script", "pgrep"],
  "on a terminal, SIGTERM sent to soracom alone ends the profileCommand it runs, double forks and all",
  async () => {
    await using f = await emulatorHome({});
    const s = sleeps();
    const run = runInPty(
      [
        "soralets",
        "list",
        "--profile-command",
        // Deaf to the terminal's hang-up, as a prompting program that outlives us would read on.
        `/bin/sh -c 'trap "" HUP; (sleep ${s.seconds(1)} &); sleep ${s.seconds(2)}'`,
      ],
      { ...f.env, SORACOM_PROFILE_COMMAND_TIMEOUT: "60" },
      [],
      { bundle: await bundlePath() },
    );
    // soracom itself: the deno process whose arguments hold the marker (not `script`, not sh).
    const soracom = async () => {
      const out = await new Deno.Command("pgrep", {
        args: ["-f", `^${Deno.execPath()} run .*${s.marker}`],
        stdout: "piped",
      }).output();
      return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
    };
    while ((await running(`^${s.marker}`)).length < 2 || (await soracom()).length !== 1) {
      await new Promise((r) => setTimeout(r, 50));
    }
    Deno.kill(Number((await soracom())[0]), "SIGTERM");
    const r = await run;
    assert.equal(r.code, 143, r.screen);
    assert.deepEqual(await leftOver(s.marker), [], "no sleep is left behind");
  },
);

testWhere(
  ["script", "/bin/sh"],
  "the OTP prompt does not echo the code, under the release flags in a real terminal",
  async () => {
    await using f = await emulatorHome({ sam: PROFILES.sam });
    const code = f.api.totp("sam");
    const r = await runInPty(["soralets", "list", "--profile", "sam"], f.env, [
      ["MFA one-time code for sam: ", code],
    ], { bundle: await bundlePath() });
    assert.equal(r.code, 0, r.screen);
    assert.match(r.screen, /"soraletId"/);
    assert.ok(!r.screen.includes(code));
  },
);

/** A stand-in `secret-tool` in `dir/bin` keeping secrets as files in `dir/keyring`. */
async function fakeSecretTool(dir: string, failStore = false): Promise<string> {
  await Deno.mkdir(`${dir}/bin`, { recursive: true });
  await Deno.mkdir(`${dir}/keyring`, { recursive: true });
  const script = `#!/bin/sh
cmd=$1; shift
[ "$cmd" = store ] && shift
acct=$4
echo "$cmd $acct" >> "${dir}/keyring.log"
case $cmd in
  store) ${failStore ? "exit 1" : `cat > "${dir}/keyring/$acct"`} ;;
  lookup) [ -f "${dir}/keyring/$acct" ] || exit 1; cat "${dir}/keyring/$acct" ;;
  clear) rm -f "${dir}/keyring/$acct" ;;
esac
`;
  await Deno.writeTextFile(`${dir}/bin/secret-tool`, script, { mode: 0o755 });
  await Deno.chmod(`${dir}/bin/secret-tool`, 0o755);
  return `${dir}/bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`;
}

testWhere(
  ["/bin/sh", "posix-modes"],
  "SORACOM_SESSION_STORE=keyring: the API key and token live in the keyring, not the file",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    const env = {
      ...f.env,
      PATH: await fakeSecretTool(f.dir),
      SORACOM_SESSION_STORE: "keyring",
    };
    for (let i = 0; i < 2; i++) {
      const r = await runBundle(["soralets", "list"], env);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stderr, "");
    }
    assert.equal(f.api.count("POST", "/v1/auth"), 1, "the second call used the keyring's session");
    const [file] = await f.sessionFiles();
    const stored = JSON.parse(await Deno.readTextFile(`${f.sessions}/${file}`));
    assert.equal(stored.store, "keyring");
    assert.deepEqual([stored.apiKey, stored.token], [undefined, undefined]);
    const key = file.replace(/\.json$/, "");
    const secret = JSON.parse(atob(await Deno.readTextFile(`${f.dir}/keyring/${key}`)));
    const used = f.api.log.find((l) => l.path === "/v1/soralets")!;
    assert.deepEqual(secret.apiKey, used.headers["x-soracom-api-key"]);
    // logout revokes that session and deletes the keyring's entry with the file.
    const out = await runBundle(["logout"], env);
    assert.equal(out.code, 0, out.stderr);
    const logout = f.api.log.find((l) => l.path === "/v1/auth/logout")!;
    assert.deepEqual(logout.headers["x-soracom-api-key"], secret.apiKey);
    assert.deepEqual(await Array.fromAsync(Deno.readDir(`${f.dir}/keyring`)), []);
    assert.deepEqual(await f.sessionFiles(), []);
  },
);

testWhere(
  ["/bin/sh", "posix-modes"],
  "a keyring that fails falls back to the file with a warning; a wrong store name is an error",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    const env = {
      ...f.env,
      PATH: await fakeSecretTool(f.dir, true),
      SORACOM_SESSION_STORE: "keyring",
    };
    const first = await runBundle(["soralets", "list"], env);
    assert.equal(first.code, 0, first.stderr);
    assert.match(first.stderr, /warning: the keyring \(Secret Service \(secret-tool\)\)/);
    assert.match(first.stderr, /it is in the session file instead/);
    const second = await runBundle(["soralets", "list"], env);
    assert.deepEqual([second.code, second.stderr], [0, ""]);
    assert.equal(f.api.count("POST", "/v1/auth"), 1);
    const wrong = await runBundle(["soralets", "list"], { ...env, SORACOM_SESSION_STORE: "vault" });
    assert.equal(wrong.code, 3, wrong.stderr);
    assert.equal(
      wrong.stderr,
      'Error: SORACOM_SESSION_STORE must be "file" or "keyring", got "vault"\n',
    );
  },
);

testWhere(
  ["/bin/sh", "posix-modes", "secret-tool", "gnome-keyring-daemon", "dbus-run-session"],
  "SORACOM_SESSION_STORE=keyring with a real Secret Service (gnome-keyring on its own D-Bus)",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    const soracom = (await bundleArgv()).map((w) => `'${w}'`).join(" ");
    // Inside its own session bus: unlock a fresh keyring, then two calls, a lookup, logout.
    const script = `
echo -n unlock | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1
${soracom} soralets list >/dev/null 2>"${f.dir}/first.err"; echo "first $?"
${soracom} soralets list >/dev/null 2>"${f.dir}/second.err"; echo "second $?"
keys=$(ls "${f.sessions}" | grep -E '^[0-9a-f]{64}\\.json$' | sed 's/\\.json$//')
for k in $keys; do
  secret-tool lookup service soracom-cli-ts account "$k" >/dev/null && echo "stored $k"
done
${soracom} logout >/dev/null 2>&1; echo "logout $?"
for k in $keys; do
  secret-tool lookup service soracom-cli-ts account "$k" >/dev/null || echo "gone $k"
done
`;
    await Deno.writeTextFile(`${f.dir}/run.sh`, script);
    const out = await new Deno.Command("dbus-run-session", {
      args: ["--", "/bin/sh", `${f.dir}/run.sh`],
      env: {
        ...f.env,
        SORACOM_SESSION_STORE: "keyring",
        XDG_RUNTIME_DIR: f.dir,
        DENO_DIR,
      },
      stdout: "piped",
      stderr: "null",
    }).output();
    const lines = new TextDecoder().decode(out.stdout).trim().split("\n");
    assert.equal(lines[0], "first 0", await Deno.readTextFile(`${f.dir}/first.err`));
    assert.equal(lines[1], "second 0", await Deno.readTextFile(`${f.dir}/second.err`));
    assert.equal(await Deno.readTextFile(`${f.dir}/second.err`), "", "no keyring warning");
    assert.equal(lines.filter((l) => l.startsWith("stored ")).length, 1, lines.join("\n"));
    assert.equal(lines.filter((l) => l === "logout 0").length, 1, lines.join("\n"));
    assert.equal(
      lines.filter((l) => l.startsWith("gone ")).length,
      1,
      "logout cleared the keyring",
    );
    assert.equal(f.api.count("POST", "/v1/auth"), 1, "the second call used the keyring's keys");
    assert.equal(f.api.count("POST", "/v1/auth/logout"), 1);
  },
);

testWhere(
  ["posix-modes"],
  "auth status and logout only look: with no session they write nothing, not even the hashing key",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    // Exit 1: the next command needs a login; logout: nothing to log out.
    assert.equal((await runBundle(["auth", "status"], f.env)).code, 1);
    const out = await runBundle(["logout"], f.env);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(await Deno.stat(f.sessions).then(() => true, () => false), false);
    // Once logged in, status finds that session through the same key.
    assert.equal((await runBundle(["soralets", "list"], f.env)).code, 0);
    const status = await runBundle(["auth", "status", "--json"], f.env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /"session": "cache"/);
  },
);
