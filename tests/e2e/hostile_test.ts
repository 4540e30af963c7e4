/**
 * Nothing hostile reaches the terminal, no secret escapes any encoding (issue
 * 24): the bundled program under the release permission flags, against
 * loopback servers playing the API, a proxy and a hostile login reply.
 */

import assert from "node:assert/strict";
import { bundleArgv, bundlePath, runBundle } from "../helpers/bundle.ts";
import { emulatorHome, home, recorder } from "../helpers/loopback.ts";
import { runInPty } from "../helpers/pty.ts";
import { emulatorFixture, type Fixture, PROFILES } from "../helpers/fixture.ts";
import { DENO_DIR, writeProfile } from "../helpers/run.ts";
import { root } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";
import { leftOver, sleeps } from "../helpers/processes.ts";

/** JSON as Go's encoder writes it: `<`, `>` and `&` as `\u003c`, `\u003e`, `\u0026`. */
function goJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[<>&]/g,
    (c) => `\\u00${c.charCodeAt(0).toString(16)}`,
  );
}

/** JSON with every non-ASCII character escaped, as Python's `ensure_ascii` writes it. */
function asciiJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[^ -~]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

testWhere(
  ["posix-modes"],
  "a password echoed in any JSON or URL spelling is hidden in the error",
  async () => {
    for (
      const [password, echo] of [
        ["Pa<ss>&word-1", goJson],
        ["mot-de-passé-2", asciiJson],
        ["Pa<ss é>&word-3", (body: unknown) => `bad form ${new URLSearchParams(body as never)}`],
      ] as const
    ) {
      // A login refused with the request echoed back, encoded as the server's own encoder does.
      await using api = recorder((_, body) =>
        new Response(
          goJson({ code: "AUTH0001", message: `bad request ${echo(JSON.parse(body))}` }),
          { status: 400, headers: { "content-type": "application/json" } },
        )
      );
      await using h = await home({ email: root.email, password });
      const r = await runBundle(["subscribers", "list", "--no-session-cache"], {
        ...h.env,
        SORACOM_ENDPOINT: api.url,
      });
      assert.equal(r.code, 4, r.stderr);
      assert.match(r.stderr, /<hidden>/, r.stderr);
      // Not a piece of it, in any spelling (each password has one of these in it).
      assert.doesNotMatch(r.stderr, /word-|de-pass|Pa\\*u003c/, r.stderr);
    }
  },
);

/** What a hostile server puts in its text: a window title, OSC 52 (clipboard), a bell, CSI as C1. */
const NASTY = "a\x1b]0;pwned\x07\x1b]52;c;aGk=\x07\x1b[2J\u009b31m\rz";
/** The same, as it must show on a terminal. */
const SHOWN = "a\\x1b]0;pwned\\x07\\x1b]52;c;aGk=\\x07\\x1b[2J\\x9b31m\\x0dz";

/** Control characters a terminal acts on, bar the CR LF of a newline (CR CR LF: CSV's, on a terminal). */
// deno-lint-ignore no-control-regex -- the control characters are what it finds
const DRIVES_TERMINAL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]|\r(?![\r\n])/;

/** A server that answers `subscribers list` with `items`, the next key in `nextKey`, and logins. */
function hostileApi(items: unknown[], operatorId = "OP0012345678", nextKey?: string) {
  return recorder((req) =>
    new URL(req.url).pathname === "/v1/auth"
      ? Response.json({ apiKey: "api-key-1", token: "token-1", operatorId })
      : Response.json(items, { headers: nextKey ? { "x-soracom-next-key": nextKey } : {} })
  );
}

testWhere(
  ["script", "posix-modes"],
  "on a terminal, --output table, text, csv, json and yaml show a server's control characters escaped",
  async () => {
    // In tags.name too: a table of subscribers shows that one (and not a top-level name).
    await using api = hostileApi([{ imsi: "440100000000001", name: NASTY, tags: { name: NASTY } }]);
    await using h = await home(PROFILES.authKey);
    const env = { ...h.env, SORACOM_ENDPOINT: api.url };
    for (const output of ["table", "text", "csv", "json", "yaml", undefined]) {
      const args = ["subscribers", "list", ...(output ? ["--output", output] : [])];
      const r = await runInPty(args, env, [], { bundle: await bundlePath(), columns: 200 });
      assert.equal(r.code, 0, r.screen);
      assert.doesNotMatch(r.screen, DRIVES_TERMINAL, `${output}: ${JSON.stringify(r.screen)}`);
      // JSON and YAML escape C0 their own way (\u001b), and YAML C1 too (it may not be written
      // raw in YAML); JSON's C1 is shown escaped by us.
      const shown = ["table", "text", "csv"].includes(output ?? "")
        ? SHOWN
        : output === "yaml"
        ? "\\u009b31m"
        : "\\x9b31m";
      assert.ok(r.screen.includes(shown), `${output}: ${JSON.stringify(r.screen)}`);
      // Piped, the output is the server's bytes, untouched (YAML's escapes are its own).
      const piped = await runBundle(args, env);
      assert.equal(piped.code, 0, piped.stderr);
      const exact = shown === SHOWN ? NASTY : output === "yaml" ? "\\u009b31m" : "\u009b31m";
      assert.ok(piped.stdout.includes(exact), `${output}: ${JSON.stringify(piped.stdout)}`);
    }
  },
);

testWhere(
  ["script", "posix-modes"],
  "on a terminal, auth export and the next-page hint show a hostile reply's control characters escaped",
  async () => {
    const key = "k\u009b2J\u009b31m";
    await using api = hostileApi([{ imsi: "440100000000001" }], NASTY, key);
    await using h = await home(PROFILES.authKey);
    const env = { ...h.env, SORACOM_ENDPOINT: api.url };
    const pty = { bundle: await bundlePath(), columns: 200 };
    for (const format of ["env", "json"]) {
      const r = await runInPty(["auth", "export", "--format", format], env, [], pty);
      assert.equal(r.code, 0, r.screen);
      assert.doesNotMatch(r.screen, DRIVES_TERMINAL, `${format}: ${JSON.stringify(r.screen)}`);
      assert.match(r.screen, /SORACOM_OPERATOR_ID/);
    }
    // Piped (for eval), the value is the server's, untouched and quoted.
    const piped = await runBundle(["auth", "export"], env);
    assert.ok(piped.stdout.includes(`SORACOM_OPERATOR_ID='${NASTY}'`), piped.stdout);
    const list = await runInPty(["subscribers", "list"], env, [], pty);
    assert.equal(list.code, 0, list.screen);
    assert.doesNotMatch(list.screen, DRIVES_TERMINAL, JSON.stringify(list.screen));
    assert.ok(list.screen.includes("k\\x9b2J\\x9b31m"), JSON.stringify(list.screen));
  },
);

testWhere(
  ["posix-modes"],
  "inside soracom exec, an explicit --profile runs as that profile, at its endpoint, and says so",
  async () => {
    await using f = await emulatorFixture();
    // beta's own endpoint names the emulator another way than SORACOM_ENDPOINT does.
    const betaEndpoint = f.api.url.replace("127.0.0.1", "localhost");
    await writeProfile(f.profiles, "alpha", PROFILES.authKey);
    await writeProfile(f.profiles, "beta", { ...PROFILES.samPlain, endpoint: betaEndpoint });
    const inner = await bundleArgv();
    const exported = async (...flags: string[]) => {
      const r = await runBundle([
        "exec",
        "--profile",
        "alpha",
        "--",
        ...inner,
        ...flags,
        "auth",
        "export",
        "--format",
        "json",
      ], { ...f.env, DENO_DIR });
      assert.equal(r.code, 0, r.stderr);
      return { vars: JSON.parse(r.stdout), stderr: r.stderr };
    };
    const alpha = await exported();
    assert.equal(alpha.vars.SORACOM_PROFILE, "alpha");
    assert.equal(alpha.stderr, "");
    // The same profile named explicitly: exec's session, no second login, nothing to say.
    const same = await exported("--profile", "alpha");
    assert.equal(same.vars.SORACOM_API_KEY, alpha.vars.SORACOM_API_KEY);
    assert.equal(same.stderr, "");
    const beta = await exported("--profile", "beta");
    assert.equal(beta.vars.SORACOM_PROFILE, "beta");
    assert.notEqual(beta.vars.SORACOM_API_KEY, alpha.vars.SORACOM_API_KEY);
    assert.equal(beta.vars.SORACOM_ENDPOINT, betaEndpoint);
    assert.match(
      beta.stderr,
      /^note: running as profile beta \(--profile\), not with the session of profile alpha/,
    );
    const logins = f.api.log.filter((l) => l.path === "/v1/auth").map((l) => JSON.parse(l.body));
    assert.equal(logins.at(-1).userName ?? logins.at(-1).username, "plain-user");
  },
);

testWhere(
  ["posix-modes"],
  "credentials for a plain-http endpoint on this machine never go through a proxy",
  async () => {
    await using proxy = recorder(() => new Response("proxied", { status: 502 }));
    await using api = hostileApi([{ imsi: "440100000000001" }]);
    for (const host of ["127.0.0.1", "localhost"]) {
      await using h = await home({ email: root.email, password: root.password });
      const r = await runBundle(["subscribers", "list", "--no-retry-on-error"], {
        ...h.env,
        SORACOM_ENDPOINT: api.url.replace("127.0.0.1", host),
        HTTP_PROXY: proxy.url,
        http_proxy: proxy.url,
        ALL_PROXY: proxy.url,
        // Deno's own check for a newer Deno would go to the proxy too: not ours to test.
        DENO_NO_UPDATE_CHECK: "1",
      });
      assert.equal(r.code, 0, r.stderr);
    }
    assert.deepEqual(proxy.seen, [], "nothing reached the proxy");
    assert.deepEqual(api.seen.map((s) => s.path), [
      "/v1/auth",
      "/v1/subscribers",
      "/v1/auth",
      "/v1/subscribers",
    ]);
  },
);

/**
 * A session's temp file as a write of ours killed before its rename leaves it,
 * holding a fresh session (logged in with `auth`), `age` ms old.
 */
async function plantLeftover(f: Fixture, key: string, age: number) {
  const r = await runBundle([
    "auth",
    "--auth-key-id",
    PROFILES.authKey.authKeyId,
    "--auth-key",
    PROFILES.authKey.authKey,
  ], f.env);
  assert.equal(r.code, 0, r.stderr);
  const { apiKey, token, operatorId } = JSON.parse(r.stdout);
  const path = `${f.sessions}/.${key}.json.${crypto.randomUUID()}.tmp`;
  const session = {
    version: 2,
    identity: key,
    apiKey,
    token,
    operatorId,
    expiresAt: Date.now() + 3_600_000,
    lifetimeSeconds: 3600,
    endpoint: f.api.url,
    label: "profile default",
  };
  await Deno.writeTextFile(path, JSON.stringify(session), { mode: 0o600 });
  const then = new Date(Date.now() - age);
  await Deno.utime(path, then, then);
  return { path, apiKey };
}

testWhere(
  ["posix-modes"],
  "a session left in a temp file by a killed write is revoked and deleted: at logout, and when old",
  async () => {
    await using f = await emulatorHome({ default: PROFILES.authKey });
    assert.equal((await runBundle(["soralets", "list"], f.env)).code, 0);
    const [file] = await f.sessionFiles();
    const key = file.replace(/\.json$/, "");
    const revoked = () =>
      f.api.log.filter((l) => l.path === "/v1/auth/logout").map((l) =>
        l.headers["x-soracom-api-key"]
      );
    const exists = (path: string) => Deno.lstat(path).then(() => true, () => false);
    // A command: an old one goes (revoked); a young one may be a write going on, and stays.
    const old = await plantLeftover(f, key, 5 * 60_000);
    const young = await plantLeftover(f, key, 0);
    assert.equal((await runBundle(["soralets", "list"], f.env)).code, 0);
    assert.equal(await exists(old.path), false, "the old temp file is gone");
    assert.equal(await exists(young.path), true, "a write may still be going on");
    assert.deepEqual(revoked(), [old.apiKey]);
    // logout --all: every one, however young, with the sessions.
    const out = await runBundle(["logout", "--all"], f.env);
    assert.equal(out.code, 0, out.stderr);
    assert.equal(await exists(young.path), false, "logout --all leaves no temp file");
    assert.ok(revoked().includes(young.apiKey), "and revokes what it held");
    assert.deepEqual(await Array.fromAsync(Deno.readDir(f.sessions)), []);
  },
);

/**
 * A server whose list answer is `total` bytes of a JSON array (`[0,0,...`),
 * made as the client reads it; `sent` says how much went out. `hold`, when
 * given, is awaited after the first chunk.
 */
function endlessApi(
  total: number,
  options: { type?: string; hold?: Promise<void>; status?: number } = {},
) {
  const state = { sent: 0, finished: false };
  const chunk = new TextEncoder().encode("0,".repeat(32 * 1024));
  const server = Deno.serve({ hostname: "127.0.0.1", port: 0, onListen() {} }, () => {
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (state.sent >= total) {
          state.finished = true;
          return controller.close();
        }
        const part = state.sent === 0 ? new TextEncoder().encode("[") : chunk;
        controller.enqueue(part);
        state.sent += part.length;
        if (state.sent === part.length) await options.hold;
      },
    }, { highWaterMark: 0 });
    return new Response(body, {
      status: options.status,
      headers: { "content-type": options.type ?? "application/json" },
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    state,
    [Symbol.asyncDispose]: () => server.shutdown(),
  };
}

const MiB = 1024 * 1024;

testWhere(
  ["posix-modes"],
  "a 1 GiB answer is refused at 64 MiB with one line, not read whole; --query past 1,000 levels too",
  async () => {
    await using api = endlessApi(1024 * MiB);
    await using h = await home(PROFILES.authKey);
    const env = { ...h.env, SORACOM_ENDPOINT: api.url };
    const keys = ["--api-key", "k", "--api-token", "t"];
    const r = await runBundle(["subscribers", "list", ...keys], env);
    assert.equal(r.code, 8, r.stderr);
    assert.match(r.stderr, /^Error: the response is larger than 64 MiB[^\n]*--raw-output[^\n]*\n$/);
    assert.ok(api.state.sent < 256 * MiB, `${api.state.sent} bytes were sent`);
    // An endless error: its message is its first MiB, and no more is read.
    await using failing = endlessApi(1024 * MiB, { status: 500, type: "text/plain" });
    const e = await runBundle(["subscribers", "list", ...keys, "--no-retry-on-error"], {
      ...env,
      SORACOM_ENDPOINT: failing.url,
    });
    assert.equal(e.code, 5, e.stderr.slice(0, 200));
    assert.ok(e.stderr.length <= MiB + 100, `${e.stderr.length} characters on stderr`);
    assert.ok(failing.state.sent < 256 * MiB, `${failing.state.sent} bytes were sent`);
    // Nested 200,000 deep: the formats that recurse refuse it; soracom-cli's JSON prints it.
    const deep = "[".repeat(200_000) + "]".repeat(200_000);
    await using nested = recorder(() =>
      new Response(deep, { headers: { "content-type": "application/json" } })
    );
    const nestedEnv = { ...env, SORACOM_ENDPOINT: nested.url };
    for (const flags of [["--query", "[0]"], ["--output", "yaml"], ["--output", "table"]]) {
      const q = await runBundle(["subscribers", "list", ...keys, ...flags], nestedEnv);
      assert.equal(q.code, 8, `${flags}: ${q.stderr}`);
      assert.equal(
        q.stderr,
        "Error: the response nests deeper than 1000 levels: --query and --output other than json and jsonl cannot take it\n",
      );
    }
    const jsonl = await runBundle(["subscribers", "list", ...keys, "--jsonl"], nestedEnv);
    assert.equal(jsonl.code, 0, jsonl.stderr);
  },
);

testWhere(
  ["posix-modes"],
  "--raw-output and a file stream: the output starts before the answer has ended, at any size",
  async () => {
    await using h = await home(PROFILES.authKey);
    const [deno, ...soracom] = await bundleArgv();
    const keys = ["--api-key", "k", "--api-token", "t"];
    for (
      const [type, flags] of [
        ["application/json", ["--raw-output"]],
        ["application/octet-stream", []],
      ] as const
    ) {
      let release = () => {};
      const hold = new Promise<void>((resolve) => release = resolve);
      // A guard, not a timing assertion: a program that waits for the whole answer fails below.
      const guard = setTimeout(release, 20_000);
      await using api = endlessApi(100 * MiB, { hold, type });
      const child = new Deno.Command(deno, {
        args: [...soracom, "subscribers", "list", ...keys, ...flags],
        env: { ...h.env, SORACOM_ENDPOINT: api.url, DENO_DIR },
        stdout: "piped",
        stderr: "null",
      }).spawn();
      let received = 0;
      let finishedBeforeFirstOutput: boolean | undefined;
      for await (const chunk of child.stdout) {
        finishedBeforeFirstOutput ??= api.state.finished;
        received += chunk.length;
        release();
      }
      clearTimeout(guard);
      assert.equal((await child.status).code, 0, type);
      assert.equal(
        finishedBeforeFirstOutput,
        false,
        `${type}: the first bytes came while it was sent`,
      );
      assert.equal(received, api.state.sent);
      assert.ok(received > 64 * MiB);
    }
  },
);

testWhere(
  ["posix-modes"],
  "a profile's depth is read as the JSONC parser reads it: a bare CR ends a comment, strings hide brackets",
  async () => {
    const deep = "[".repeat(100_000);
    for (
      const text of [
        `// c\r${deep}`,
        `/* a ] */ ${deep}`,
        `{"a": "\\"]]]", "b": ${deep}`,
        `${deep}${"]".repeat(100_000)}`,
      ]
    ) {
      await using h = await home({});
      await Deno.writeTextFile(`${h.dir}/profiles/default.json`, text, { mode: 0o600 });
      const r = await runBundle(["subscribers", "list"], {
        ...h.env,
        SORACOM_ENDPOINT: "http://127.0.0.1:9",
      });
      assert.equal(r.code, 3, `${JSON.stringify(text.slice(0, 12))}: ${r.stderr}`);
      assert.match(
        r.stderr,
        /^Error: profile \S+ nests deeper than 32 levels: it is not a profile\n$/,
      );
    }
  },
);

testWhere(
  ["/bin/sh", "script", "pgrep"],
  "on a terminal, a prompting profileCommand can still read it, and a pipeline beside soracom is left alone",
  async () => {
    await using f = await emulatorHome({});
    const s = sleeps();
    // The command asks on the terminal (as op does) and answers with a profile.
    const ask = `/bin/sh -c 'printf "vault password: " >&2; read p; ` +
      `echo "{\\"authKeyId\\":\\"${PROFILES.authKey.authKeyId}\\",\\"authKey\\":\\"$p\\"}"'`;
    const r = await runInPty(
      ["soralets", "list", "--profile-command", ask],
      f.env,
      [["vault password: ", PROFILES.authKey.authKey]],
      { bundle: await bundlePath() },
    );
    assert.equal(r.code, 0, r.screen);
    assert.match(r.screen, /soraletId/);
    // A command beside soracom in its pipeline is in its process group: a timeout kills none of it.
    const out = await new Deno.Command("script", {
      args: [
        "-qec",
        `${await soracomCommand()} soralets list --profile-command ` +
        `"/bin/sh -c 'sleep ${s.seconds(4)}'" | (cat; echo "beside: still here")`,
        "/dev/null",
      ],
      env: { ...f.env, SORACOM_PROFILE_COMMAND_TIMEOUT: "1", DENO_DIR, TERM: "dumb" },
      stdin: "null",
      stdout: "piped",
    }).output();
    const screen = new TextDecoder().decode(out.stdout);
    assert.match(screen, /timed out after 1 s/);
    assert.match(screen, /beside: still here/);
    assert.deepEqual(await leftOver(`sleep ${s.seconds(4)}`), []);
  },
);

/** The bundle as a shell command line, run as a release runs. */
async function soracomCommand(): Promise<string> {
  return (await bundleArgv()).map((a) => `'${a.replaceAll("'", `'"'"'`)}'`).join(" ");
}
