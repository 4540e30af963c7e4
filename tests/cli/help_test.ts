/**
 * Help text, checked against the official API definition for every command:
 * `soracom NAME --help` shows the usage, `METHOD /v1/path`, every flag with its
 * type, default, enum values and "required", the API reference link (the
 * Japanese page under a Japanese locale) and a deprecation notice. The root
 * help lists the API groups and the hand-written commands, and every group's
 * help lists its subcommands.
 *
 * Runs in process (`runCli`). Needs `-A` (reads ../shared/soracom-api).
 *
 * @module
 */

import assert from "node:assert/strict";
import { HAND_WRITTEN } from "../../src/cli/commands/registry.ts";
import { runInProcess } from "../helpers/context.ts";
import {
  loadSpecs,
  type SpecCommand,
  specCommands,
  type SpecFlag,
  specFlags,
  specsPresent,
} from "../helpers/api_spec.ts";

const API_GROUP_COUNT = 46;
const COMMAND_COUNT = 500;

/** The root page's sections of commands. */
const ROOT_SECTIONS = [
  "SIMs and networks",
  "Devices",
  "Data and logs",
  "Account and access",
  "Billing and orders",
  "Set-up and tools",
];

/** Hand-written commands that replace a generated one: their help is their own. */
const REPLACED = new Set(Object.keys(HAND_WRITTEN));

/** The lines of section `title` (up to the next blank line). */
function sectionLines(text: string, title: string): string[] {
  const start = text.indexOf(`\n${title}:\n`);
  if (start < 0) return [];
  const lines: string[] = [];
  for (const line of text.slice(start + title.length + 3).split("\n")) {
    if (line.trim() === "") break;
    lines.push(line);
  }
  return lines;
}

/**
 * The "Flags:" section as flag name -> what is shown for it: `TYPE` after the
 * name (none for a switch), then its text with continuation lines joined.
 */
function flagLines(text: string): Map<string, string> {
  const flags = new Map<string, string>();
  let current: string | undefined;
  for (const line of sectionLines(text, "Flags")) {
    const m = /^ {2}--([a-z0-9-]+)(.*)$/.exec(line);
    if (m) {
      current = m[1];
      flags.set(current, m[2].trim().replace(/\s+/g, " "));
    } else if (current !== undefined) {
      flags.set(current, `${flags.get(current)} ${line.trim()}`.trim());
    }
  }
  return flags;
}

/** The command words listed in `titles` sections (the root's categories, a group's commands). */
function commandWords(text: string, titles: readonly string[] = ["Commands"]): string[] {
  return titles.flatMap((t) => sectionLines(text, t)).flatMap((line) => {
    const m = /^ {2}(\S+)/.exec(line);
    return m ? [m[1]] : [];
  });
}

/** What the flag's line starts with after its name: its type word (none for a switch). */
const TYPE_WORD: Readonly<Record<SpecFlag["type"], RegExp>> = {
  string: /^string\b/,
  integer: /^int\b/,
  number: /^number\b/,
  boolean: /^(?!string|int|number|strings)\S/,
  array: /^strings\b/,
};

/** The notes in brackets at the end of a flag's text: "required", "default: X", "one of: ...". */
function notesOf(description: string): string[] {
  const m = /\(([^()]*)\)$/.exec(description);
  return m ? m[1].split("; ") : [];
}

function checkFlag(f: SpecFlag, description: string | undefined): void {
  const at = `--${f.flag}`;
  assert.ok(description !== undefined, `${at} is not in the help`);
  assert.ok(
    TYPE_WORD[f.type].test(description),
    `${at}: type ${f.type} not shown in "${description}"`,
  );
  const notes = notesOf(description);
  if (f.default !== undefined) {
    assert.ok(notes.includes(`default: ${f.default}`), `${at}: default in "${description}"`);
  } else {
    assert.ok(!notes.some((n) => n.startsWith("default:")), `${at}: no default`);
  }
  for (const value of f.enum ?? []) assert.ok(description.includes(value), `${at}: enum value`);
  // The operator ID is filled from the API token, so it is never required of the user.
  const required = f.required && f.name !== "operator_id" && f.name !== "operatorId";
  assert.deepEqual(notes.includes("required"), required, `${at}: "required" in "${description}"`);
}

function referenceLink(command: SpecCommand, lang: "en" | "ja"): string {
  return lang === "ja"
    ? `https://users.soracom.io/ja-jp/tools/api/reference/#/${command.tag}/${command.operationId}`
    : `https://developers.soracom.io/en/api/#!/${command.tag}/${command.operationId}`;
}

async function checkCommand(command: SpecCommand): Promise<void> {
  const { code, stdout, stderr } = await runInProcess([...command.name.split(" "), "--help"]);
  assert.equal(code, 0, "exit code");
  assert.equal(stderr, "", "stderr");
  assert.match(stdout, /\nUsage:\n/, "usage");
  assert.ok(stdout.includes(`\n  soracom ${command.name} `), "usage line");
  assert.ok(stdout.includes(`${command.method} /v1${command.path}\n`), "method and path");
  const shown = flagLines(stdout);
  for (const f of specFlags(command)) checkFlag(f, shown.get(f.flag));
  assert.deepEqual(shown.has("body"), command.body !== undefined, "--body");
  assert.deepEqual(shown.has("fetch-all"), command.paginated, "--fetch-all");
  assert.deepEqual(/deprecated/i.test(stdout), command.deprecated, "deprecation notice");
  if (command.alternative) assert.ok(stdout.includes(`soracom ${command.alternative}`));
  assert.ok(
    new RegExp(
      `\\nAPI reference: +${
        referenceLink(command, "en").replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
      }\\n`,
    )
      .test(stdout),
    "link",
  );

  const ja = await runInProcess([...command.name.split(" "), "--help"], {
    env: { LANG: "ja_JP.UTF-8" },
  });
  assert.equal(ja.code, 0, "exit code (ja)");
  assert.ok(ja.stdout.includes(referenceLink(command, "ja")), "Japanese link");
  assert.ok(!ja.stdout.includes(referenceLink(command, "en")), "no English link under ja");
}

const present = specsPresent();

Deno.test({
  name: present
    ? `help: each of the ${COMMAND_COUNT} commands documents its call, flags and API reference`
    : "help: per-command help (IGNORED: ../shared/soracom-api/*.en.yaml not found)",
  ignore: !present,
  async fn(t) {
    const commands = specCommands(await loadSpecs());
    assert.deepEqual(commands.size, COMMAND_COUNT, "command names in the definitions");
    for (const command of commands.values()) {
      await t.step(command.name, () => checkCommand(command));
    }
  },
});

Deno.test({
  name: present
    ? `help: the root lists the ${API_GROUP_COUNT} API groups and the hand-written commands`
    : "help: root and group help (IGNORED: ../shared/soracom-api/*.en.yaml not found)",
  ignore: !present,
  async fn(t) {
    const names = [...specCommands(await loadSpecs()).keys()];
    const groups = new Set(names.map((n) => n.split(" ")[0]));
    assert.deepEqual(groups.size, API_GROUP_COUNT, "API groups in the definitions");
    for (const argv of [["--help"], ["help"], []]) {
      const { code, stdout } = await runInProcess(argv);
      assert.equal(code, 0, `soracom ${argv.join(" ")}: exit code`);
      const listed = new Set(commandWords(stdout, ROOT_SECTIONS));
      for (const group of groups) assert.ok(listed.has(group), `group "${group}" not listed`);
      for (const name of REPLACED) {
        const word = name.split(" ")[0];
        assert.ok(listed.has(word), `hand-written "${word}" not listed`);
      }
    }

    // Every group (any prefix of a command name that has children) lists its children.
    const children = new Map<string, Set<string>>();
    for (const name of names) {
      const words = name.split(" ");
      for (let i = 1; i < words.length; i++) {
        const group = words.slice(0, i).join(" ");
        if (!children.has(group)) children.set(group, new Set());
        children.get(group)!.add(words[i]);
      }
    }
    for (const [group, expected] of children) {
      // A path that is also a command (`auth`, `query subscribers`) shows the command's help.
      if (names.includes(group)) continue;
      await t.step(`${group} --help`, async () => {
        const { code, stdout } = await runInProcess([...group.split(" "), "--help"]);
        assert.equal(code, 0, "exit code");
        const listed = new Set(commandWords(stdout));
        for (const child of expected) assert.ok(listed.has(child), `"${child}" not listed`);
      });
    }
  },
});

Deno.test("help: a word that names no command and matches none is an error that names it, with no stack trace", async () => {
  const { code, stdout, stderr } = await runInProcess(["no-such-group", "--help"]);
  assert.ok(code !== 0, "a non-zero exit");
  assert.equal(stdout, "");
  assert.match(stderr, /Error: no command matches "no-such-group"/);
  assert.equal(stderr.trim().split("\n").length, 1, "one line");
  // Without help asked for, it is an unknown command.
  const run = await runInProcess(["no-such-group"]);
  assert.match(run.stderr, /Error: unknown command "no-such-group"/);
});

Deno.test("--output's help lists the formats of the registry, in both languages", async () => {
  const { OUTPUT_FORMATS } = await import("../../src/output/formats.ts");
  for (
    const [lang, list] of [["en", OUTPUT_FORMATS.join(", ")], ["ja", OUTPUT_FORMATS.join("、")]]
  ) {
    for (const args of [["subscribers", "list", "--help"], ["api", "--help"]]) {
      const r = await runInProcess(args, {
        env: lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {},
        terminalWidth: 200,
      });
      const line = r.stdout.split("\n").find((l) => l.trimStart().startsWith("--output"));
      assert.ok(line?.includes(list), `${lang} ${args.join(" ")}: ${line}`);
    }
  }
});

Deno.test("an API command and `api` name --output's and --dry-run's values alike, in both languages", async () => {
  for (const lang of ["en", "ja"]) {
    const env: Record<string, string> = lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {};
    const format = lang === "ja" ? "形式" : "format";
    for (const args of [["subscribers", "list", "--help"], ["api", "--help"]]) {
      const r = await runInProcess(args, { env, terminalWidth: 200 });
      const lines = r.stdout.split("\n").map((l) => l.trimStart());
      const where = `${lang} ${args.join(" ")}`;
      assert.ok(lines.some((l) => l.startsWith(`--output ${format} `)), where);
      assert.ok(lines.some((l) => /^--dry-run\[=curl\] {2}/.test(l)), where);
      assert.ok(!lines.some((l) => /^--(output|dry-run) (string|文字列)/.test(l)), where);
    }
  }
});
