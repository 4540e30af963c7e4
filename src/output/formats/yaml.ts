/**
 * JSON values as YAML (1.2, block style, read the same by YAML 1.1 readers),
 * for `--output yaml`. Written here rather than with a library: the `yaml`
 * package's Node build brings `node:module` into the bundled program, and
 * js-yaml, measured against this (`docs/output.md`), writes 20,000 items
 * about 2.5 times slower and rounds integers past 2^53. JSON values need only
 * the small part of YAML below, which the tests hold to what the `yaml`
 * package and js-yaml (1.2 and 1.1) read back.
 *
 * A string is written plain when YAML would read it back as the same string,
 * else double-quoted with JSON's escapes (which YAML shares). A list is held
 * until its end: the document is written at once.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { toYaml } from "./yaml.ts";
 *
 * assert.equal(toYaml([{ imsi: "440100000000001", tags: { name: "a: b" } }]),
 *   '- imsi: "440100000000001"\n  tags:\n    name: "a: b"\n');
 * ```
 *
 * @module
 */

import type { ExactIntegers } from "../../json/mod.ts";
import { type Format, isObject } from "../writer.ts";

/** Words YAML reads as something other than a string (YAML 1.1 ones too, for older readers). */
const RESERVED = /^(?:true|false|null|~|yes|no|on|off|y|n|\.inf|-\.inf|\.nan)$/i;

/**
 * Characters YAML does not take as they are in a quoted string, and JSON's
 * escapes leave so: DEL and C1 (NEL among them, a line break to YAML 1.1),
 * the line and paragraph separators (line breaks to YAML 1.1), the BOM.
 */
const UNPRINTABLE = /[\x7f-\x9f\u2028\u2029\ufeff]/;

/** What a literal block cannot hold: control characters but tab and newline, and the above. */
// deno-lint-ignore no-control-regex -- the control characters are what it finds
const NOT_IN_BLOCK = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\ufeff]/;

/** Whether `text` reads back as the same string when written plain (letters of any script). */
function plainOk(text: string): boolean {
  return /^[\p{L}_/][\p{L}\p{N}\p{M}_ .\/@+-]*$/u.test(text) && !text.endsWith(" ") &&
    !RESERVED.test(text) && !text.includes(" #");
}

/** `text` double-quoted: JSON's escapes, and YAML's for what JSON leaves as it is. */
function quoted(text: string): string {
  const json = JSON.stringify(text);
  // A global expression keeps a position: one of this call's own.
  return UNPRINTABLE.test(json)
    ? json.replace(
      new RegExp(UNPRINTABLE.source, "g"),
      (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
    )
    : json;
}

/** A number as YAML 1.2 and 1.1 both read it: an exponent needs a dot for 1.1 (`1.0e+21`). */
function numberText(n: number, exact: ExactIntegers | undefined): string {
  if (!Number.isFinite(n)) return "null";
  const text = exact?.textOf(n) ?? String(n);
  return text.includes("e") && !text.includes(".") ? text.replace("e", ".0e") : text;
}

function scalar(value: unknown, exact: ExactIntegers | undefined): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return plainOk(value) ? value : quoted(value);
  if (typeof value === "number") return numberText(value, exact);
  return String(value);
}

/**
 * Text of several lines as a literal block (`|`, or `|-` without the final
 * newline), its lines indented by `pad`: as it reads, where a quoted string
 * would show `\n`. Undefined for text a block cannot hold exactly (control
 * characters, CR, a first line that starts with a space, lines of spaces only,
 * more than one final newline).
 */
function literal(text: string, pad: string): string[] | undefined {
  if (!text.includes("\n") || NOT_IN_BLOCK.test(text)) {
    return undefined;
  }
  const body = text.endsWith("\n") ? text.slice(0, -1) : text;
  const lines = body.split("\n");
  if (
    body === "" || body.endsWith("\n") || /^[ \n]/.test(body) || lines.some((l) => /^ +$/.test(l))
  ) {
    return undefined;
  }
  if (!text.isWellFormed()) return undefined;
  return [text.endsWith("\n") ? "|" : "|-", ...lines.map((l) => l === "" ? "" : `${pad}${l}`)];
}

/** An empty list or map, or a scalar: its first line, and any more (a literal block's). */
function inline(
  value: unknown,
  pad: string,
  exact: ExactIntegers | undefined,
): string[] | undefined {
  if (Array.isArray(value)) return value.length === 0 ? ["[]"] : undefined;
  if (isObject(value)) return Object.keys(value).length === 0 ? ["{}"] : undefined;
  return (typeof value === "string" && literal(value, pad)) || [scalar(value, exact)];
}

/** The lines of `value` (a non-empty list or map), each indented by `pad`. */
function block(value: unknown, pad: string, lines: string[], exact?: ExactIntegers): void {
  const deeper = `${pad}  `;
  if (Array.isArray(value)) {
    for (const item of value) {
      const one = inline(item, deeper, exact);
      if (one !== undefined) lines.push(`${pad}- ${one[0]}`, ...one.slice(1));
      else {
        // The item's first line goes after the dash; the rest line up with it.
        const inner: string[] = [];
        block(item, deeper, inner, exact);
        lines.push(`${pad}- ${inner[0].slice(deeper.length)}`, ...inner.slice(1));
      }
    }
    return;
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map).sort()) {
    const one = inline(map[key], deeper, exact);
    if (one !== undefined) lines.push(`${pad}${scalar(key, exact)}: ${one[0]}`, ...one.slice(1));
    else {
      lines.push(`${pad}${scalar(key, exact)}:`);
      block(map[key], deeper, lines, exact);
    }
  }
}

/**
 * `value` (parsed JSON) as a YAML document, keys sorted, ending in a newline;
 * the integers `exact` kept as their digits.
 */
export function toYaml(value: unknown, exact?: ExactIntegers): string {
  const one = inline(value, "  ", exact);
  if (one !== undefined) return `${one.join("\n")}\n`;
  const lines: string[] = [];
  block(value, "", lines, exact);
  return `${lines.join("\n")}\n`;
}

/** `--output yaml`: a list is held until its end, then written as one document. */
export const format: Format = {
  list(out, options) {
    const values: unknown[] = [];
    return {
      element: (value) => void values.push(value),
      end() {
        out.write(toYaml(values, options.exact));
        return undefined;
      },
    };
  },
  value(out, value, options) {
    out.write(toYaml(value, options.exact));
    return undefined;
  },
};
