/**
 * Every string of an authored help text file (`src/catalog/text/*.json`),
 * with its path of keys, for the tests that read them all.
 *
 * @module
 */

/**
 * The strings in `v`, each with its path of keys (`/params/imsi`).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { textStrings } from "./text_strings.ts";
 * assert.deepEqual(textStrings({ a: { b: "x" }, c: ["y"] }), [["/a/b", "x"], ["/c/0", "y"]]);
 * ```
 */
export function textStrings(v: unknown, path = ""): [string, string][] {
  if (typeof v === "string") return [[path, v]];
  if (Array.isArray(v)) return v.flatMap((x, i) => textStrings(x, `${path}/${i}`));
  if (v !== null && typeof v === "object") {
    return Object.entries(v).flatMap(([k, x]) => textStrings(x, `${path}/${k}`));
  }
  return [];
}
