/**
 * Shell completion: the hidden `soracom __complete` protocol (in-process),
 * the `completion` commands (as a user runs them), and the bash, zsh and fish
 * scripts loaded in the real shells, calling back into `main.ts` through a
 * `soracom` wrapper on PATH.
 *
 * Needs bash, zsh and fish on PATH (`.ci/run` installs them).
 *
 * @module
 */

import assert from "node:assert/strict";
import { runCli } from "../../src/cli/app.ts";
import { completionScript } from "../../src/cli/commands/completion_scripts.ts";
import { runInProcess, testContext } from "../helpers/context.ts";
import { MAIN, tempDir, writeProfile } from "../helpers/run.ts";
import { testWhere } from "../helpers/platform.ts";

/** Runs `soracom __complete ARGS` in-process; returns the printed lines. */
/** `subscribers list`'s summary in our help text (src/catalog/text), in both languages. */
const LIST_SUMMARY = ((await import("../../src/catalog/help/subscribers.json", {
  with: { type: "json" },
})).default as { operations: Record<string, { summary: { en: string; ja: string } }> })
  .operations.listSubscribers.summary;

async function completeLines(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  const t = testContext({ env });
  const code = await runCli(["__complete", ...args], t.ctx);
  assert.equal(code, 0, `exit code (stderr: ${t.stderr()})`);
  assert.equal(t.stderr(), "");
  return t.stdout().split("\n").filter((l) => l !== "");
}

/** The candidate values (without descriptions) for `args`. */
async function values(args: string[], env: Record<string, string> = {}): Promise<string[]> {
  return (await completeLines(args, env)).map((l) => l.split("\t")[0]);
}

function assertHas(list: readonly string[], wanted: readonly string[], what: string): void {
  for (const w of wanted) {
    assert.ok(list.includes(w), `${what}: ${w} missing from ${list.join(" ")}`);
  }
}

const GLOBALS = ["--profile", "--coverage-type", "--api-key", "--raw-output", "--no-session-cache"];

Deno.test("__complete: top-level groups, hand-written commands and help", async () => {
  const top = await values([""]);
  assertHas(top, ["sims", "subscribers", "sora-cam", "soralets", "query"], "API groups");
  assertHas(
    top,
    ["configure", "unconfigure", "logout", "auth", "completion", "version", "help"],
    "commands",
  );
  assert.ok(!top.includes("__complete"), "__complete is hidden");
  assert.deepEqual(top, [...top].sort(), "sorted");
  assert.deepEqual(new Set(top).size, top.length, "no duplicates");
  assert.deepEqual(await values(["su"]), ["subscribers"]);
  assert.deepEqual(await values(["co"]), top.filter((w) => w.startsWith("co")));
  assertHas(await values(["co"]), ["configure", "completion", "coupons"], "co");
});

Deno.test("__complete: subcommands, with descriptions, at 2 and 3+ words", async () => {
  // The help pages' summaries, in the user's language, not the route.
  assert.deepEqual(await completeLines(["subscribers", "li"]), [`list\t${LIST_SUMMARY.en}`]);
  assert.deepEqual(await completeLines(["subscribers", "li"], { LANG: "ja_JP.UTF-8" }), [
    `list\t${LIST_SUMMARY.ja}`,
  ]);
  assertHas(await values(["sora-cam", "devices", ""]), ["list", "get", "atom-cam"], "sora-cam");
  assert.deepEqual(await values(["sora-cam", "devices", "atom-cam", "settings", "get-mo"]), [
    "get-motion",
    "get-motion-sensitivity",
    "get-motion-tagging",
  ]);
  assert.deepEqual(await values(["completion", ""]), ["bash", "fish", "zsh"]);
  assert.deepEqual(await values(["configure", ""]), ["get"]);
  assert.deepEqual(await values(["help", "subscr"]), ["subscribers"], "help takes command words");
});

Deno.test("__complete: a leaf's own flags and the global flags", async () => {
  assert.deepEqual(await values(["subscribers", "get", "--im"]), ["--imsi"]);
  const all = await values(["subscribers", "get", "--"]);
  assertHas(all, ["--imsi", "--help", ...GLOBALS], "subscribers get");
  assert.ok(!all.includes("--version"), "--version is offered at the root only");
  assertHas(await values(["subscribers", "list", "--"]), ["--limit", "--fetch-all", "--jsonl"], "");
  // A group has only the global flags (they may come before the command words).
  const group = await values(["subscribers", "--"]);
  assertHas(group, GLOBALS, "group");
  assert.ok(!group.includes("--imsi"), "no leaf flags on a group");
  assertHas(await values(["--"]), [...GLOBALS, "--help", "--version"], "root");
  // A flag given once is not offered again.
  assert.deepEqual(await values(["subscribers", "get", "--imsi", "1", "--im"]), []);
});

Deno.test("__complete: flags are described as their help says, in the reader's language", async () => {
  const texts = (await import("../../src/catalog/help/_root.json", { with: { type: "json" } }))
    .default as {
      globalFlags: Record<"en" | "ja", Record<string, string>>;
      handWritten: Record<"en" | "ja", Record<string, string>>;
      groups: Record<"en" | "ja", Record<string, { summary: string }>>;
      handWrittenFlags: Record<"en" | "ja", Record<string, Record<string, string>>>;
    };
  const limit = ((await import("../../src/catalog/help/subscribers.json", {
    with: { type: "json" },
  })).default as {
    operations: Record<string, { params: Record<string, { en: string; ja: string }> }>;
  }).operations.listSubscribers.params.limit;
  for (const [lang, env] of [["en", {}], ["ja", { LANG: "ja_JP.UTF-8" }]] as const) {
    assert.deepEqual(await completeLines(["subscribers", "list", "--lim"], env), [
      `--limit\t${limit[lang]}`,
    ]);
    assert.deepEqual(await completeLines(["configure", "--overw"], env), [
      `--overwrite\t${texts.handWrittenFlags[lang].configure.overwrite}`,
    ]);
    assert.deepEqual(await completeLines(["--he"], env), [
      `--help\t${texts.globalFlags[lang].help}`,
    ]);
    assert.deepEqual(await completeLines(["--profile-c"], env), [
      `--profile-command\t${texts.globalFlags[lang]["profile-command"]}`,
    ]);
    // A top-level command is described as the root page lists it.
    assert.deepEqual(await completeLines(["hel"], env), [
      `help\t${texts.groups[lang].help.summary}`,
    ]);
  }
});

Deno.test("__complete: hand-written commands' flags come from their modules", async () => {
  assertHas(
    await values(["configure", "--"]),
    ["--auth-key-id", "--overwrite", "--endpoint", "--mfa-otp-command", ...GLOBALS],
    "configure",
  );
  assert.deepEqual(await values(["unconfigure", "--y"]), ["--yes"]);
  // (`--al` also finds the global --allow-insecure-endpoint.)
  assert.deepEqual(await values(["logout", "--al"]), ["--all", "--allow-insecure-endpoint"]);
  assert.deepEqual(await values(["logout", "--loc"]), ["--local"]);
  assertHas(await values(["auth", "--"]), ["--email", "--password", ...GLOBALS], "auth");
});

Deno.test("__complete: enum values of global and API flags", async () => {
  assert.deepEqual(await values(["--coverage-type", ""]), ["jp", "g"]);
  assert.deepEqual(await values(["sims", "list", "--coverage-type", "j"]), ["jp"]);
  assert.deepEqual(await values(["sims", "list", "--coverage-type=j"]), ["--coverage-type=jp"]);
  assert.deepEqual(await values(["subscribers", "list", "--tag-value-match-mode", ""]), [
    "exact",
    "prefix",
  ]);
  assertHas(
    await values(["subscribers", "update-speed-class", "--speed-class", "s1."]),
    ["s1.minimum", "s1.4xfast"],
    "speed classes",
  );
  const actions = await values(["subscribers", "set-expiry-time", "--expiry-action", ""]);
  assertHas(actions, ["doNothing", "terminate"], "expiry actions");
  assert.ok(!actions.includes("(null value)"), "a value that needs shell quoting is not offered");
  assert.deepEqual(await values(["sims", "list", "--raw-output="]), [
    "--raw-output=false",
    "--raw-output=true",
  ]);
  // A free-text flag has no candidates (and no command words either).
  assert.deepEqual(await values(["subscribers", "get", "--imsi", ""]), []);
});

Deno.test("__complete: --profile offers the profile names", async () => {
  const dir = await tempDir();
  try {
    await writeProfile(dir, "prod", {});
    await writeProfile(dir, "dev", {});
    const env = { SORACOM_PROFILE_DIR: dir };
    assert.deepEqual(await values(["--profile", ""], env), ["dev", "prod"]);
    assert.deepEqual(await values(["sims", "list", "--profile", "p"], env), ["prod"]);
    assert.deepEqual(await values(["configure", "--source-profile", ""], env), ["dev", "prod"]);
    // The value after --profile is not a command word.
    assert.deepEqual(await values(["--profile", "sims", "su"], env), ["subscribers"]);
    assert.deepEqual(await values(["--profile", ""], { SORACOM_PROFILE_DIR: `${dir}/none` }), []);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

Deno.test("__complete: nothing after an unknown word, a leaf or --", async () => {
  assert.deepEqual(await values(["subscribers", "nosuch", ""]), []);
  assert.deepEqual(await values(["subscribers", "list", ""]), []);
  assert.deepEqual(await values(["subscribers", "list", "--", "--"]), []);
  assert.deepEqual(await values([]), await values([""]));
});

testWhere(
  ["/bin/sh", "posix-modes", "bash", "zsh", "fish"],
  "completion: prints the scripts; `completion` alone is bash; __complete is hidden",
  async () => {
    const bare = await runInProcess(["completion"]);
    const bash = await runInProcess(["completion", "bash"]);
    const zsh = await runInProcess(["completion", "zsh"]);
    const fish = await runInProcess(["completion", "fish"]);
    for (const r of [bare, bash, zsh, fish]) assert.deepEqual([r.code, r.stderr], [0, ""]);
    assert.deepEqual(bare.stdout, bash.stdout);
    assert.deepEqual([bash.stdout, zsh.stdout, fish.stdout], [
      completionScript("bash"),
      completionScript("zsh"),
      completionScript("fish"),
    ]);
    assert.match(bash.stdout, /complete -F _soracom_complete soracom/);
    assert.ok(zsh.stdout.startsWith("#compdef soracom\n"), "zsh script starts with #compdef");
    assert.match(fish.stdout, /complete -c soracom/);
    for (const r of [bash, zsh, fish]) assert.match(r.stdout, /__complete/);

    const help = await runInProcess(["--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /completion/);
    assert.doesNotMatch(help.stdout, /__complete/);
    const sub = await runInProcess(["completion", "--help"]);
    assert.equal(sub.code, 0);
    for (const shell of ["bash", "zsh", "fish"]) assert.ok(sub.stdout.includes(shell));

    const bad = await runInProcess(["completion", "powershell"]);
    assert.ok(bad.code !== 0, "an unknown shell fails");
    assert.equal(bad.stdout, "");
    assert.ok(/^Error: [^\n]+\n$/.test(bad.stderr), `one error line, got ${bad.stderr}`);
  },
);

/** A folder with a `soracom` wrapper (bin/) and the three scripts. */
interface Setup {
  readonly dir: string;
  readonly env: Record<string, string>;
  readonly script: Record<"bash" | "zsh" | "fish", string>;
}

async function setup(): Promise<Setup> {
  const dir = await tempDir();
  const bin = `${dir}/bin`;
  await Deno.mkdir(bin);
  await Deno.writeTextFile(
    `${bin}/soracom`,
    `#!/bin/sh\nexec "${Deno.execPath()}" run -A --quiet "${MAIN}" "$@"\n`,
    { mode: 0o755 },
  );
  await Deno.chmod(`${bin}/soracom`, 0o755);
  const profiles = `${dir}/profiles`;
  await Deno.mkdir(profiles, { mode: 0o700 });
  await writeProfile(profiles, "sandbox-a", {});
  const script = { bash: "", zsh: "", fish: "" };
  await Deno.mkdir(`${dir}/fpath`);
  for (const shell of ["bash", "zsh", "fish"] as const) {
    // As `soracom completion SHELL` prints it (checked above); zsh's in a folder for $fpath.
    script[shell] = shell === "zsh" ? `${dir}/fpath/_soracom` : `${dir}/soracom.${shell}`;
    await Deno.writeTextFile(script[shell], completionScript(shell));
  }
  const env = {
    PATH: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
    SORACOM_PROFILE_DIR: profiles,
    SORACOM_SESSION_DIR: `${dir}/sessions`,
    NO_COLOR: "1",
  };
  return { dir, env, script };
}

async function shell(program: string, args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(program, {
    args,
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
    // Only a guard against a shell that hangs; no test depends on timing.
    signal: AbortSignal.timeout(120_000),
  }).output();
  const stderr = new TextDecoder().decode(out.stderr);
  assert.equal(out.code, 0, `${program} failed: ${stderr}`);
  return new TextDecoder().decode(out.stdout).split("\n").filter((l) => l !== "");
}

/** COMPREPLY after the bash function runs with COMP_WORDS = words (cursor on the last). */
function bash(s: Setup, words: string[]): Promise<string[]> {
  const code = [
    'source "$1"; shift',
    'COMP_WORDS=("$@"); COMP_CWORD=$((${#COMP_WORDS[@]} - 1))',
    "_soracom_complete",
    'printf "%s\\n" "${COMPREPLY[@]}"',
  ].join("\n");
  return shell(
    "bash",
    ["--norc", "--noprofile", "-c", code, "bash", s.script.bash, ...words],
    s.env,
  );
}

/** What `_soracom` hands to `_describe` (VALUE:DESCRIPTION), with words and CURRENT set. */
function zsh(s: Setup, words: string[]): Promise<string[]> {
  const code = [
    "compdef() { : }",
    'source "$1"; shift',
    '_describe() { print -rl -- "${(@P)${@[-1]}}" }',
    'words=("$@"); CURRENT=$#words',
    "_soracom",
  ].join("\n");
  return shell("zsh", ["-f", "-c", code, "zsh", s.script.zsh, ...words], s.env);
}

/** `complete -C LINE` in fish with the script sourced. */
function fish(s: Setup, line: string): Promise<string[]> {
  const code = "source $argv[1]; complete -C $argv[2]";
  return shell("fish", ["--no-config", "-c", code, s.script.fish, line], s.env);
}

const valueOf = (line: string) => line.split(/(?<!\\):|\t/)[0];

testWhere(
  ["/bin/sh", "posix-modes", "bash"],
  "bash: the script completes commands, flags and values",
  async () => {
    const s = await setup();
    try {
      assertHas(await bash(s, ["soracom", ""]), ["configure", "logout", "sims", "help"], "top");
      assert.deepEqual(await bash(s, ["soracom", "subscribers", "li"]), ["list"]);
      assertHas(await bash(s, ["soracom", "sora-cam", "devices", ""]), ["atom-cam", "list"], "3");
      assert.deepEqual(await bash(s, ["soracom", "subscribers", "get", "--im"]), ["--imsi"]);
      assertHas(await bash(s, ["soracom", "sims", "list", "--"]), GLOBALS, "global flags");
      assert.deepEqual(await bash(s, ["soracom", "--coverage-type", ""]), ["jp", "g"]);
      assert.deepEqual(await bash(s, ["soracom", "logout", "--all"]), [
        "--all",
        "--allow-insecure-endpoint",
      ]);
      assert.deepEqual(await bash(s, ["soracom", "logout", "--loc"]), ["--local"]);
      assert.deepEqual(await bash(s, ["soracom", "--profile", ""]), ["sandbox-a"]);
      // bash splits `--coverage-type=j` at `=`; only the value part is replaced.
      assert.deepEqual(await bash(s, ["soracom", "sims", "list", "--coverage-type", "=", "j"]), [
        "jp",
      ]);
      assert.deepEqual(await bash(s, ["soracom", "sims", "list", "--coverage-type", "="]), [
        "jp",
        "g",
      ]);
      assert.deepEqual(await bash(s, ["soracom", "subscribers", "nosuch", ""]), []);
    } finally {
      await Deno.remove(s.dir, { recursive: true });
    }
  },
);

testWhere(
  ["/bin/sh", "posix-modes", "zsh"],
  "zsh: the script completes commands, flags and values",
  async () => {
    const s = await setup();
    try {
      const top = await zsh(s, ["soracom", ""]);
      assertHas(top.map(valueOf), ["configure", "logout", "sims", "completion"], "top");
      assertHas(
        top,
        ["logout:revoke the session"],
        "",
      );
      assert.deepEqual(await zsh(s, ["soracom", "subscribers", "li"]), [`list:${LIST_SUMMARY.en}`]);
      assertHas(
        (await zsh(s, ["soracom", "sora-cam", "devices", ""])).map(valueOf),
        ["atom-cam", "list"],
        "3 words",
      );
      assert.deepEqual((await zsh(s, ["soracom", "subscribers", "get", "--im"])).map(valueOf), [
        "--imsi",
      ]);
      assertHas((await zsh(s, ["soracom", "sims", "list", "--"])).map(valueOf), GLOBALS, "globals");
      assert.deepEqual(await zsh(s, ["soracom", "--coverage-type", ""]), ["jp", "g"]);
      assert.deepEqual(await zsh(s, ["soracom", "sims", "list", "--coverage-type=g"]), [
        "--coverage-type=g",
      ]);
      // Sourced (not autoloaded), the script registers itself with compdef.
      const sourced = await shell("zsh", [
        "-f",
        "-c",
        'compdef() { print -r -- "compdef $*" }; source "$1"',
        "zsh",
        s.script.zsh,
      ], s.env);
      assert.deepEqual(sourced, ["compdef _soracom soracom"]);
    } finally {
      await Deno.remove(s.dir, { recursive: true });
    }
  },
);

/**
 * Types LINE and TAB into an interactive zsh (in a pseudo-terminal) with
 * compinit and the script autoloaded from $fpath, and returns the edited line.
 */
async function zshInteractive(s: Setup, line: string): Promise<string> {
  const code = [
    "zmodload zsh/zpty",
    "zpty z 'zsh -f -i'",
    `zpty -w z 'PS1="> "; fpath=(${s.dir}/fpath $fpath); autoload -U compinit; compinit -u -D'`,
    // TAB completes; then the line is printed behind a marker the echo cannot match.
    `zpty -w -n z "$1"$'\\t\\C-aprint -r -- RE""SULT:\\n'`,
    "zpty -r z out '*RESULT:*'$'\\n'",
    "print -r -- \"${${out##*RESULT:}%%$'\\r'*}\"",
    "zpty -d z",
  ].join("\n");
  const out = await shell("zsh", ["-f", "-c", code, "zsh", line], s.env);
  return out.join("\n").trim();
}

testWhere(
  ["/bin/sh", "posix-modes", "zsh"],
  "zsh: real compsys completion of a unique candidate",
  async () => {
    const s = await setup();
    try {
      assert.equal(
        await zshInteractive(s, "soracom subscribers get --im"),
        "soracom subscribers get --imsi",
      );
      assert.equal(
        await zshInteractive(s, "soracom sora-cam devices atom-cam settings set-rot"),
        "soracom sora-cam devices atom-cam settings set-rotation",
      );
    } finally {
      await Deno.remove(s.dir, { recursive: true });
    }
  },
);

testWhere(
  ["/bin/sh", "posix-modes", "fish"],
  "fish: the script completes commands, flags and values",
  async () => {
    const s = await setup();
    try {
      const top = await fish(s, "soracom ");
      assertHas(top.map(valueOf), ["configure", "logout", "sims", "completion"], "top");
      assert.deepEqual(await fish(s, "soracom subscribers li"), [`list\t${LIST_SUMMARY.en}`]);
      assertHas(
        (await fish(s, "soracom sora-cam devices ")).map(valueOf),
        ["atom-cam", "list"],
        "3 words",
      );
      assert.deepEqual((await fish(s, "soracom subscribers get --im")).map(valueOf), ["--imsi"]);
      assertHas((await fish(s, "soracom sims list --")).map(valueOf), GLOBALS, "globals");
      assert.deepEqual((await fish(s, "soracom --coverage-type ")).sort(), ["g", "jp"]);
      assert.deepEqual(await fish(s, "soracom sims list --coverage-type=j"), [
        "--coverage-type=jp",
      ]);
      assert.deepEqual(await fish(s, "soracom --profile sand"), ["sandbox-a"]);
    } finally {
      await Deno.remove(s.dir, { recursive: true });
    }
  },
);

Deno.test("__complete: --query, --output and --dry-run on API commands, their values, and api's flags", async () => {
  assert.deepEqual(await values(["subscribers", "list", "--ou"]), ["--output"]);
  assertHas(
    await values(["subscribers", "list", "--"]),
    ["--query", "--output", "--dry-run"],
    "ours",
  );
  assert.deepEqual(await values(["subscribers", "list", "--output", ""]), [
    "json",
    "jsonl",
    "table",
    "yaml",
    "csv",
    "text",
  ]);
  assert.deepEqual(await values(["subscribers", "list", "--output=t"]), [
    "--output=table",
    "--output=text",
  ]);
  assert.deepEqual(await values(["subscribers", "list", "--dry-run="]), [
    "--dry-run=http",
    "--dry-run=curl",
  ]);
  // --dry-run alone takes no value: a command word or flag may follow it.
  assertHas(
    await values(["subscribers", "list", "--dry-run", "--l"]),
    ["--limit"],
    "after --dry-run",
  );
  assertHas(await values(["api", "--"]), [
    "--field",
    "--raw-field",
    "--header",
    "--paginate",
    "--output",
  ], "api");
  assertHas(await values([""]), ["api"], "api is a command");
});
