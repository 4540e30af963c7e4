/**
 * JSON text of values we build (sorted keys, numbers as written), pretty or
 * compact, through the one formatter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { stringifyCompact } from "./stringify.ts";
 * import { RawNumber } from "./value.ts";
 *
 * assert.equal(stringifyCompact({ b: true, a: new RawNumber("1.50") }), '{"a":1.50,"b":true}');
 * ```
 *
 * @module
 */

import type { ExactIntegers } from "./exact.ts";
import { formatJson } from "./format.ts";
import { type JsonStyle, type JsonValue, RawNumber } from "./value.ts";

/** The tree as JSON text, in its own key order (the formatter sorts). */
function treeText(value: JsonValue): string {
  if (value instanceof RawNumber) return value.source;
  if (Array.isArray(value)) return `[${value.map(treeText).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const members = Object.keys(value).map((k) => `${JSON.stringify(k)}:${treeText(value[k])}`);
    return `{${members.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** Compact JSON of a tree with sorted keys (a request body). */
export function stringifyCompact(value: JsonValue): string {
  return formatJson(treeText(value), "compact");
}

/** Tab-indented JSON of a tree with sorted keys, no final newline. */
export function stringifyPretty(value: JsonValue): string {
  return formatJson(treeText(value), "pretty");
}

/** `JSON.rawJSON` (V8 has it; TypeScript's library does not know it yet). */
const RAW_JSON = JSON as JSON & { rawJSON(text: string): unknown };

/**
 * JSON of a parsed value (numbers as JavaScript numbers, as `--query` gives
 * them), keys sorted, `undefined` as `null`; the integers `exact` kept are
 * written as their digits.
 */
export function stringifyValue(value: unknown, style: JsonStyle, exact?: ExactIntegers): string {
  const text = exact === undefined || exact.size === 0
    ? JSON.stringify(value)
    : JSON.stringify(value, (_key, v) => {
      const digits = typeof v === "number" ? exact.textOf(v) : undefined;
      return digits === undefined ? v : RAW_JSON.rawJSON(digits);
    });
  return formatJson(text ?? "null", style);
}
