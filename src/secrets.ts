/**
 * The secrets this run knows (passwords, AuthKeys, one-time codes, API keys
 * and tokens), so that stderr can hide them by value wherever they turn up:
 * an API error that echoes the request, a verbose dump, a profileCommand's
 * stderr. Hiding by name (`redact.ts`) misses a secret under an unexpected
 * name or in free text; this does not.
 *
 * A secret is found as written and in every escaped spelling: JSON's (any mix
 * of `\uXXXX` and short escapes, as Go writes `<`, `>` and `&`, or as a
 * non-ASCII character may be written), a URL's or a form's (`%XX` in either
 * case, `+` for a space), and one inside another (a JSON string quoted again,
 * a URL-encoded JSON escape). Text with no backslash and no `%` is only
 * searched as it is.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { hidingSecrets, KnownSecrets } from "./secrets.ts";
 *
 * const secrets = new KnownSecrets();
 * secrets.add("hunter2<&>");
 * const seen: string[] = [];
 * const stderr = hidingSecrets({ write: (t) => void seen.push(String(t)), isTerminal: () => false }, secrets);
 * stderr.write('Error: bad request {"pass":"hunter2\\u003c\\u0026\\u003e"}\n');
 * assert.equal(seen[0], 'Error: bad request {"pass":"<hidden>"}\n');
 * ```
 *
 * @module
 */

import type { Writable } from "./terminal_text.ts";

/** What a secret is replaced with. */
const HIDDEN = "<hidden>";

/**
 * Shorter values are not hidden by value: a one- to three-character
 * "secret" would hide ordinary words and numbers. (Their names still hide
 * them in dumps.)
 */
const MIN_SECRET_LENGTH = 4;

/** How many escapings deep a secret is looked for (a JSON string inside a JSON string, ...). */
const MAX_DECODINGS = 3;

/** One secret: its text, the same with `+` for its spaces (a form's), and whether it is a code. */
interface Secret {
  readonly text: string;
  readonly plus?: string;
  /** A code of digits only (an OTP) is hidden as a whole number, not inside a longer one. */
  readonly digits: boolean;
  /** For a code: the pattern that finds it whole in plain text. */
  readonly whole?: RegExp;
}

/**
 * Text with its escapes decoded, and where each of its UTF-16 units came from
 * in the original text: `[start[i], end[i])`.
 */
interface DecodedView {
  readonly text: string;
  readonly start: readonly number[];
  readonly end: readonly number[];
}

/** The secrets of one run, and how to hide them in text. */
export class KnownSecrets {
  /** Longest first, so a secret that contains another is hidden whole. */
  #secrets: Secret[] = [];

  /** Remembers secrets (undefined and too-short values are passed over). */
  add(...values: readonly (string | undefined)[]): void {
    let added = false;
    for (const value of values) {
      if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
      if (this.#secrets.some((s) => s.text === value)) continue;
      const digits = /^\d+$/.test(value);
      this.#secrets.push({
        text: value,
        plus: value.includes(" ") ? value.replaceAll(" ", "+") : undefined,
        digits,
        whole: digits ? new RegExp(`(?<!\\d)${value}(?!\\d)`, "g") : undefined,
      });
      added = true;
    }
    if (added) this.#secrets.sort((a, b) => b.text.length - a.text.length);
  }

  /** True when no secret is known yet. */
  get empty(): boolean {
    return this.#secrets.length === 0;
  }

  /** `text` with every known secret, in any spelling, replaced by `<hidden>`. */
  hide(text: string): string {
    let out = text;
    for (const { text: secret, plus, whole } of this.#secrets) {
      out = whole ? out.replace(whole, HIDDEN) : out.replaceAll(secret, HIDDEN);
      if (plus) out = out.replaceAll(plus, HIDDEN);
    }
    return out.includes("\\") || out.includes("%") ? this.#hideEscaped(out) : out;
  }

  /** Hides the secrets written with escapes, found in the text decoded once, twice... */
  #hideEscaped(text: string): string {
    const ranges: [number, number][] = [];
    let view: DecodedView | undefined = undefined;
    for (let level = 0; level < MAX_DECODINGS; level++) {
      const next = decodeEscapes(view?.text ?? text, view);
      if (next === undefined) break;
      view = next;
      for (const secret of this.#secrets) {
        for (const form of secret.plus ? [secret.text, secret.plus] : [secret.text]) {
          findIn(view, form, secret.digits, ranges);
        }
      }
    }
    return ranges.length === 0 ? text : replaceRanges(text, ranges);
  }
}

/** Adds to `ranges` where `form` is found in `view` (for a code, only as a whole number). */
function findIn(
  view: DecodedView,
  form: string,
  digits: boolean,
  ranges: [number, number][],
): void {
  const isDigit = (i: number) => i >= 0 && i < view.text.length && /\d/.test(view.text[i]);
  for (let at = view.text.indexOf(form); at >= 0; at = view.text.indexOf(form, at + 1)) {
    if (digits && (isDigit(at - 1) || isDigit(at + form.length))) continue;
    ranges.push([view.start[at], view.end[at + form.length - 1]]);
  }
}

/** `text` with each of `ranges` (merged where they overlap) replaced by `<hidden>`. */
function replaceRanges(text: string, ranges: [number, number][]): string {
  ranges.sort((a, b) => a[0] - b[0]);
  let out = "";
  let at = 0;
  for (const [start, end] of ranges) {
    if (end <= at) continue;
    if (start >= at) out += `${text.slice(at, start)}${HIDDEN}`;
    at = end;
  }
  return out + text.slice(at);
}

const SHORT_ESCAPES: Readonly<Record<string, string>> = {
  '"': '"',
  "\\": "\\",
  "/": "/",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
};

/** The value of the `%XX` at `i`, or -1 when there is none. */
function percentByte(text: string, i: number): number {
  if (text[i] !== "%" || !/^[0-9a-fA-F]{2}$/.test(text.slice(i + 1, i + 3))) return -1;
  return parseInt(text.slice(i + 1, i + 3), 16);
}

/**
 * The character(s) a `%XX` run starting at `i` encodes in UTF-8 and how many
 * source characters it takes, or undefined when it is not one whole character.
 */
function percentChar(text: string, i: number): { chars: string; length: number } | undefined {
  const lead = percentByte(text, i);
  if (lead < 0) return undefined;
  if (lead < 0x80) return { chars: String.fromCharCode(lead), length: 3 };
  const count = lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc2 ? 2 : 0;
  if (count === 0 || lead > 0xf4) return undefined;
  let point = lead & (0xff >> (count + 1));
  for (let k = 1; k < count; k++) {
    const b = percentByte(text, i + 3 * k);
    if (b < 0x80 || b > 0xbf) return undefined;
    point = (point << 6) | (b & 0x3f);
  }
  return point > 0x10ffff ? undefined : { chars: String.fromCodePoint(point), length: 3 * count };
}

/** The escape at `i` (JSON's `\uXXXX` or `\n`..., or a URL's `%XX`): what it stands for and its length. */
function escapeAt(text: string, i: number): { chars: string; length: number } | undefined {
  if (text[i] === "%") return percentChar(text, i);
  const c = text[i + 1];
  if (c === "u" && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
    return { chars: String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16)), length: 6 };
  }
  const short = c === undefined ? undefined : SHORT_ESCAPES[c];
  return short === undefined ? undefined : { chars: short, length: 2 };
}

/**
 * `text` with its escapes decoded once, each unit mapped back to the original
 * text through `outer` (the view `text` itself was decoded from, if any);
 * undefined when there was nothing to decode.
 */
function decodeEscapes(text: string, outer?: DecodedView): DecodedView | undefined {
  let decoded = "";
  const start: number[] = [];
  const end: number[] = [];
  let changed = false;
  for (let i = 0; i < text.length;) {
    const c = text[i];
    const escape = c === "\\" || c === "%" ? escapeAt(text, i) : undefined;
    const length = escape?.length ?? 1;
    const from = outer ? outer.start[i] : i;
    const to = outer ? outer.end[i + length - 1] : i + length;
    for (const unit of escape?.chars ?? c) {
      for (let u = 0; u < unit.length; u++) {
        start.push(from);
        end.push(to);
      }
      decoded += unit;
    }
    changed ||= escape !== undefined;
    i += length;
  }
  return changed ? { text: decoded, start, end } : undefined;
}

/** `output` with every known secret hidden from what is written to it. */
export function hidingSecrets(output: Writable, secrets: KnownSecrets): Writable {
  return {
    write(data: string | Uint8Array) {
      if (secrets.empty) return output.write(data);
      if (typeof data === "string") return output.write(secrets.hide(data));
      output.write(new TextEncoder().encode(secrets.hide(new TextDecoder().decode(data))));
    },
    isTerminal: () => output.isTerminal(),
    writeControl: output.writeControl && ((sequence) => output.writeControl!(sequence)),
  };
}
