/**
 * Reading JSON text from outside: into a tree that keeps every number's text
 * ({@link parseJson}, for request bodies), or as `JSON.parse` would but safe
 * from V8's escaped-key bug ({@link parseJsonData}).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJson } from "./parse.ts";
 * import { RawNumber } from "./value.ts";
 *
 * const tree = parseJson('{"n": 12345678901234567890}') as { n: RawNumber };
 * assert.equal(tree.n.source, "12345678901234567890");
 * ```
 *
 * @module
 */

import { ExactIntegers } from "./exact.ts";
import { formatJson, skipWhitespace } from "./format.ts";
import type { JsonValue } from "./value.ts";
import { RawNumber } from "./value.ts";

/**
 * Parses JSON into a tree, keeping every number's source text (for a request
 * body that flags are merged into; responses never need a tree).
 *
 * @throws JsonSyntaxError for text `JSON.parse` rejects
 */
export function parseJson(text: string): JsonValue {
  formatJson(text, "compact");
  return readTree(text, (source) => new RawNumber(source)) as JsonValue;
}

/**
 * `JSON.parse` for text from outside (files, replies, command output), safe
 * from V8's escaped-key bug (chromium 521080746: after some earlier objects, a
 * key written with an escape, such as `"\n"`, can come back as `"\\"`). Text
 * with no backslash has no escaped key and goes to `JSON.parse` as it is.
 * With `exact`, text that may hold an integer past 2^53 is read by our own
 * reader too, which reads each such integer as its stand-in in `exact`
 * (`exact.ts`), so its digits can be written back.
 *
 * @throws SyntaxError for invalid JSON
 */
export function parseJsonData(text: string, exact?: ExactIntegers): unknown {
  // JSON.parse's reviver is no way to the digits: with one, V8 may keep the first of equal keys.
  const keep = exact !== undefined && ExactIntegers.mayHold(text);
  if (!keep && !text.includes("\\")) return JSON.parse(text);
  formatJson(text, "compact");
  return readTree(text, keep ? (source) => exact.read(source) : Number);
}

type Container = { array: unknown[]; object?: undefined } | {
  array?: undefined;
  object: Record<string, unknown>;
};

/**
 * Reads the tree of text already checked to be JSON, as `JSON.parse` would
 * (the last of equal keys wins), deciding keys without `JSON.parse` on objects.
 * Nesting is kept on an explicit stack. One reader per text.
 */
class TreeReader {
  i = 0;
  // Sticky expressions carry a position: these are this reader's own.
  readonly #string = /"(?:[^"\\]|\\.)*"/y;
  readonly #number = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

  constructor(readonly text: string, readonly number: (source: string) => unknown) {}

  ws(): void {
    this.i = skipWhitespace(this.text, this.i);
  }

  string(): string {
    this.#string.lastIndex = this.i;
    const token = this.#string.exec(this.text)![0];
    this.i += token.length;
    // A lone string literal never takes V8's object-key path.
    return token.includes("\\") ? JSON.parse(token) : token.slice(1, -1);
  }

  key(): string {
    this.ws();
    const k = this.string();
    this.ws();
    this.i++; // ":"
    return k;
  }

  /** A string, literal or number at `i` (`c` is its first char code). */
  scalar(c: number): unknown {
    if (c === 34) return this.string();
    if (c === 116 || c === 102 || c === 110) {
      this.i += c === 102 ? 5 : 4;
      return c === 116 ? true : c === 102 ? false : null;
    }
    this.#number.lastIndex = this.i;
    const source = this.#number.exec(this.text)![0];
    this.i += source.length;
    return this.number(source);
  }

  read(): unknown {
    const { text } = this;
    const stack: { into: Container; key: string }[] = [];
    for (;;) {
      this.ws();
      const c = text.charCodeAt(this.i);
      let value: unknown;
      if (c === 123 || c === 91) {
        this.i++;
        this.ws();
        const into: Container = c === 91 ? { array: [] } : { object: {} };
        if (text.charCodeAt(this.i) !== c + 2) {
          stack.push({ into, key: into.object ? this.key() : "" });
          continue;
        }
        this.i++;
        value = into.array ?? into.object;
      } else {
        value = this.scalar(c);
      }
      for (;;) {
        const top = stack.at(-1);
        if (top === undefined) return value;
        const { array, object } = top.into;
        // A plain assignment makes even `__proto__` an own key: Deno has no
        // `__proto__` accessor on Object.prototype.
        if (array) array.push(value);
        else object[top.key] = value;
        this.ws();
        if (text.charCodeAt(this.i++) === 44) {
          if (object) top.key = this.key();
          break;
        }
        stack.pop();
        value = array ?? object;
      }
    }
  }
}

/** The tree of `text` (already checked to be JSON), numbers made by `number`. */
function readTree(text: string, number: (source: string) => unknown): unknown {
  return new TreeReader(text, number).read();
}
