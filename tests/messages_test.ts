/**
 * Issue 12: everything the CLI itself says exists in English and Japanese, one
 * table per language with the same keys, and the user's locale picks it.
 */
import { runInProcess } from "./helpers/context.ts";
import { messages, render, said } from "../src/messages.ts";
import { CliError } from "../src/errors.ts";
import assert from "node:assert/strict";
import { wrap } from "../src/output/wrap.ts";
import { kinsokuFault } from "./helpers/kinsoku.ts";

/** Entries that are the same in both languages on purpose (names and pass-through text). */
const SAME_IN_BOTH = new Set(["commandSplit", "commandStopped", "releaseRequestFailed"]);

/** An entry's text, with placeholder arguments for one that takes any. */
function sample(entry: unknown): string {
  if (typeof entry === "string") return entry;
  if (typeof entry === "function") {
    // Placeholder arguments: names and numbers, lists or a kind where a message takes one.
    const shapes = [
      ["A", "B", 3, "D"],
      ["A", ["B"]],
      ["A", "B", ["C"]],
      [["A"], "B"],
      ["other", "B"],
      ["A", "link"],
      ["A", "malformed"],
      [["A"], "B"],
      ["A", "B", "other", "D", 2, "retried"],
    ];
    for (const args of shapes) {
      try {
        const text = entry(...args);
        if (typeof text === "string" && !text.includes("undefined")) return text;
      } catch { /* another shape */ }
    }
    throw new Error(`no placeholder arguments fit ${entry}`);
  }
  if (Array.isArray(entry)) return entry.join("\n");
  if (entry !== null && typeof entry === "object") {
    return Object.values(entry).map(sample).join("\n");
  }
  throw new Error(`unexpected entry ${String(entry)}`);
}

Deno.test("messages: the same keys in both tables, and every Japanese entry is Japanese", () => {
  const en = messages("en");
  const ja = messages("ja");
  assert.deepEqual(Object.keys(ja).sort(), Object.keys(en).sort());
  for (const key of Object.keys(en) as (keyof typeof en)[]) {
    const e = sample(en[key]);
    const j = sample(ja[key]);
    assert.ok(e.trim() !== "" && j.trim() !== "", `${key}: empty`);
    if (SAME_IN_BOTH.has(key)) continue;
    assert.ok(e !== j, `${key}: the Japanese is the English`);
    assert.ok(/[\u3040-\u30ff\u4e00-\u9fff]/.test(j), `${key}: no Japanese in "${j}"`);
  }
});

Deno.test("messages: an error keeps its English message and prints in the reader's language", () => {
  const e = new CliError("usage", said("requiredParam", "imsi"));
  assert.equal(e.message, "required parameter 'imsi' is not specified");
  assert.equal(e.textIn("ja"), "必須のパラメーター 'imsi' が指定されていません");
  assert.equal(
    render(said("unknownFlag", "--x", ["y"]), "en"),
    "unknown flag: --x (did you mean --y?)",
  );
});

Deno.test("under LANG=ja, usage errors, deprecation warnings and the help are Japanese", async () => {
  const ja = { LANG: "ja_JP.UTF-8" };
  const cases: [string[], string][] = [
    [["subscribers", "list", "--bogus"], "Error: 不明なフラグです: --bogus\n"],
    [["subscribers", "get"], "Error: 必須のパラメーター 'imsi' が指定されていません\n"],
    [
      ["subscribers", "list", "--limit", "ten"],
      `Error: "--limit" の値 "ten" は整数ではありません\n`,
    ],
    [["subscriberz"], 'Error: "soracom" に "subscriberz" というコマンドはありません'],
    [["subscribers", "list", "extra"], "Error: 余分な引数です: extra（"],
    [
      ["subscribers", "put-bundles", "--imsi", "1", "--body", '{"a":', "--dry-run"],
      "Error: `--body` に指定された JSON が正しくありません（1 行 6 文字目: 途中で終わっています）\n",
    ],
    [
      ["subscribers", "list", "--query", "[?", "--api-key", "k", "--api-token", "t"],
      "Error: --query '[?' は JMESPath の式として正しくありません（JMESPath による説明: ",
    ],
  ];
  for (const [args, expected] of cases) {
    const r = await runInProcess(args, { env: ja });
    assert.equal(r.code, 2, `${args.join(" ")}: ${r.stderr}`);
    assert.ok(r.stderr.startsWith(expected), `${args.join(" ")}: ${r.stderr}`);
    const en = await runInProcess(args);
    assert.ok(en.stderr.startsWith("Error: ") && !/[\u3040-\u30ff]/.test(en.stderr), en.stderr);
  }
});

Deno.test("every message, wrapped at 40 columns as a terminal shows it, keeps the Japanese line-breaking rules", () => {
  const bad: string[] = [];
  for (const lang of ["en", "ja"] as const) {
    const table = messages(lang);
    for (const key of Object.keys(table) as (keyof typeof table)[]) {
      const text = sample(table[key]);
      for (const paragraph of text.split("\n")) {
        const lines = wrap(paragraph, 40);
        for (const line of lines) {
          const fault = kinsokuFault(line);
          // A word of one character (日, 例) is alone only when a break left it so.
          if (fault === "one character alone" && lines.length === 1) continue;
          if (fault) bad.push(`${lang} ${key}: ${fault}: ${line}`);
        }
      }
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("no English phrase is left inside a Japanese message (commands, names and values aside)", () => {
  const ja = messages("ja");
  const english: string[] = [];
  for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
    const prose = sample(ja[key])
      // Commands to type, quoted values, flags, links and product names are written as they are.
      .replace(/`[^`]*`|'[^']*'|"[^"]*"|https?:\S+/g, " ")
      .replace(/\bsoracom( +[\w.=-]+)+|\bSORACOM [A-Z]\w*|op item get ITEM|git pull/g, " ")
      .replace(/--[a-z0-9-]+(=\S+)?/g, " ");
    const phrase = /\b[a-z][a-z'-]* +[a-z][a-z'-]*\b/.exec(prose);
    if (phrase) english.push(`${key}: ${phrase[0]}`);
  }
  assert.deepEqual(english, []);
});

Deno.test("Japanese messages use Japanese punctuation: full-width brackets and question marks", () => {
  const ja = messages("ja");
  const halfWidth: string[] = [];
  for (const key of Object.keys(ja) as (keyof typeof ja)[]) {
    const text = sample(ja[key]).replace(/`[^`]*`/g, " ");
    const found = /\([^()]*[\u3040-\u30ff\u4e00-\u9fff][^()]*\)|[\u3040-\u30ff\u4e00-\u9fff]\?/u
      .exec(
        text,
      );
    if (found) halfWidth.push(`${key}: ${found[0]}`);
  }
  assert.deepEqual(halfWidth, []);
});
