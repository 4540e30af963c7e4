/**
 * The JSON values our code builds (request bodies, what we print ourselves):
 * numbers kept as their source text, so a 20-digit integer survives; and the
 * error for text that is not JSON.
 *
 * @module
 */

/** A number kept as its source text (a JSON number). */
export class RawNumber {
  /** `source` is the number as written, e.g. `12345678901234567890` or `1.50`. */
  constructor(readonly source: string) {}
}

/** A parsed JSON value whose numbers are {@link RawNumber}s. */
export type JsonValue =
  | null
  | boolean
  | string
  | RawNumber
  | JsonValue[]
  | { [key: string]: JsonValue };

/**
 * Whether `value` (parsed JSON) nests arrays and objects more than `max`
 * levels deep (`[]` is one level, `{"a":[]}` two). Walked with a stack of its
 * own: code that recurses over a value (YAML, JMESPath) is given only what
 * this lets through.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { nestsDeeperThan } from "./value.ts";
 *
 * assert.equal(nestsDeeperThan({ a: [1, { b: 2 }] }, 3), false);
 * assert.equal(nestsDeeperThan([[[[]]]], 3), true);
 * ```
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const stack: [unknown, number][] = [[value, 1]];
  for (let top = stack.pop(); top !== undefined; top = stack.pop()) {
    const [container, depth] = top;
    if (container === null || typeof container !== "object") continue;
    if (depth > max) return true;
    for (const item of Array.isArray(container) ? container : Object.values(container)) {
      if (item !== null && typeof item === "object") stack.push([item, depth + 1]);
    }
  }
  return false;
}

/** How {@link formatJson} lays a value out: tab-indented lines, or one line with no spaces. */
export type JsonStyle = "pretty" | "compact";

/** Text that is not JSON: what is wrong, and where (a UTF-16 offset into the text). */
export class JsonSyntaxError extends SyntaxError {
  /** What is wrong (`problem`), and where (`offset`, in UTF-16 units). */
  constructor(readonly problem: string, readonly offset: number) {
    // Never the text itself: it may hold secrets.
    super(`${problem} at offset ${offset}`);
    this.name = "JsonSyntaxError";
  }
}
