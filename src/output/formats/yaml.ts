/**
 * JSON values as YAML (1.2, block style), for `--output yaml`. Written here
 * rather than with the `yaml` package: the package's Node build brings
 * `node:module` into the bundled program, loaded at every start of every
 * command; JSON values need only the small part of YAML below, which the
 * tests hold to the `yaml` package's reading of it.
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

/** Whether `text` reads back as the same string when written plain. */
function plainOk(text: string): boolean {
  return /^[A-Za-z_/][A-Za-z0-9_ .\/@+-]*$/.test(text) && !text.endsWith(" ") &&
    !RESERVED.test(text) && !text.includes(" #");
}

function scalar(value: unknown, exact: ExactIntegers | undefined): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return plainOk(value) ? value : JSON.stringify(value);
  if (typeof value === "number") {
    return Number.isFinite(value) ? exact?.textOf(value) ?? String(value) : "null";
  }
  return String(value);
}

/** An empty list or map, or a scalar: written on the line it belongs to. */
function inline(value: unknown, exact: ExactIntegers | undefined): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  if (isObject(value)) return Object.keys(value).length === 0 ? "{}" : undefined;
  return scalar(value, exact);
}

/** The lines of `value` (a non-empty list or map), each indented by `pad`. */
function block(value: unknown, pad: string, lines: string[], exact?: ExactIntegers): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const one = inline(item, exact);
      if (one !== undefined) lines.push(`${pad}- ${one}`);
      else {
        // The item's first line goes after the dash; the rest line up with it.
        const inner: string[] = [];
        block(item, `${pad}  `, inner, exact);
        lines.push(`${pad}- ${inner[0].slice(pad.length + 2)}`, ...inner.slice(1));
      }
    }
    return;
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map).sort()) {
    const one = inline(map[key], exact);
    if (one !== undefined) lines.push(`${pad}${scalar(key, exact)}: ${one}`);
    else {
      lines.push(`${pad}${scalar(key, exact)}:`);
      block(map[key], `${pad}  `, lines, exact);
    }
  }
}

/**
 * `value` (parsed JSON) as a YAML document, keys sorted, ending in a newline;
 * the integers `exact` kept as their digits.
 */
export function toYaml(value: unknown, exact?: ExactIntegers): string {
  const one = inline(value, exact);
  if (one !== undefined) return `${one}\n`;
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
