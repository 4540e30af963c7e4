/**
 * Issue 27: the Japanese help text reads as a Japanese user writes: no English
 * phrase left inside it (command and flag names, product names and values
 * aside), Japanese punctuation (、。 and full-width parentheses), and one
 * wording per idea in both languages.
 *
 * @module
 */

import assert from "node:assert/strict";
import { textStrings } from "../helpers/text_strings.ts";
import { kinsokuFault } from "../helpers/kinsoku.ts";
import { messages } from "../../src/messages.ts";
import { readAuthoredText } from "../../scripts/gen_help_text.ts";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { runInProcess } from "../helpers/context.ts";
import { HAND_WRITTEN } from "../../src/cli/commands/registry.ts";

/**
 * The prose of a Japanese text: example command lines (and a page's lines
 * that start with two spaces: commands to type, shown as they are) and the
 * file's own note left out, commands in backticks, quoted values and flags
 * with their values taken out.
 */
async function japaneseProse(): Promise<[string, string][]> {
  const { ja } = await readAuthoredText();
  return textStrings(ja)
    .filter(([path]) => !path.endsWith("/command") && path !== "//")
    .map(([path, text]) => [
      path,
      text.split("\n").filter((line) => !line.startsWith("  ")).join("\n")
        .replace(/`[^`]*`/g, " ").replace(/'[^']*'/g, " ").replace(/--[a-z0-9-]+(=\S+)?/g, " "),
    ]);
}

Deno.test("ja text: no English phrase is left inside Japanese text", async () => {
  const english = (await japaneseProse())
    .filter(([, prose]) => /\b[a-z][a-z'-]* +[a-z][a-z'-]*\b/.test(prose))
    .map(([path, prose]) => `${path}: ${prose}`);
  assert.deepEqual(english, []);
});

Deno.test("ja text: Japanese punctuation: 、 and full-width parentheses", async () => {
  const wrong = (await japaneseProse())
    .filter(([, prose]) => /[\u3040-\u30ff\u4e00-\u9fff]/.test(prose))
    .filter(([, prose]) => /[()]|, |;/.test(prose))
    .map(([path, prose]) => `${path}: ${prose}`);
  assert.deepEqual(wrong, []);
});

Deno.test("one wording per idea: where to find a value, repeating a flag, the request body", async () => {
  const { en, ja } = await readAuthoredText();
  const jaByPath = new Map(textStrings(ja));
  const count = (text: string, pattern: RegExp) => text.match(pattern)?.length ?? 0;
  const differ: string[] = [];
  for (const [path, e] of textStrings(en)) {
    const j = jaByPath.get(path);
    if (j === undefined) continue;
    const pairs: [RegExp, RegExp][] = [
      [/find [^`;]* with `soracom /g, /` で確認できます/g],
      [/repeat the flag for several/g, /複数指定するときはフラグを繰り返します/g],
      [
        /^request body: JSON text, @FILE, or - for stdin/g,
        /^リクエストボディ: JSON テキスト、@ファイル名、または -（標準入力）/g,
      ],
    ];
    for (const [a, b] of pairs) {
      if (count(e, a) !== count(j, b)) differ.push(`${path}: "${e}" / "${j}"`);
    }
  }
  assert.deepEqual(differ, []);
  // Each idea has the one wording: no other way to say it.
  const other = textStrings(ja).filter(([, t]) =>
    /繰り返し指定|標準入力の -|@FILE/.test(t) || /参照してください|を使って確認/.test(t)
  );
  assert.deepEqual(other, []);
});

Deno.test("help in both languages: no line breaks a Japanese line-breaking rule, at 80 and 40 columns", async () => {
  const catalog = await loadCatalog();
  const groups = new Set(catalog.operations.map((op) => op.names[0].split(" ")[0]));
  const pages: string[][] = [
    [],
    ...[...groups].map((g) => [g]),
    ...catalog.operations.map((op) => op.names[0].split(" ")),
    ...Object.keys(HAND_WRITTEN).map((name) => name.split(" ")),
  ];
  const bad: string[] = [];
  for (const words of pages) {
    for (const env of [{}, { LANG: "ja_JP.UTF-8" }] as Record<string, string>[]) {
      for (const terminalWidth of [80, 40]) {
        const r = await runInProcess([...words, "--help"], { env, terminalWidth });
        for (const line of r.stdout.split("\n")) {
          const fault = kinsokuFault(line);
          if (fault) bad.push(`soracom ${words.join(" ")} (${terminalWidth}): ${fault}: ${line}`);
        }
      }
    }
  }
  assert.deepEqual(bad, []);
});

Deno.test("a flag's notes are punctuated in the reader's language", async () => {
  const page = async (env: Record<string, string>) =>
    (await runInProcess(["subscribers", "update-speed-class", "--help"], { env })).stdout;
  // \s+ where the page may wrap a line.
  assert.match(await page({}), /\(required;\s+one\s+of:\s+s1\.minimum,\s+s1\.slow,/);
  assert.match(await page({ LANG: "ja_JP.UTF-8" }), /（必須、\s*値:\s+s1\.minimum、\s*s1\.slow、/);
});

Deno.test("one wording per idea across the help text and the messages, in both languages", async () => {
  const { en, ja } = await readAuthoredText();
  const said = (lang: "en" | "ja") =>
    JSON.stringify(messages(lang), (_k, v) => typeof v === "function" ? v.toString() : v);
  // The one wording kept, and the others that said the same thing.
  const others: Record<"en" | "ja", RegExp> = {
    // one-time code (not OTP code, one-time password, MFA code)
    en: /OTP code|one-time password|MFA code/,
    // ワンタイムコード; データ通信量; シークレット; 既定; レスポンス (a ping's is 応答); ターミナル (端末 is a device)
    ja:
      /ワンタイムパスワード|MFA コード|データ使用量|秘密の値|既定値|(?<!ping の)応答|ターミナル以外の端末|端末が必要|端末で質問/,
  };
  for (const lang of ["en", "ja"] as const) {
    const texts = [...textStrings(lang === "en" ? en : ja).map(([path, t]) => [path, t]), [
      "messages",
      said(lang),
    ]];
    const found = texts.filter(([, t]) => others[lang].test(t)).map(([path, t]) =>
      `${path}: ${t.match(others[lang])![0]}`
    );
    assert.deepEqual(found, [], lang);
  }
});

Deno.test("ja help: every flag's value is named in Japanese (or as it is typed: jp|g, JSON, ID, URL)", async () => {
  const pages = [[], ...Object.keys(HAND_WRITTEN).map((n) => n.split(" ")), [
    "subscribers",
    "list",
  ], ["stats", "air", "get"]];
  const english: string[] = [];
  for (const words of pages) {
    const r = await runInProcess([...words, "--help"], { env: { LANG: "ja_JP.UTF-8" } });
    for (const m of r.stdout.matchAll(/^ {2}--[a-z0-9-]+(?:\[=[a-z]+\])? ([^\s（]+)/gm)) {
      if (/^[a-z]/.test(m[1]) && !/^(jp\|g|env\|json)$/.test(m[1])) {
        english.push(`soracom ${words.join(" ")}: ${m[0].trim()}`);
      }
    }
  }
  assert.deepEqual(english, []);
});
