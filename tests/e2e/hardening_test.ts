/**
 * Issue 6: a table of bad inputs and faults. Each row: what is set up, the
 * command, the exit code and the one-line message expected. Every row also
 * checks that the output is one `Error: ` line, has no stack trace, and holds
 * none of the secrets the row used.
 */
import assert from "node:assert/strict";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { testContext } from "../helpers/context.ts";
import { runSoracom, tempDir, writeProfile } from "../helpers/run.ts";
import { runCli } from "../../src/cli/app.ts";
import type { TestEmulator } from "../helpers/emulator.ts";
import { authKey, root, sam } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

const GOOD = PROFILES.authKey;
/** Secrets used by the rows; none may ever be printed. */
const SECRETS = [authKey.authKey, root.password, sam.password, "hunter2-secret", "OTP-999999"];

interface Env {
  readonly dir: string;
  readonly profiles: string;
  readonly api: TestEmulator;
}

interface Row {
  readonly name: string;
  readonly setup?: (e: Env) => Promise<void> | void;
  readonly args: (e: Env) => string[];
  readonly env?: (e: Env) => Record<string, string>;
  readonly code: number;
  /** Substrings of stderr, which must be one `Error: ` line. Empty: success expected. */
  readonly stderr: readonly string[];
  /** stderr starts with the tail of a command's own stderr. */
  readonly stderrTail?: boolean;
}

/** A loopback port nothing listens on. */
function closedPort(): number {
  const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
  const port = (listener.addr as Deno.NetAddr).port;
  listener.close();
  return port;
}

const sh = (script: string) => `/bin/sh -c '${script}'`;

const ROWS: readonly Row[] = [
  // --- profiles
  {
    name: "missing profile: which one and how to create it",
    args: () => ["soralets", "list", "--profile", "nope"],
    code: 3,
    stderr: ["nope.json)", "soracom configure --profile nope"],
  },
  {
    name: "malformed JSONC: file, line and column",
    setup: (e) =>
      writeProfile(e.profiles, "bad", `{\n  // c\n  "authKeyId": "x",,\n}`).then(() => {}),
    args: () => ["soralets", "list", "--profile", "bad"],
    code: 3,
    stderr: ["bad.json:3:20: invalid JSON"],
  },
  {
    name: "wrong type: names the field",
    setup: (e) =>
      writeProfile(e.profiles, "typed", { authKeyId: 12, authKey: "hunter2-secret" }).then(
        () => {},
      ),
    args: () => ["soralets", "list", "--profile", "typed"],
    code: 3,
    stderr: ["field 'authKeyId' must be a string, got a number"],
  },
  {
    name: "unknown keys are ignored",
    setup: (e) =>
      writeProfile(e.profiles, "extra", { ...GOOD, favouriteColour: "blue", nested: { a: 1 } })
        .then(() => {}),
    args: () => ["soralets", "list", "--profile", "extra"],
    code: 0,
    stderr: [],
  },
  {
    name: "group/other permission bits: refused, with the chmod to run",
    setup: async (e) => {
      const p = await writeProfile(e.profiles, "open", GOOD);
      await Deno.chmod(p, 0o640);
    },
    args: () => ["soralets", "list", "--profile", "open"],
    code: 3,
    stderr: ["too open", "chmod 600"],
  },
  {
    name: "an empty file",
    setup: (e) => writeProfile(e.profiles, "empty", "").then(() => {}),
    args: () => ["soralets", "list", "--profile", "empty"],
    code: 3,
    stderr: ["empty.json: the file is empty"],
  },
  {
    name: "a 10 MB file is refused",
    setup: (e) =>
      writeProfile(e.profiles, "huge", `{"x":"${"a".repeat(10 * 1024 * 1024)}"}`).then(() => {}),
    args: () => ["soralets", "list", "--profile", "huge"],
    code: 3,
    stderr: ["larger than a profile can be"],
  },
  {
    name: "profile name with ../ is sanitised and stays in the folder",
    setup: (e) => Deno.writeTextFile(`${e.dir}/escape.json`, JSON.stringify(GOOD), { mode: 0o600 }),
    args: () => ["soralets", "list", "--profile", "../escape"],
    code: 3,
    stderr: ["profiles/-escape.json)"],
  },
  {
    name: "profile name with / is sanitised",
    args: () => ["soralets", "list", "--profile", "a/b"],
    code: 3,
    stderr: ["profiles/a-b.json)"],
  },
  {
    name: "profile name in Japanese only: invalid",
    args: () => ["soralets", "list", "--profile", "本番"],
    code: 2,
    stderr: ["invalid profile name"],
  },
  {
    name: "sourceProfile pointing to a missing profile",
    setup: (e) =>
      writeProfile(e.profiles, "sw", { sourceProfile: "ghost", operatorId: "OP1", username: "u" })
        .then(() => {}),
    args: () => ["soralets", "list", "--profile", "sw"],
    code: 3,
    stderr: ["unable to load the specified source profile 'ghost'"],
  },
  {
    name: "sourceProfile pointing to itself",
    setup: (e) =>
      writeProfile(e.profiles, "self", { sourceProfile: "self", operatorId: "OP1", username: "u" })
        .then(() => {}),
    args: () => ["soralets", "list", "--profile", "self"],
    code: 3,
    stderr: ["nested switch user is not allowed"],
  },
  {
    name: "sourceProfile whose profile has its own sourceProfile",
    setup: async (e) => {
      await writeProfile(e.profiles, "mid", {
        sourceProfile: "base",
        operatorId: "OP1",
        username: "u",
      });
      await writeProfile(e.profiles, "top", {
        sourceProfile: "mid",
        operatorId: "OP2",
        username: "v",
      });
    },
    args: () => ["soralets", "list", "--profile", "top"],
    code: 3,
    stderr: ["source profile 'mid' should not have a sourceProfile"],
  },
  // --- profile commands
  {
    name: "profileCommand: missing program is named",
    args: () => ["soralets", "list", "--profile-command", "no-such-program-xyz --json"],
    code: 3,
    stderr: ["program not found: no-such-program-xyz"],
  },
  {
    name:
      "profileCommand: non-zero exit gives the status and a bounded, redacted excerpt of stderr",
    args: () => [
      "soralets",
      "list",
      "--profile-command",
      sh(
        `echo "vault locked password=hunter2-secret $(head -c 5000 /dev/zero | tr "\\0" x)" >&2; exit 3`,
      ),
    ],
    code: 4,
    stderr: ["profileCommand 'echo' failed with exit status 3: ", "xxxxxxxx"],
    stderrTail: true,
  },
  {
    name: "profileCommand: a hang is stopped after the timeout",
    args: () => ["soralets", "list", "--profile-command", "sleep 30"],
    env: () => ({ SORACOM_PROFILE_COMMAND_TIMEOUT: "1" }),
    code: 4,
    stderr: ["profileCommand 'sleep' timed out after 1 s"],
  },
  {
    name:
      "profileCommand: a hang inside a /bin/sh pipeline is stopped too (the whole process tree)",
    // Without killing the tree, `sleep 997` would hold the pipe open and soracom would never return.
    args: () => ["soralets", "list", "--profile-command", sh("sleep 997 | cat; echo {}")],
    env: () => ({ SORACOM_PROFILE_COMMAND_TIMEOUT: "1" }),
    code: 4,
    stderr: ["profileCommand 'sleep' timed out after 1 s"],
  },
  {
    name: "profileCommand: a hang whose grandchild escaped the tree is still stopped",
    // `( sleep 993 & )` leaves a process outside the tree holding the pipe open.
    args: () => ["soralets", "list", "--profile-command", sh("( sleep 993 & ) ; sleep 992")],
    env: () => ({ SORACOM_PROFILE_COMMAND_TIMEOUT: "1" }),
    code: 4,
    stderr: ["profileCommand '/bin/sh' timed out after 1 s"],
  },
  {
    name: "profileCommand: a background job holding stdout open does not keep soracom waiting",
    args: () => [
      "soralets",
      "list",
      "--profile-command",
      sh(
        `sleep 991 & printf "{\\"authKeyId\\":\\"${authKey.authKeyId}\\",\\"authKey\\":\\"${authKey.authKey}\\"}"`,
      ),
    ],
    code: 0,
    stderr: [],
  },
  {
    name: "profileCommand: empty output",
    args: () => ["soralets", "list", "--profile-command", "true"],
    code: 4,
    stderr: ["the output of profileCommand 'true' is empty"],
  },
  {
    name: "profileCommand: output that is not JSON (and is never shown)",
    args: () => ["soralets", "list", "--profile-command", sh("echo password=hunter2-secret")],
    code: 4,
    stderr: ["is not valid JSON"],
  },
  {
    name: "profileCommand: output that is not UTF-8",
    args: () => ["soralets", "list", "--profile-command", sh(`printf "\\377\\376{}"`)],
    code: 4,
    stderr: ["printed output that is not UTF-8"],
  },
  {
    name: "profileCommand: output over 1 MiB",
    args: () => ["soralets", "list", "--profile-command", sh("head -c 2000000 /dev/zero")],
    code: 4,
    stderr: ["output exceeded 1048576 bytes"],
  },
  {
    name: "profileCommand: wrong field types",
    args: () => [
      "soralets",
      "list",
      "--profile-command",
      sh(`echo "{\\"authKeyId\\": true, \\"authKey\\": \\"hunter2-secret\\"}"`),
    ],
    code: 4,
    stderr: ["field 'authKeyId' must be a string, got a boolean"],
  },
  {
    name: "profileCommand: a whitespace-only command string (soracom-cli crashes here)",
    args: () => ["soralets", "list", "--profile-command", "   "],
    code: 3,
    stderr: ["profileCommand: the command is empty"],
  },
  // --- API and network
  {
    name: "401 with a JSON body: the body, as soracom-cli shows it",
    args:
      () => ["soralets", "list", "--auth-key-id", authKey.authKeyId, "--auth-key", "OTP-999999"],
    code: 4,
    stderr: [`Error: {"code":"AUM0003"`],
  },
  {
    name: "403 with a JSON body",
    setup: (e) =>
      e.api.stub("GET", "/v1/soralets", {
        status: 403,
        body: `{"code":"SEM0403","message":"forbidden"}`,
      }),
    args: () => ["soralets", "list", "--profile", "good"],
    code: 5,
    stderr: [`Error: {"code":"SEM0403","message":"forbidden"}`],
  },
  {
    name: "404 with a JSON body",
    args: () => ["subscribers", "get", "--imsi", "999", "--profile", "good"],
    code: 5,
    stderr: [`"code":"SEM0004"`],
  },
  {
    name: "a non-JSON error body, folded to one line",
    setup: (e) =>
      e.api.stub("GET", "/v1/soralets", {
        status: 502,
        headers: { "content-type": "text/html" },
        body: "<html>\n<body>Bad Gateway</body>\n</html>",
      }),
    args: () => ["soralets", "list", "--profile", "good", "--no-retry-on-error"],
    code: 5,
    stderr: ["Error: <html> <body>Bad Gateway</body> </html>"],
  },
  {
    name: "429 with Retry-After is retried",
    setup: (e) =>
      e.api.injectFault({ path: "/v1/soralets" }, {
        kind: "status",
        status: 429,
        headers: { "retry-after": "1" },
      }),
    args: () => ["soralets", "list", "--profile", "good"],
    code: 0,
    stderr: [],
  },
  {
    name: "503 then success",
    setup: (e) => e.api.injectFault({ path: "/v1/soralets" }, { kind: "status", status: 503 }),
    args: () => ["soralets", "list", "--profile", "good"],
    code: 0,
    stderr: [],
  },
  {
    name: "connection refused",
    args: () => ["soralets", "list", "--api-key", "k", "--api-token", "t", "--no-retry-on-error"],
    env: () => ({ SORACOM_ENDPOINT: `http://127.0.0.1:${closedPort()}` }),
    code: 6,
    stderr: ["connection refused"],
  },
  {
    name: "reset in the middle of a body",
    setup: (e) => e.api.injectFault({ path: "/v1/soralets" }, { kind: "reset" }),
    args: () => ["soralets", "list", "--profile", "good"],
    code: 6,
    stderr: ["the response was cut off"],
  },
  {
    name: "truncated JSON",
    setup: (e) => e.api.injectFault({ path: "/v1/soralets" }, { kind: "truncate" }),
    args: () => ["soralets", "list", "--profile", "good"],
    code: 5,
    stderr: ["the response is not valid JSON"],
  },
  {
    name: "a server that never answers: timeout",
    setup: (e) => e.api.injectFault({ path: "/v1/soralets" }, { kind: "hang" }),
    args: () => ["soralets", "list", "--profile", "good", "--no-retry-on-error"],
    env: () => ({ SORACOM_TIMEOUT: "1" }),
    code: 6,
    stderr: ["no response before the timeout"],
  },
  {
    name: "a page loop where x-soracom-next-key repeats",
    setup: (e) => e.api.setNextKeyLoop("/v1/subscribers"),
    args: () => ["subscribers", "list", "--fetch-all", "--limit", "1", "--profile", "good"],
    code: 5,
    stderr: ["the server sent the same x-soracom-next-key twice"],
  },
  // --- command line
  {
    name: "unknown command, with a suggestion",
    args: () => ["subscriber", "list"],
    code: 2,
    stderr: [`unknown command "subscriber" for "soracom" (did you mean "subscribers"?)`],
  },
  {
    name: "unknown flag, with a suggestion",
    args: () => ["subscribers", "list", "--limt", "3"],
    code: 2,
    stderr: ["unknown flag: --limt (did you mean --limit?)"],
  },
  {
    name: "bad enum value",
    args: () => ["subscribers", "list", "--tag-value-match-mode", "fuzzy"],
    code: 2,
    stderr: [
      `invalid value "fuzzy" for "--tag-value-match-mode": allowed values are exact, prefix`,
    ],
  },
  {
    name: "bad --body JSON: its position, not its text",
    args: () => [
      "subscribers",
      "update-speed-class",
      "--imsi",
      "1",
      "--body",
      `{"password":"hunter2-secret" x}`,
    ],
    code: 2,
    stderr: ["invalid json format specified for `--body` parameter", "line 1 column 30"],
  },
  {
    name: "--body @missing-file",
    args: (
      e,
    ) => ["subscribers", "update-speed-class", "--imsi", "1", "--body", `@${e.dir}/missing.json`],
    code: 2,
    stderr: ["missing.json: no such file"],
  },
  {
    name: "a required flag missing",
    args: () => ["subscribers", "get"],
    code: 2,
    stderr: ["required parameter 'imsi' is not specified"],
  },
  {
    name: "an integer flag given text",
    args: () => ["subscribers", "list", "--limit", "ten"],
    code: 2,
    stderr: [`invalid argument "ten" for "--limit": not an integer`],
  },
  {
    name: "extra positional arguments",
    args: () => ["subscribers", "list", "extra"],
    code: 2,
    stderr: ["unexpected argument: extra ('soracom subscribers list' takes only flags"],
  },
];

for (const row of ROWS) {
  Deno.test(`bad input: ${row.name}`, async () => {
    await using e = await emulatorFixture();
    await writeProfile(e.profiles, "good", GOOD);
    await writeProfile(e.profiles, "default", GOOD);
    await row.setup?.(e);
    const r = await runSoracom(row.args(e), {
      killAfterMs: 30_000,
      env: { ...e.env, ...row.env?.(e) },
    });
    assert.deepEqual(r.code, row.code, r.stderr);
    const left = await new Deno.Command("pgrep", { args: ["-f", "sleep 997"], stdout: "piped" })
      .output();
    // Processes a row left outside soracom's reach on purpose (escaped or background jobs).
    await new Deno.Command("pkill", { args: ["-f", "sleep 99[0-6]"] }).output();
    assert.equal(
      new TextDecoder().decode(left.stdout),
      "",
      "a profileCommand's child was left running",
    );
    if (row.stderr.length === 0) {
      assert.equal(r.stderr, "");
    } else {
      // A command's stderr tail comes first, its lines marked; then the one-line error.
      const lines = r.stderr.trimEnd().split("\n");
      const errorAt = row.stderrTail ? lines.length - 1 : 0;
      assert.ok(lines[errorAt].startsWith("Error: ") && r.stderr.endsWith("\n"), r.stderr);
      assert.ok(lines.slice(1, errorAt).every((l) => l.startsWith("  | ")), r.stderr);
      assert.deepEqual(lines.length, row.stderrTail ? errorAt + 1 : 1, r.stderr);
      assert.doesNotMatch(r.stderr, /hunter2/);
      for (const part of row.stderr) assert.ok(r.stderr.includes(part));
      assert.doesNotMatch(r.stderr, / {4}at /);
    }
    for (const secret of SECRETS) {
      assert.ok(!r.stderr.includes(secret));
      assert.ok(!r.stdout.includes(secret));
    }
  });
}

Deno.test("a profile name with NUL or control characters is sanitised (in-process: argv cannot carry NUL)", async () => {
  const dir = await tempDir();
  try {
    const t = testContext({ env: { HOME: dir, SORACOM_PROFILE_DIR: dir } });
    const code = await runCli(["soralets", "list", "--profile", "a\0b\n/../c"], t.ctx);
    assert.equal(code, 3);
    assert.ok(t.stderr().includes(`there is no ${dir}/ab-c.json)`));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("an unexpected error is one line with a hint; SORACOM_VERBOSE=1 shows the stack", async () => {
  const dir = await tempDir();
  try {
    await writeProfile(dir, "default", GOOD);
    for (const verbose of [false, true]) {
      const t = testContext({
        env: { HOME: dir, SORACOM_PROFILE_DIR: dir, ...(verbose ? { SORACOM_VERBOSE: "1" } : {}) },
      });
      const broken = {
        ...t.ctx,
        fs: {
          ...t.ctx.fs,
          readFile: () => Promise.reject(new RangeError("disk on fire")),
          readFileCapped: () => Promise.reject(new RangeError("disk on fire")),
        },
      };
      const code = await runCli(["soralets", "list"], broken);
      assert.equal(code, 70);
      const err = t.stderr();
      assert.match(
        err,
        /Error: unexpected error: disk on fire \(rerun with SORACOM_VERBOSE=1 for details\)/,
      );
      assert.deepEqual(err.includes("    at "), verbose, err);
    }
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

const WRITER = `
import { realContext } from "${new URL("../../src/system/real.ts", import.meta.url).href}";
const [path, size] = Deno.args;
const fs = realContext().fs;
for (let i = 0;; i++) {
  const fill = String(i % 10).repeat(Number(size));
  await fs.writeFileAtomic(path, new TextEncoder().encode(JSON.stringify({ i, fill })), 0o600);
}
`;

testWhere(
  ["posix-modes"],
  "a process killed in the middle of writing leaves the old file intact (profiles and sessions share the writer)",
  async () => {
    const dir = await tempDir();
    try {
      const script = `${dir}/writer.ts`;
      await Deno.writeTextFile(script, WRITER);
      const target = `${dir}/profile.json`;
      await Deno.writeTextFile(target, JSON.stringify({ i: -1, fill: "" }), { mode: 0o600 });
      // Kills at these delays, then (only while no write has finished yet, on a slow machine)
      // at longer ones: a run where every kill came before the first write would check nothing.
      const delays = [30, 80, 150, 260, 400];
      let landed = false;
      for (let k = 0; k < delays.length || (!landed && k < delays.length + 4); k++) {
        const delay = delays[k] ?? 400 * 2 ** (k - delays.length + 1);
        const child = new Deno.Command(Deno.execPath(), {
          args: ["run", "-A", "--quiet", script, target, String(2 * 1024 * 1024)],
          stdout: "null",
          stderr: "null",
        }).spawn();
        await new Promise((r) => setTimeout(r, delay));
        child.kill("SIGKILL");
        await child.status;
        const value = JSON.parse(await Deno.readTextFile(target));
        assert.ok(
          value.i === -1 || value.fill === String(value.i % 10).repeat(2 * 1024 * 1024),
          "torn write",
        );
        assert.equal((await Deno.stat(target)).mode! & 0o777, 0o600);
        landed ||= value.i >= 0;
      }
      assert.ok(landed, "no write finished before a kill: the test checked nothing");
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

testWhere(
  ["setsid", "/bin/sh"],
  "SORACOM_VERBOSE=1 hides password, OTP, token and API key in headers and bodies of a SAM login",
  async () => {
    await using t = await emulatorFixture();
    await writeProfile(t.profiles, "default", PROFILES.sam);
    const otp = t.api.totp("sam");
    const r = await runSoracom(["soralets", "list", "--mfa-otpcode", otp], {
      env: { ...t.env, SORACOM_VERBOSE: "1" },
    });
    assert.equal(r.code, 0, r.stderr);
    for (
      const hidden of [
        `"password":"<hidden>"`,
        `"mfaOTPCode":"<hidden>"`,
        `"apiKey":"<hidden>"`,
        `"token":"<hidden>"`,
        "X-Soracom-Token: <hidden>",
      ]
    ) {
      assert.ok(r.stderr.includes(hidden));
    }
    const auth = t.api.log.find((l) => l.path === "/v1/auth")!;
    const session = t.api.log.find((l) => l.path === "/v1/soralets")!.headers;
    for (
      const secret of [sam.password, otp, session["x-soracom-token"], session["x-soracom-api-key"]]
    ) {
      assert.ok(!r.stderr.includes(secret));
    }
    assert.ok(auth);
  },
);
