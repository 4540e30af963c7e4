/**
 * JSON values as YAML (1.2, block style), for `--output yaml`. Written here
 * rather than with the `yaml` package: the package's Node build brings
 * `node:module` into the bundled program, loaded at every start of every
 * command; JSON values need only the small part of YAML below, which the
 * tests hold to the `yaml` package's reading of it.
 *
 * A string is written plain when YAML would read it back as the same string,
 * else double-quoted with JSON's escapes (which YAML shares).
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

/** Words YAML reads as something other than a string (YAML 1.1 ones too, for older readers). */
const RESERVED = /^(?:true|false|null|~|yes|no|on|off|y|n|\.inf|-\.inf|\.nan)$/i;

/** Whether `text` reads back as the same string when written plain. */
function plainOk(text: string): boolean {
  return /^[A-Za-z_/][A-Za-z0-9_ .\/@+-]*$/.test(text) && !text.endsWith(" ") &&
    !RESERVED.test(text) && !text.includes(" #");
}

function scalar(value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "string") return plainOk(value) ? value : JSON.stringify(value);
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  return String(value);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** An empty list or map, or a scalar: written on the line it belongs to. */
function inline(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
  if (isObject(value)) return Object.keys(value).length === 0 ? "{}" : undefined;
  return scalar(value);
}

/** The lines of `value` (a non-empty list or map), each indented by `pad`. */
function block(value: unknown, pad: string, lines: string[]): void {
  if (Array.isArray(value)) {
    for (const item of value) {
      const one = inline(item);
      if (one !== undefined) lines.push(`${pad}- ${one}`);
      else {
        // The item's first line goes after the dash; the rest line up with it.
        const inner: string[] = [];
        block(item, `${pad}  `, inner);
        lines.push(`${pad}- ${inner[0].slice(pad.length + 2)}`, ...inner.slice(1));
      }
    }
    return;
  }
  const map = value as Record<string, unknown>;
  for (const key of Object.keys(map).sort()) {
    const one = inline(map[key]);
    if (one !== undefined) lines.push(`${pad}${scalar(key)}: ${one}`);
    else {
      lines.push(`${pad}${scalar(key)}:`);
      block(map[key], `${pad}  `, lines);
    }
  }
}

/** `value` (parsed JSON) as a YAML document, keys sorted, ending in a newline. */
export function toYaml(value: unknown): string {
  const one = inline(value);
  if (one !== undefined) return `${one}\n`;
  const lines: string[] = [];
  block(value, "", lines);
  return `${lines.join("\n")}\n`;
}
