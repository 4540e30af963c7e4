/**
 * Text wrapped to a terminal's width, in English and in Japanese. English
 * breaks at spaces. Japanese needs no spaces to break, but follows its own
 * rules (kinsoku): no line starts with a closing mark (`、。）」`), the
 * long-vowel mark or a small kana, none ends with an opening bracket, and a
 * line breaks between phrases (`帯域と|料金が|決まります`), not inside a word.
 * A command in backticks or quoted (`'soracom help COMMAND'`, `'op item get
 * ITEM --otp'`) is never split, so it can be copied whole; nor is a word of
 * Latin letters (a flag, a URL), even when it is wider than the line.
 *
 * Phrases are found by {@link japanesePhrases}: a break after a run of
 * hiragana (the particles and endings that close a phrase) and around
 * brackets and punctuation. `docs/japanese-text.md` says why this rule and not
 * BudouX's model, with the measurements.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wrap } from "./wrap.ts";
 *
 * assert.deepEqual(wrap("one two three", 7), ["one two", "three"]);
 * assert.deepEqual(wrap("帯域と料金が決まります", 12), ["帯域と料金が", "決まります"]);
 * ```
 *
 * @module
 */

import { displayWidth } from "./table.ts";

/** Splits text without spaces into the phrases a line may break between. */
export type Phrases = (text: string) => readonly string[];

/** Marks no line may start with (after a Japanese word, `:` and the like too). */
const NO_LINE_START =
  /^[、。，．：；！？）」』】〕〉》ー～ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶ・:;,.!?)\]}]$/u;
/** Marks no line may end with: opening brackets. */
const NO_LINE_END = /^[（「『【〔〈《]$/u;
/** Marks after which a phrase ends. */
const PHRASE_END = /^[、。，．！？]$/u;
/** Closing brackets: a phrase ends after one, unless a particle follows (`（秒）で`). */
const CLOSING = /^[）」』】〕〉》]$/u;
const HIRAGANA = /^[\u3041-\u309f]$/u;
const KATAKANA = /^[\u30a1-\u30ffー]$/u;
const KANJI = /^[\u3400-\u4dbf\u4e00-\u9fff々〆]$/u;
/** Particles: one of them between kanji ends a phrase (`料金が決まる`), other kana do not (`置き換え`). */
const PARTICLE = /^[がをにでとはものへやか]$/u;

/** True for a character a terminal shows two columns wide. */
export function isWide(c: string): boolean {
  return displayWidth(c) === 2;
}

/**
 * The phrases of Japanese text, by its script: a phrase ends after a run of
 * hiragana (`料金が`, `決まります`) or a closing mark, and one starts at an
 * opening bracket. Runs of kanji and katakana (`認証キー`, `エンドポイント`) and
 * of Latin letters stay whole.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { japanesePhrases } from "./wrap.ts";
 *
 * assert.deepEqual(japanesePhrases("SIMを使用中にする（通信でき、課金されます）"), [
 *   "SIMを", "使用中にする", "（通信でき、", "課金されます）",
 * ]);
 * ```
 */
export function japanesePhrases(text: string): string[] {
  const chars = [...text];
  const phrases: string[] = [];
  let phrase = "";
  for (let i = 0; i < chars.length; i++) {
    if (phrase !== "" && phraseBreak(chars[i - 2], chars[i - 1], chars[i])) {
      phrases.push(phrase);
      phrase = "";
    }
    phrase += chars[i];
  }
  if (phrase !== "") phrases.push(phrase);
  return phrases;
}

/** True when a phrase ends between `before` and `c` (`twoBefore` is the character before that). */
function phraseBreak(twoBefore: string | undefined, before: string, c: string): boolean {
  if (NO_LINE_END.test(c)) return true;
  if (CLOSING.test(before)) return !HIRAGANA.test(c) && !NO_LINE_START.test(c);
  if (PHRASE_END.test(before)) return !NO_LINE_START.test(c);
  if (!HIRAGANA.test(before) || HIRAGANA.test(c) || NO_LINE_START.test(c)) return false;
  // One kana between kanji is a word's ending (置き換え, 受け取る) unless it is a particle.
  const okurigana = twoBefore !== undefined && KANJI.test(twoBefore) && KANJI.test(c);
  return !okurigana || PARTICLE.test(before);
}

/**
 * Where a run of Japanese changes script (kanji, katakana, hiragana, other),
 * but for kana after kanji (`済み`): a last resort for a phrase wider than a line.
 */
function scriptPhrases(text: string): string[] {
  const script = (c: string) =>
    KANJI.test(c) ? 1 : KATAKANA.test(c) ? 2 : HIRAGANA.test(c) ? 3 : isWide(c) ? 4 : 5;
  const phrases: string[] = [];
  for (const c of text) {
    const last = phrases[phrases.length - 1];
    const before = last === undefined ? 0 : script([...last].pop()!);
    if (last !== undefined && (before === script(c) || (before === 1 && script(c) === 3))) {
      phrases[phrases.length - 1] = last + c;
    } else phrases.push(c);
  }
  return phrases;
}

/** A piece of a line: text that is never split, and the spaces before it. */
interface Piece {
  /** The spaces before it ("" inside a run of text without spaces). */
  readonly gap: string;
  readonly text: string;
}

/**
 * Commands never split: in backticks, or quoted: `'soracom configure
 * --profile x'`, or any program with a flag (`'op item get ITEM --otp'`,
 * `"op item get ITEM --otp"`). The quote opens after no letter, so an
 * apostrophe (`SIM's`) opens none.
 */
const COMMANDS = "`[^`]*`|'soracom [^']*'|(?<![\\p{L}\\p{N}'\"])" +
  "(?:'[a-z][\\w.-]* [^']*--[^']*'|\"[a-z][\\w.-]* [^\"]*--[^\"]*\")";
/** Runs of text between spaces, a command (with its spaces) counting as part of one. */
const RUNS = `(?:${COMMANDS}|[^\\s\`]|\`)+|\\s+`;

/** Stands for a command in backticks while phrases are found: one narrow character. */
const COMMAND = "\uE000";

/** True when no line may break between `before` and `after`. */
function glued(before: string, after: string): boolean {
  const last = [...before].pop()!;
  const first = [...after][0];
  return NO_LINE_START.test(first) || NO_LINE_END.test(last) ||
    (!isWide(last) && !isWide(first));
}

/**
 * The pieces of a run of text without spaces (but for those inside commands
 * in backticks): its phrases, joined again where a break would break a rule.
 */
function runPieces(run: string, gap: string, phrases: Phrases): Piece[] {
  const commands: string[] = [];
  const masked = run.replace(new RegExp(COMMANDS, "gu"), (command) => {
    commands.push(command);
    return COMMAND;
  });
  const pieces: string[] = [];
  for (const cut of phrases(masked)) {
    const last = pieces[pieces.length - 1];
    if (last !== undefined && glued(last, cut)) pieces[pieces.length - 1] = last + cut;
    else pieces.push(cut);
  }
  return pieces.map((text, i) => ({
    gap: i === 0 ? gap : "",
    text: text.replace(/\uE000/gu, () => commands.shift()!),
  }));
}

/**
 * Text as pieces: the runs between spaces, each split into its phrases. With
 * `particles`, a run that starts with hiragana after a space (`IMSI は`, `SIM
 * を指定`) keeps its first phrase on the line of the word before it.
 */
function piecesOf(text: string, phrases: Phrases, particles = true): Piece[] {
  const pieces: Piece[] = [];
  let gap = "";
  for (const token of text.match(new RegExp(RUNS, "gu")) ?? []) {
    if (/^\s/u.test(token)) {
      gap = " ";
      continue;
    }
    const run = runPieces(token, pieces.length > 0 ? gap : "", phrases);
    const last = pieces[pieces.length - 1];
    if (particles && last !== undefined && HIRAGANA.test(token[0])) {
      const first = run.shift()!;
      pieces[pieces.length - 1] = { gap: last.gap, text: last.text + first.gap + first.text };
    }
    pieces.push(...run);
    gap = "";
  }
  return pieces;
}

/**
 * `piece` cut finer, for a piece wider than a line: where its script changes
 * (`キャッシュ|済み|セッション`), else between its characters; never where no
 * line may break.
 */
function finer(piece: Piece): Piece[] {
  const byScript = piecesOf(piece.text, scriptPhrases, false);
  if (byScript.length > 1) return [{ ...byScript[0], gap: piece.gap }, ...byScript.slice(1)];
  const chars = piecesOf(piece.text, (t) => [...t], false);
  return [{ ...chars[0], gap: piece.gap }, ...chars.slice(1)];
}

/**
 * Lines of pieces, filled greedily (the first `width` wide, the others
 * `restWidth`); a piece wider than a line is split between its characters.
 */
function fill(pieces: readonly Piece[], firstWidth: number, restWidth: number): Piece[][] {
  const lines: Piece[][] = [];
  let line: Piece[] = [];
  let used = 0;
  const queue = [...pieces];
  while (queue.length > 0) {
    const width = lines.length === 0 ? firstWidth : restWidth;
    const piece = queue.shift()!;
    const w = displayWidth(piece.text);
    const gap = line.length > 0 ? displayWidth(piece.gap) : 0;
    if (used + gap + w <= width) {
      line.push(piece);
      used += gap + w;
      continue;
    }
    if (w > width) {
      const cut = finer(piece);
      if (cut.length > 1) {
        // Japanese longer than a line: as much as fits here, the rest on the next lines.
        queue.unshift(...cut);
        continue;
      }
      if (line.length === 0) {
        // A word that cannot be split (a URL, a flag): it overflows, alone.
        line.push(piece);
        used += w;
        continue;
      }
    }
    lines.push(line);
    line = [];
    used = 0;
    queue.unshift(piece);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

/** No last line of one character: the piece before it goes down to keep it company. */
function noLoneLast(lines: Piece[][], width: number): void {
  const last = lines[lines.length - 1];
  const before = lines[lines.length - 2];
  if (last === undefined || before === undefined || before.length < 2) return;
  if (last.length !== 1 || [...last[0].text].length !== 1) return;
  const moved = before[before.length - 1];
  if (displayWidth(moved.text + last[0].gap + last[0].text) > width) return;
  before.pop();
  lines[lines.length - 1] = [moved, last[0]];
}

/**
 * Splits `text` into lines of at most `width` columns (see the module's
 * rules), those after the first at most `restWidth` (for a hanging indent). A
 * piece that cannot be split (a long flag or URL) overflows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { wrap } from "./wrap.ts";
 *
 * assert.deepEqual(wrap("see `soracom sims list`", 12), ["see", "`soracom sims list`"]);
 * assert.deepEqual(wrap("一二三、四五", 6), ["一二", "三、", "四五"]);
 * ```
 */
export function wrap(
  text: string,
  width: number,
  phrases: Phrases = japanesePhrases,
  restWidth = width,
): string[] {
  const lines = fill(piecesOf(text, phrases), width, restWidth);
  noLoneLast(lines, restWidth);
  const out = lines.map((line) => line.map((p, i) => i === 0 ? p.text : p.gap + p.text).join(""));
  return out.length > 0 ? out : [""];
}
