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

import { formatJson } from "./format.ts";
import { type JsonValue, RawNumber } from "./value.ts";

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
