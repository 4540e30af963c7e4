/** Command-line behaviour: --help/--version everywhere, flag shadowing, progress, terminal for profileCommand. */
import assert from "node:assert/strict";
import { emulatorFixture, PROFILES } from "../helpers/fixture.ts";
import { jsonResponse, runInProcess, testContext } from "../helpers/context.ts";
import { DENO_DIR, MAIN, runSoracom, writeProfile } from "../helpers/run.ts";
import { runInPty } from "../helpers/pty.ts";
import { runCli } from "../../src/cli/app.ts";
import { VERSION } from "../../src/version.ts";
import { authKey } from "../helpers/accounts.ts";
import { testWhere } from "../helpers/platform.ts";

/** In process, with a home that does not exist. */
const inProcess = (args: readonly string[], env: Record<string, string> = {}) =>
  runInProcess(args, { env: { HOME: "/nonexistent", ...env } });

Deno.test("--version and version print soracom-cli's line, from any command", async () => {
  for (
    const args of [["--version"], ["version"], ["subscribers", "list", "--version"], [
      "configure",
      "--version",
    ]]
  ) {
    const r = await inProcess(args);
    assert.deepEqual(
      [r.code, r.stdout, r.stderr],
      [0, `SORACOM API client v${VERSION}\n`, ""],
      args.join(" "),
    );
  }
});

Deno.test("--help works on the root, groups, API commands and hand-written commands; help WORDS too", async () => {
  const root = await inProcess(["--help"]);
  assert.equal(root.code, 0);
  for (const word of ["subscribers", "configure", "logout", "sora-cam", "version"]) {
    assert.ok(root.stdout.includes(word));
  }
  const group = await inProcess(["sora-cam", "devices", "--help"]);
  assert.match(group.stdout, /atom-cam/);
  const leaf = await inProcess(["subscribers", "get", "--help"]);
  assert.match(leaf.stdout, /GET \/v1\/subscribers\/\{imsi\}/);
  assert.match(leaf.stdout, /--imsi/);
  const viaHelp = await inProcess(["help", "subscribers", "get"]);
  assert.deepEqual(viaHelp.stdout, leaf.stdout);
  const configure = await inProcess(["configure", "--help"]);
  assert.match(configure.stdout, /--auth-key-id/);
  assert.match(configure.stdout, /--overwrite/);
  // A group without a subcommand prints its help and succeeds, as in soracom-cli.
  const bare = await inProcess(["subscribers"]);
  assert.equal(bare.code, 0);
  assert.match(bare.stdout, /update-speed-class/);
});

testWhere(
  ["setsid", "/bin/sh"],
  "a command's own flag shadows the global flag of the same name (operator add-coverage-type --coverage-type)",
  async () => {
    await using t = await emulatorFixture();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    t.api.stub("POST", `/v1/operators/${authKey.operatorId}/coverage_type/g`, {
      status: 200,
      body: "{}",
    });
    const r = await runSoracom(["operator", "add-coverage-type", "--coverage-type", "g"], {
      env: t.env,
    });
    assert.equal(r.code, 0, r.stderr);
    assert.equal(t.api.log.at(-1)!.path, `/v1/operators/${authKey.operatorId}/coverage_type/g`);
  },
);

/**
 * Runs `args` in process with no profile, against a fake API that answers `[]`;
 * gives what `describe` said of each request.
 */
async function requestsOf(args: string[], describe: (req: Request) => string) {
  const seen: string[] = [];
  const t = testContext({
    env: { HOME: "/nonexistent", SORACOM_PROFILE_DIR: "/nonexistent" },
    fetch: (req) => {
      seen.push(describe(req));
      return Promise.resolve(jsonResponse("[]"));
    },
  });
  const code = await runCli(args, t.ctx);
  return { code, seen, stderr: t.stderr() };
}

Deno.test("--coverage-type picks the endpoint when SORACOM_ENDPOINT is not set", async () => {
  const { code, seen, stderr } = await requestsOf([
    "soralets",
    "list",
    "--coverage-type",
    "g",
    "--api-key",
    "k",
    "--api-token",
    "t",
  ], (req) => req.url);
  assert.equal(code, 0, stderr);
  assert.deepEqual(seen, ["https://g.api.soracom.io/v1/soralets"]);
});

testWhere(
  ["setsid", "script", "/bin/sh"],
  "--fetch-all shows progress on a terminal (stderr) and never on a pipe",
  async () => {
    await using t = await emulatorFixture({ sims: 9 });
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const piped = await runSoracom(["subscribers", "list", "--fetch-all", "--limit", "3"], {
      env: t.env,
    });
    assert.equal(piped.stderr, "");
    // In a terminal, with stdout sent to a file: progress on the terminal, clean JSON in the file.
    const out = `${t.dir}/out.json`;
    const child = await new Deno.Command("script", {
      args: [
        "-qec",
        `"${Deno.execPath()}" run -A --quiet "${MAIN}" subscribers list --fetch-all --limit 3 > "${out}"`,
        "/dev/null",
      ],
      env: { ...t.env, DENO_DIR },
      stdin: "null",
      stdout: "piped",
      stderr: "null",
    }).output();
    const terminal = new TextDecoder().decode(child.stdout);
    assert.equal(child.code, 0, terminal);
    assert.match(terminal, /fetched 3 pages, 9 items/);
    const file = await Deno.readTextFile(out);
    assert.equal(JSON.parse(file).length, 9);
    assert.doesNotMatch(file, /fetched/);
  },
);

testWhere(
  ["script", "/bin/sh"],
  "a profileCommand gets the user's terminal, so a password manager can ask for a password",
  async () => {
    await using t = await emulatorFixture();
    const script = `${t.dir}/pm.sh`;
    await Deno.writeTextFile(
      script,
      `#!/bin/sh\nprintf 'Master password: ' >&2\nread answer\n[ "$answer" = "open sesame" ] || exit 9\nprintf '{"authKeyId":"${authKey.authKeyId}","authKey":"${authKey.authKey}"}'\n`,
      { mode: 0o755 },
    );
    await writeProfile(t.profiles, "default", { profileCommand: script });
    const { code, screen } = await runInPty(
      ["soralets", "list"],
      { ...t.env, PATH: "/usr/bin:/bin" },
      [["Master password: ", "open sesame"]],
    );
    assert.equal(code, 0, screen);
    assert.match(screen, /"soraletId"/);
    assert.ok(!screen.includes(authKey.authKey));
  },
);

testWhere(
  ["/bin/sh", "bash"],
  "a closed output pipe (soracom ... | head) ends quietly with 141, like SIGPIPE",
  async () => {
    await using t = await emulatorFixture({ sims: 3000 });
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    const out = await new Deno.Command("bash", {
      args: [
        "-c",
        `"${Deno.execPath()}" run -A --quiet "${MAIN}" subscribers list --fetch-all | head -c 100 >/dev/null; echo "status=\${PIPESTATUS[0]}"`,
      ],
      env: { ...t.env, DENO_DIR },
      stdout: "piped",
      stderr: "piped",
    }).output();
    assert.equal(new TextDecoder().decode(out.stdout).trim(), "status=141");
    assert.equal(new TextDecoder().decode(out.stderr), "");
  },
);

Deno.test("stdout writes each text's UTF-8 exactly, large or small, one after another", async () => {
  // Shrinking, growing, multi-byte, a lone surrogate (written as U+FFFD), and one
  // past the reused buffer's limit: no byte of an earlier write may show through.
  const texts =
    `["x".repeat(5000), "日本語\\u{1F600}", "\\ud800z", "", "é".repeat(3), "a".repeat(1_100_000), "end"]`;
  const script = `import { realContext } from ${
    JSON.stringify(new URL("../../src/system/real.ts", import.meta.url).href)
  };
const out = realContext().stdout;
for (const t of ${texts}) out.write(t);`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { DENO_DIR },
    stdout: "piped",
    stderr: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(out.stderr), "");
  const expected = (new Function(`return ${texts}`)() as string[]).join("");
  assert.deepEqual(out.stdout, new TextEncoder().encode(expected));
});

testWhere(
  ["setsid", "/bin/sh"],
  "a command's own --version flag is a parameter, not the version (soralets delete-version --version 1)",
  async () => {
    await using t = await emulatorFixture();
    await writeProfile(t.profiles, "default", PROFILES.authKey);
    t.api.stub("DELETE", "/v1/soralets/echo/versions/1", { status: 204 });
    const r = await runSoracom([
      "soralets",
      "delete-version",
      "--soralet-id",
      "echo",
      "--version",
      "1",
    ], { env: t.env });
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, "", ""]);
    assert.equal(t.api.count("DELETE", "/v1/soralets/echo/versions/1"), 1);
  },
);

Deno.test("a repeated flag: the last one wins, as with pflag (aliases that set a default --profile)", async () => {
  const { code, seen, stderr } = await requestsOf([
    "--coverage-type",
    "jp",
    "--api-key",
    "k",
    "--api-token",
    "FIRST-SECRET",
    "soralets",
    "list",
    "--api-token",
    "second",
    "--coverage-type",
    "g",
  ], (req) => `${req.url} ${req.headers.get("x-soracom-token")}`);
  assert.equal(code, 0, stderr);
  assert.deepEqual(seen, ["https://g.api.soracom.io/v1/soralets second"]);
});

Deno.test("unexpected arguments are listed without the values of flags (no secret can slip in)", async () => {
  for (
    const [args, listed] of [
      [
        ["--api-key", "k", "--api-token", "SECRET-TOKEN", "soralets", "list", "oops"],
        "argument: oops ('soracom soralets list'",
      ],
      [
        ["--profile-command", "op read SECRET", "subscribers", "get", "--imsi", "1", "x", "y"],
        "arguments: x y ('soracom subscribers get'",
      ],
      [
        ["subscribers", "get", "--", "--imsi", "1"],
        "arguments: --imsi 1 ('soracom subscribers get'",
      ],
    ] as const
  ) {
    const r = await inProcess([...args]);
    assert.equal(r.code, 2);
    assert.ok(r.stderr.startsWith(`Error: unexpected ${listed} takes only flags;`), r.stderr);
  }
});

Deno.test("a profile named like a hand-written command is still a profile (--profile completion soralets list)", async () => {
  const r = await inProcess(["--profile", "completion", "soralets", "list"], {
    SORACOM_PROFILE_DIR: "/nonexistent",
  });
  assert.equal(r.code, 3);
  assert.match(r.stderr, /there is no \/nonexistent\/completion\.json/);
});

Deno.test("a flag value may start with '-', as with pflag (--password --x, --tag-name -x, --limit -h)", async () => {
  const seen: Request[] = [];
  const t = testContext({
    env: {
      HOME: "/nonexistent",
      SORACOM_PROFILE_DIR: "/nonexistent",
      SORACOM_ENDPOINT: "http://127.0.0.1:1",
    },
    fetch: (req) => {
      seen.push(req);
      return Promise.resolve(new Response(`{"apiKey":"a","token":"t","operatorId":"OP1"}`));
    },
  });
  assert.equal(
    await runCli(["auth", "--email", "a@b", "--password", "--hunter2"], t.ctx),
    0,
    t.stderr(),
  );
  assert.deepEqual(await seen[0].json(), { email: "a@b", password: "--hunter2" });
  assert.equal(
    await runCli(
      ["subscribers", "list", "--tag-name", "-x", "--api-key", "k", "--api-token", "t"],
      t.ctx,
    ),
    0,
    t.stderr(),
  );
  assert.equal(new URL(seen[1].url).searchParams.get("tag_name"), "-x");
  const r = await inProcess(["subscribers", "list", "--limit", "-h"]);
  assert.equal(r.stderr, `Error: invalid argument "-h" for "--limit": not an integer\n`);
  assert.doesNotMatch(t.stderr(), /hunter2/);
});

Deno.test("an inherited property name is not a flag (--constructor)", async () => {
  const r = await inProcess(["subscribers", "list", "--constructor", "x"]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /unknown flag: --constructor/);
});

Deno.test("an unexpected error is still one line when reading SORACOM_VERBOSE fails too", async () => {
  const t = testContext({
    env: { HOME: "/nonexistent", SORACOM_ENDPOINT: "http://127.0.0.1:1" },
    fetch: () => Promise.resolve(jsonResponse(`[1]`)),
  });
  // Once the output has failed, reading SORACOM_VERBOSE (to word that failure) fails too.
  let failed = false;
  const ctx = {
    ...t.ctx,
    env: (name: string) => {
      if (failed && name === "SORACOM_VERBOSE") throw new Deno.errors.NotCapable("no env access");
      return t.ctx.env(name);
    },
    stdout: {
      write() {
        failed = true;
        throw new Error("disk full");
      },
      isTerminal: () => false,
    },
  };
  const code = await runCli(
    ["soralets", "list", "--api-key", "k", "--api-token", "t", "--no-retry-on-error"],
    ctx,
  );
  assert.equal(code, 70);
  assert.equal(
    t.stderr(),
    "Error: unexpected error: disk full (rerun with SORACOM_VERBOSE=1 for details)\n",
  );
});

Deno.test("help is our page whatever else the line holds, in the reader's language", async () => {
  const ja = { LANG: "ja_JP.UTF-8" };
  const page = await inProcess(["sims", "get", "--help"], ja);
  assert.equal(page.code, 0);
  assert.match(page.stdout, /フラグ:/);
  for (
    const args of [
      ["sims", "get", "foo", "--help"],
      ["sims", "get", "--bogus", "-h"],
      ["help", "sims", "get", "--limit", "x"],
      ["help", "sims", "get", "--version"],
    ]
  ) {
    const r = await inProcess(args, ja);
    assert.deepEqual([r.code, r.stdout, r.stderr], [0, page.stdout, ""], args.join(" "));
  }
  const hand = await inProcess(["configure", "extra", "--help"], ja);
  assert.deepEqual(hand.stdout, (await inProcess(["configure", "--help"], ja)).stdout);
});

Deno.test("every usage error is ours, in both languages, for API and hand-written commands alike", async () => {
  const cases: [string[], string, string][] = [
    [
      ["configure", "get", "--profile"],
      "flag needs an argument: --profile",
      "--profile には値が必要です",
    ],
    [
      ["subscribers", "list", "--profile"],
      "flag needs an argument: --profile",
      "--profile には値が必要です",
    ],
    [
      ["unconfigure", "--yes=maybe"],
      `invalid argument "maybe" for "--yes": not true or false`,
      `"--yes" の値 "maybe" は true でも false でもありません`,
    ],
    [
      ["configure", "get", "--prfile", "x"],
      "unknown flag: --prfile (did you mean --profile?)",
      "不明なフラグです: --prfile（--profile のことですか？）",
    ],
    [
      ["configure", "get", "extra"],
      "unexpected argument: extra ('soracom configure get' takes only flags; see 'soracom configure get --help')",
      "余分な引数です: extra（'soracom configure get' はフラグだけを受け取ります。'soracom configure get --help' を参照）",
    ],
    [
      ["auth", "statu"],
      `unknown command "statu" for "soracom auth" (did you mean "status"?); run 'soracom auth --help' for usage`,
      `"soracom auth" に "statu" というコマンドはありません（"status" のことですか？）。使い方は 'soracom auth --help' で確認できます`,
    ],
    [
      ["completion", "tcsh"],
      `unknown command "tcsh" for "soracom completion"; its commands: bash, fish, zsh`,
      `"soracom completion" に "tcsh" というコマンドはありません。使えるコマンド: bash、fish、zsh`,
    ],
    [
      ["subscribers", "lst"],
      `unknown command "lst" for "soracom subscribers" (did you mean "list"?); run 'soracom subscribers --help' for usage`,
      `"soracom subscribers" に "lst" というコマンドはありません（"list" のことですか？）。使い方は 'soracom subscribers --help' で確認できます`,
    ],
  ];
  for (const [args, en, ja] of cases) {
    const r = await inProcess(args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [2, "", `Error: ${en}\n`], args.join(" "));
    const j = await inProcess(args, { LANG: "ja_JP.UTF-8" });
    assert.deepEqual([j.code, j.stderr], [2, `Error: ${ja}\n`], args.join(" "));
  }
});
