/**
 * Issue 12: help in our own words, in English and Japanese. The authored text
 * covers every command and parameter in both languages, is never the official
 * definition's text, merges into the committed per-group files, and the three
 * kinds of page read like a manual (snapshots, en and ja).
 *
 * Snapshots: `UPDATE_SNAPSHOTS=1 deno test -A tests/catalog/help_text_test.ts` rewrites them.
 */
import assert from "node:assert/strict";
import { runInProcess } from "../helpers/context.ts";
import { snapshot } from "../helpers/snapshot.ts";
import {
  handWrittenFlagNames,
  readAuthoredText,
  renderHelpFiles,
} from "../../scripts/gen_help_text.ts";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { HAND_WRITTEN } from "../../src/cli/commands/registry.ts";
import { apiCommand } from "../../src/cli/api_run.ts";
import { wrap } from "../../src/output/wrap.ts";
import { parse as parseYaml } from "yaml";

const ROOT = new URL("../../", import.meta.url).pathname;
const SPEC_DIR = `${ROOT}../shared/soracom-api`;

Deno.test("help text: every command and parameter has both languages, and the merged files are fresh", async () => {
  const catalog = await loadCatalog();
  const texts = await readAuthoredText();
  const { files, problems } = renderHelpFiles(catalog, texts, await handWrittenFlagNames(catalog));
  assert.equal(problems.length, 0);
  for (const [path, text] of files) {
    const committed = await Deno.readTextFile(`${ROOT}src/catalog/${path}`);
    assert.ok(committed === text, `src/catalog/${path} is stale: run deno task gen-help-text`);
  }
  // 490 operations (500 command names) plus the hand-written commands.
  assert.deepEqual(Object.keys(texts.en.commands).length, catalog.operations.length);
  assert.equal(catalog.operations.flatMap((op) => op.names).length, 500);
  for (const lang of ["en", "ja"] as const) {
    for (const name of Object.keys(HAND_WRITTEN)) assert.ok(texts[lang].handWritten[name], name);
    const top = new Set([
      ...catalog.operations.flatMap((op) => op.names.map((n) => n.split(" ")[0])),
      ...Object.keys(HAND_WRITTEN).map((n) => n.split(" ")[0]),
    ]);
    for (const word of top) {
      assert.ok(texts[lang].groups[word], `${lang}: no summary for group ${word}`);
    }
  }
  // Japanese is Japanese: no entry left in English.
  for (const [id, ja] of Object.entries(texts.ja.commands)) {
    assert.ok(
      /[\u3040-\u30ff\u4e00-\u9fff]/.test(ja),
      `ja summary of ${id} is not Japanese: ${ja}`,
    );
  }
});

Deno.test("help text: a hand-written command's flag or page without both languages, or for nothing, is refused", async () => {
  const catalog = await loadCatalog();
  const texts = await readAuthoredText();
  const handFlags = await handWrittenFlagNames(catalog);
  const { yes: _, ...unconfigure } = texts.ja.handWrittenFlags.unconfigure;
  const ja = {
    ...texts.ja,
    handWrittenFlags: { ...texts.ja.handWrittenFlags, unconfigure, exec: { nope: "x" } },
    details: { ...texts.ja.details, "no-such": "x" },
  };
  const { problems } = renderHelpFiles(catalog, { ...texts, ja }, handFlags);
  assert.deepEqual(problems, [
    "ja: no text for unconfigure --yes",
    "ja: text for an unknown flag: exec --nope",
    "ja: a page for an unknown command: no-such",
    "ja: a page in one language only: no-such",
  ]);
});

Deno.test("help text: the 25 most used commands have examples, and every example's flags exist", async () => {
  const catalog = await loadCatalog();
  const texts = await readAuthoredText();
  const commands = Object.keys(texts.en.examples);
  assert.ok(commands.length >= 25, `${commands.length} commands with examples`);
  for (
    const name of [
      "subscribers list",
      "subscribers get",
      "subscribers update-speed-class",
      "subscribers set-group",
      "subscribers put-tags",
      "sims list",
      "sims get",
      "groups list",
      "soralets list",
      "auth",
      "configure",
      "logs get",
      "stats air get",
      "files get",
    ]
  ) assert.ok(texts.en.examples[name]?.length, `no example for ${name}`);
  for (const [name, examples] of Object.entries(texts.en.examples)) {
    const op = catalog.operations.find((o) => o.names.includes(name));
    for (const { command } of examples) {
      assert.ok(command.includes(`soracom ${name}`), `${name}: ${command}`);
      if (!op || Object.hasOwn(HAND_WRITTEN, name)) continue;
      const known = apiCommand(op).flags;
      for (const flag of command.match(/ --([a-z0-9-]+)/g) ?? []) {
        const f = flag.slice(3);
        assert.ok(Object.hasOwn(known, f), `${name}: example uses --${f}, which it does not have`);
      }
    }
  }
});

/** Every summary and description in the official definition files, normalised. */
async function officialTexts(): Promise<Set<string>> {
  const out = new Set<string>();
  const visit = (v: unknown) => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v !== null && typeof v === "object") {
      for (const [k, x] of Object.entries(v)) {
        if ((k === "summary" || k === "description") && typeof x === "string") out.add(normal(x));
        else visit(x);
      }
    }
  };
  for await (const entry of Deno.readDir(SPEC_DIR)) {
    if (entry.name.endsWith(".yaml")) {
      visit(parseYaml(await Deno.readTextFile(`${SPEC_DIR}/${entry.name}`)));
    }
  }
  return out;
}

function normal(text: string): string {
  return text.toLowerCase().replace(/\s+/g, " ").replace(/[.。]\s*$/, "").trim();
}

/** Every string in an authored text file. */
function strings(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(strings);
  if (v !== null && typeof v === "object") return Object.values(v).flatMap(strings);
  return [];
}

const specs = await Deno.stat(SPEC_DIR).then(() => true, () => false);

Deno.test({
  name: specs
    ? "help text: no text is the official API definition's own"
    : "help text: not copied (IGNORED: ../shared/soracom-api not found)",
  ignore: !specs,
  async fn() {
    const official = await officialTexts();
    assert.ok(official.size > 1000, `${official.size} official texts read`);
    const all = [...official];
    const texts = await readAuthoredText();
    for (const lang of ["en", "ja"] as const) {
      for (const text of strings(texts[lang])) {
        const ours = normal(text);
        if (ours.length < 12) continue; // a word or a name: "SIM ID", "VPG ID"
        assert.ok(!official.has(ours), `${lang}: the official text, copied: "${text}"`);
        if (ours.length >= 40) {
          assert.ok(
            !all.some((o) => o.includes(ours)),
            `${lang}: part of an official text: "${text}"`,
          );
        }
      }
    }
  },
});

for (
  const [name, args] of [["root", ["--help"]], ["subscribers", ["subscribers", "--help"]], [
    "subscribers-list",
    ["subscribers", "list", "--help"],
  ]] as const
) {
  for (const lang of ["en", "ja"] as const) {
    // 80 columns: the width off a terminal; 40: the narrowest page.
    for (const width of [80, 40]) {
      Deno.test(`help snapshot: soracom ${args.join(" ")} (${lang}, ${width} columns)`, async () => {
        const env: Record<string, string> = lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {};
        const r = await runInProcess(args, {
          env,
          terminalWidth: width === 80 ? undefined : width,
        });
        assert.equal(r.code, 0, r.stderr);
        assert.equal(r.stderr, "");
        await snapshot(`${name}.${lang}${width === 80 ? "" : `.${width}`}`, r.stdout);
      });
    }
  }
}

Deno.test("help: 80 columns off a terminal, the terminal's width on one; never an escape", async () => {
  const lines = (s: string) => s.split("\n");
  const plain = await runInProcess(["subscribers", "list", "--help"]);
  // Routes and links are never wrapped; everything else fits.
  const wide = (l: string) => !/^(Route|API reference| {2}soracom )/.test(l) && !l.includes("://");
  for (const l of lines(plain.stdout).filter(wide)) {
    assert.ok(l.length <= 80, `over 80 columns: "${l}"`);
  }
  const narrow = await runInProcess(["subscribers", "list", "--help"], { terminalWidth: 60 });
  for (const l of lines(narrow.stdout).filter(wide)) assert.ok(l.length <= 60, `over 60: "${l}"`);
  const ja = await runInProcess(["subscribers", "--help"], {
    env: { LANG: "ja_JP.UTF-8" },
    terminalWidth: 60,
  });
  for (const l of lines(ja.stdout)) {
    const width = [...l].reduce((w, c) => w + (/[\u3000-\u9fff\uff00-\uff60]/.test(c) ? 2 : 1), 0);
    assert.ok(width <= 60, `over 60 columns: "${l}"`);
  }
  for (const out of [plain.stdout, narrow.stdout, ja.stdout]) {
    assert.ok(!out.includes("\x1b"), "no escapes");
  }
  assert.deepEqual(wrap("一二三四五六", 6), ["一二三", "四五六"]);
  assert.deepEqual(wrap("alpha beta gamma", 10), ["alpha beta", "gamma"]);
});

Deno.test("help: soracom alone, or with only global flags, shows the root page (exit 0)", async () => {
  for (const args of [[], ["--profile", "x"], ["help"], ["--coverage-type", "g"]]) {
    const r = await runInProcess(args);
    assert.equal(r.code, 0, `soracom ${args.join(" ")}: ${r.stderr}`);
    assert.ok(r.stdout.startsWith("soracom: the SORACOM API"), r.stdout.slice(0, 80));
    assert.match(r.stdout, /\nGlobal flags:\n/);
    assert.match(r.stdout, /soracom help COMMAND/);
  }
  const bad = await runInProcess(["--no-such-flag"]);
  assert.equal(bad.code, 2);
});

Deno.test("help: every sub-group has its own summary, on its page and on its parent's list", async () => {
  const catalog = await loadCatalog();
  const commands = new Set([
    ...catalog.operations.flatMap((op) => op.names),
    ...Object.keys(HAND_WRITTEN),
  ]);
  const subgroups = new Set<string>();
  for (const name of commands) {
    const words = name.split(" ");
    for (let i = 2; i < words.length; i++) subgroups.add(words.slice(0, i).join(" "));
  }
  // `query subscribers` is a command too: its page is the command's.
  for (const name of commands) subgroups.delete(name);
  assert.ok(subgroups.size >= 40, `${subgroups.size} sub-groups`);
  const texts = await readAuthoredText();
  for (const lang of ["en", "ja"] as const) {
    const env: Record<string, string> = lang === "ja" ? { LANG: "ja_JP.UTF-8" } : {};
    const summaries = new Set<string>();
    for (const name of [...subgroups].sort()) {
      const summary = texts[lang].groups[name]?.summary;
      assert.ok(summary, `${lang}: no summary for ${name}`);
      assert.ok(!summaries.has(summary), `${lang}: ${name} shares its summary`);
      summaries.add(summary);
      const page = await runInProcess([...name.split(" "), "--help"], { env, terminalWidth: 200 });
      assert.equal(page.code, 0, page.stderr);
      assert.equal(page.stdout.split("\n")[0], summary, `${lang}: soracom ${name} --help`);
      const parent = name.slice(0, name.lastIndexOf(" "));
      const list = await runInProcess([...parent.split(" "), "--help"], {
        env,
        terminalWidth: 200,
      });
      const child = name.slice(parent.length + 1);
      const line = list.stdout.split("\n").find((l) => l.trimStart().startsWith(`${child} `));
      assert.match(line ?? "", new RegExp(`^\\s+${child}\\s+${RegExp.escape(summary)}$`));
    }
  }
});
