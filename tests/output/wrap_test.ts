/**
 * Wrapping text to a width: at spaces in English; at phrase boundaries in
 * Japanese, following its line-breaking rules (kinsoku).
 *
 * @module
 */

import assert from "node:assert/strict";
import { japanesePhrases, wrap } from "../../src/output/wrap.ts";
import { displayWidth } from "../../src/output/table.ts";
import { messages } from "../../src/messages.ts";

Deno.test("wrap: English breaks at spaces, a word wider than the line overflows alone", () => {
  assert.deepEqual(wrap("alpha beta gamma", 10), ["alpha beta", "gamma"]);
  assert.deepEqual(wrap("see https://users.soracom.io/ja-jp/docs/ now", 12), [
    "see",
    "https://users.soracom.io/ja-jp/docs/",
    "now",
  ]);
  assert.deepEqual(wrap("", 10), [""]);
});

Deno.test("wrap: a command in backticks is never split", () => {
  assert.deepEqual(wrap("find it with `soracom sims list` here", 20), [
    "find it with",
    "`soracom sims list`",
    "here",
  ]);
});

Deno.test("wrap: Japanese breaks between phrases, not inside a word", () => {
  assert.deepEqual(wrap("変更後の速度クラス。帯域と料金が決まります", 24), [
    "変更後の速度クラス。",
    "帯域と料金が決まります",
  ]);
  // 置き換え, 受け取る: one kana between kanji is a word's ending, not a phrase's.
  assert.deepEqual(japanesePhrases("値を置き換えます"), ["値を", "置き換えます"]);
  assert.deepEqual(japanesePhrases("料金が決まる"), ["料金が", "決まる"]);
  // A particle after a closing bracket stays with it.
  assert.deepEqual(japanesePhrases("時刻（秒）で指定"), ["時刻", "（秒）で", "指定"]);
});

Deno.test("wrap: a particle after a space stays with the word before it", () => {
  assert.deepEqual(wrap("ここに IMSI は入れない", 8), ["ここに", "IMSI は", "入れない"]);
});

Deno.test("wrap: no line starts with a closing mark or a small kana, none ends with an opening bracket", () => {
  const text =
    "SIM（IMSI 指定）のセッション（デバイスは再接続します）を切断。ショップ、キャッシュ、「例」";
  for (let width = 6; width <= 40; width++) {
    for (const line of wrap(text, width)) {
      assert.doesNotMatch(
        line,
        /^[、。）」ーぁぃぅぇぉっゃゅょァィゥェォッャュョ]/u,
        `${width}: ${line}`,
      );
      assert.doesNotMatch(line, /[（「]$/u, `${width}: ${line}`);
      assert.ok(displayWidth(line) <= width, `${width}: ${line}`);
    }
  }
});

Deno.test("wrap: Japanese longer than a line is cut where its script changes, then anywhere allowed", () => {
  assert.deepEqual(wrap("キャッシュ済みセッションの", 16), ["キャッシュ済み", "セッションの"]);
  assert.deepEqual(wrap("一二三四五六", 6), ["一二三", "四五六"]);
});

Deno.test("wrap: no last line of a single character", () => {
  // Greedy filling would leave "い" alone.
  const lines = wrap("設定を変更しない", 14);
  assert.ok(lines.every((l) => [...l].length > 1), JSON.stringify(lines));
  assert.deepEqual(wrap("一二三四五六七", 12), ["一二三四五", "六七"]);
});

Deno.test("wrap: a quoted command is never split: soracom's, or any program's with a flag", () => {
  assert.deepEqual(wrap("then run 'soracom configure --profile x' again", 20), [
    "then run",
    "'soracom configure --profile x'",
    "again",
  ]);
  // The configure menu's choice, in both languages, at any width it may be shown.
  for (const lang of ["en", "ja"] as const) {
    const choice = `2. ${messages(lang).mfaOptions[1]}`;
    for (let width = 30; width <= 100; width++) {
      const lines = wrap(choice, width);
      assert.ok(lines.some((l) => l.includes("'op item get ITEM --otp'")), `${width}: ${lines}`);
    }
  }
  assert.ok(
    wrap('set it (for example "op item get ITEM --otp")', 20).includes(
      '"op item get ITEM --otp")',
    ),
  );
  // An apostrophe opens no quote: the words after it still break.
  assert.deepEqual(wrap("a SIM's speed class --speed-class it's", 14), [
    "a SIM's speed",
    "class",
    "--speed-class",
    "it's",
  ]);
});
