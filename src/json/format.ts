/**
 * JSON as soracom-cli prints it: object keys sorted as Go sorts them (by code
 * point), tab indentation, numbers exactly as the server wrote them (a 20-digit
 * integer survives), no HTML escaping.
 *
 * Responses are reformatted from their text in one pass, without building a
 * tree: that pass is also the strict JSON check, so it rejects exactly what
 * `JSON.parse` rejects and can say where the text stops being JSON. It keeps its
 * state on an explicit stack, so no nesting depth overflows the call stack.
 *
 * There is one formatter in the process (`FORMATTER`): the one module-level
 * object that changes, named in `docs/architecture.md`. Its reused containers
 * keep V8's optimised code for the pass alive; a formatter per text or per run
 * made `--fetch-all` of 20,000 items markedly slower (see the class comment).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { formatJson } from "./format.ts";
 *
 * assert.equal(formatJson('{"b":1,"a":12345678901234567890}'), '{\n\t"a": 12345678901234567890,\n\t"b": 1\n}');
 * assert.equal(formatJson('{"b":1,"a":[1.50]}', "compact"), '{"a":[1.50],"b":1}');
 * ```
 *
 * @module
 */

import { type JsonStyle, JsonSyntaxError } from "./value.ts";

/** The index of the first character at or after `i` that is not JSON whitespace. */
export function skipWhitespace(text: string, i: number): number {
  // Never reads past the end: V8 drops optimized code that does.
  for (const n = text.length; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c !== 32 && c !== 10 && c !== 13 && c !== 9) break;
  }
  return i;
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

/**
 * Whether a string written without escapes may have to be rejected or written
 * differently: control characters (invalid unescaped), U+2028/U+2029 (escaped on
 * output) or lone surrogates (tested apart, by `isWellFormed`).
 */
// deno-lint-ignore no-control-regex
const NEEDS_CARE = /[\u0000-\u001f\u2028\u2029]/;
// deno-lint-ignore no-control-regex
const CONTROL = /[\u0000-\u001f]/;
const SURROGATE = /[\ud800-\udfff]/;
/** A surrogate written as an escape (or text that looks like one: then sorting by code point costs a little time, nothing else). */
const ESCAPED_SURROGATE = /\\u[dD][89a-fA-F]/;
/** Anything that makes {@link NEEDS_CARE} or {@link SURROGATE} match: one scan for the common case. */
// deno-lint-ignore no-control-regex
const ODD = /[\u0000-\u001f\u2028\u2029\ud800-\udfff]/;

/**
 * Go's key order (UTF-8 bytes, so code points), for text with surrogates, where
 * UTF-16 order differs: U+FF61 sorts before U+1F600 in Go, after its surrogates
 * in UTF-16. A lone surrogate counts as its own value.
 */
function byCodePoint(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) return a.length - b.length;
  // A shared high surrogate followed, in either string, by a low one: compare
  // the code points that start at it (a pair, or the lone surrogate itself).
  const c = a.charCodeAt(i - 1);
  const at = c >= 0xd800 && c < 0xdc00 && (isLow(a.charCodeAt(i)) || isLow(b.charCodeAt(i)))
    ? i - 1
    : i;
  return a.codePointAt(at)! - b.codePointAt(at)!;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c < 0xe000;
}

/**
 * How objects with one sequence of keys print: the order their members go out
 * in, and what goes before each value. Kept per depth and reused while the
 * objects there have the same keys in the same order, as the items of an API
 * list do: their keys are then matched in the text, not read, and not sorted.
 */
interface Shape {
  /**
   * The keys as printed (quotes included), in the order the text had them. A
   * later key written exactly so is the same key (printed keys are JSON), so
   * these are what later objects are matched against.
   */
  readonly keyTexts: readonly string[];
  /** The keys' values, for sorting. */
  readonly keys: readonly string[];
  /** Indexes into the members in the order they print; of equal keys the last. */
  readonly order: readonly number[];
  /** What goes before each printed member's value: comma, indentation, key, colon. */
  readonly prefixes: readonly string[];
  /** Whether it was made for pretty text. */
  readonly pretty: boolean;
}

/**
 * An object or array whose closing bracket is still ahead. One is kept per
 * nesting depth and reused for every container at that depth (see
 * {@link Formatter}).
 */
class Open {
  object = false;
  /** An array's element texts, or an object's values, in the order written. */
  items: string[] = [];
  /** An object's keys and key texts as printed, in the order written (see `matched`). */
  readonly keys: string[] = [];
  readonly keyTexts: string[] = [];
  /**
   * How many keys so far matched `shape` (and were not read into `keys`), or -1
   * once one did not.
   */
  matched = -1;
  /** The shapes of the last objects at this depth, the latest first. */
  readonly shapes: Shape[] = [];
  /** The shape being matched (from the first key on). */
  shape: Shape | undefined = undefined;
  /** The closing bracket's char code. */
  close = 93;

  /** Makes this the next container, empty. */
  open(object: boolean): this {
    this.object = object;
    this.close = object ? 125 : 93;
    this.items.length = 0;
    this.keys.length = 0;
    this.keyTexts.length = 0;
    this.shape = undefined;
    this.matched = object && this.shapes.length > 0 ? 0 : -1;
    return this;
  }

  /**
   * The shape to go on matching with: the current one if its key number `k` is
   * written at `at` in `text`, else a kept one (made for the same layout) that
   * agrees with the `k` keys matched so far and has that key there. Objects of
   * kinds that share their first keys (a list's items with optional fields)
   * each find their own.
   */
  find(text: string, at: number, k: number, pretty: boolean): Shape | undefined {
    const current = this.shape;
    if (current !== undefined && k < current.keyTexts.length) {
      if (text.startsWith(current.keyTexts[k], at)) return current;
    }
    search: for (const shape of this.shapes) {
      if (shape === current || shape.pretty !== pretty || shape.keyTexts.length <= k) continue;
      for (let j = 0; j < k; j++) if (shape.keyTexts[j] !== current!.keyTexts[j]) continue search;
      if (text.startsWith(shape.keyTexts[k], at)) return this.shape = shape;
    }
    return undefined;
  }

  /** Keeps `shape` as the latest at this depth. */
  keep(shape: Shape): void {
    if (this.shapes.length === KEPT_SHAPES) this.shapes.pop();
    this.shapes.unshift(shape);
  }

  /** Stops matching `shape`: the keys matched so far are read into `keys`. */
  unmatch(): void {
    const shape = this.shape!;
    for (let k = 0; k < this.matched; k++) {
      this.keys.push(shape.keys[k]);
      this.keyTexts.push(shape.keyTexts[k]);
    }
    this.matched = -1;
  }
}

/**
 * One pass over one text at a time. There is a single formatter, and one
 * {@link Open} per depth, reused by every text: V8's optimized code for these
 * methods holds on to the objects it first ran with, and is thrown away when a
 * garbage collection finds them gone (about every fifty 34 KB pages, each time
 * costing some ten pages at interpreter speed). Objects that never go away keep
 * the code, and make less garbage.
 */
class Formatter {
  i = 0;
  /** The next backslash at or after some earlier position (Infinity: none left). */
  backslash = -1;
  /** The decoded value of the last string read with `decode`. */
  decoded = "";
  text = "";
  pretty = true;
  /** Whether strings need checking one by one (else each prints as written). */
  careful = false;
  /**
   * Whether keys sort by code point (text with surrogates), not by UTF-16 unit.
   * A shape made either way fits the other: its keys have no surrogates, or
   * the text matching them has some too.
   */
  codePointOrder = false;
  /** The containers open, by depth (the first `depth` of them). */
  readonly opens: Open[] = [];
  /** "\n" and as many tabs as the index, shared by every text and grown as needed. */
  readonly pads: string[] = ["\n"];
  depth = 0;

  /** Formats `text` (see {@link Formatter.run}), then lets go of it. */
  format(text: string, pretty: boolean, each?: (item: string) => void): string | boolean {
    this.text = text;
    this.pretty = pretty;
    this.i = 0;
    this.backslash = -1;
    this.depth = 0;
    const odd = ODD.test(text);
    this.careful = odd && (NEEDS_CARE.test(text) || !text.isWellFormed());
    // Keys with surrogates, written as they are or escaped, sort by code point.
    this.codePointOrder = (odd && SURROGATE.test(text)) || ESCAPED_SURROGATE.test(text);
    try {
      return this.run(each);
    } finally {
      this.text = "";
      this.decoded = "";
      // Deeper containers than any response usually has are let go.
      if (this.opens.length > KEPT_DEPTH) this.opens.length = KEPT_DEPTH;
      for (const open of this.opens) open.open(false);
      if (this.pads.length > KEPT_DEPTH) this.pads.length = KEPT_DEPTH;
    }
  }

  fail(problem: string, at: number): never {
    throw new JsonSyntaxError(at >= this.text.length ? "unexpected end of input" : problem, at);
  }

  ws(): void {
    this.i = skipWhitespace(this.text, this.i);
  }

  /** The string starting at `i`, as it prints; with `decode`, its value goes to `decoded`. */
  string(decode: boolean): string {
    const t = this.text;
    const start = this.i;
    let j = start + 1;
    let escaped = false;
    for (;;) {
      const q = t.indexOf('"', j);
      if (q < 0) this.failString(start);
      if (this.backslash < j) {
        const b = t.indexOf("\\", j);
        this.backslash = b < 0 ? Infinity : b;
      }
      if (this.backslash > q) {
        j = q + 1;
        break;
      }
      escaped = true;
      j = this.backslash + 2;
    }
    this.i = j;
    if (escaped) {
      let value: string;
      try {
        value = JSON.parse(t.slice(start, j));
      } catch {
        this.failString(start);
      }
      this.decoded = value;
      return quote(value);
    }
    if (!this.careful) {
      if (decode) this.decoded = t.slice(start + 1, j - 1);
      return t.slice(start, j);
    }
    const inner = t.slice(start + 1, j - 1);
    if (CONTROL.test(inner)) this.failString(start);
    this.decoded = inner;
    return NEEDS_CARE.test(inner) || !inner.isWellFormed() ? quote(inner) : t.slice(start, j);
  }

  /** Finds exactly what is wrong in the string starting at `start` (the slow path). */
  failString(start: number): never {
    const t = this.text;
    for (let k = start + 1; k < t.length; k++) {
      const c = t.charCodeAt(k);
      // (Not reached: the caller found the string invalid.)
      if (c === 34) this.fail("invalid string", start);
      if (c < 32) this.fail("control character in string", k);
      if (c !== 92) continue;
      const e = t.charAt(k + 1);
      if (e === "") break;
      if (e === "u") {
        if (!/^[0-9a-fA-F]{4}$/.test(t.slice(k + 2, k + 6))) {
          this.fail("invalid \\u escape in string", k);
        }
        k += 5;
      } else if ('"\\/bfnrt'.includes(e)) {
        k++;
      } else {
        this.fail("invalid escape in string", k);
      }
    }
    throw new JsonSyntaxError("unterminated string", t.length);
  }

  number(): string {
    const t = this.text;
    const start = this.i;
    let k = start;
    if (t.charCodeAt(k) === 45) k++;
    const first = t.charCodeAt(k);
    if (first === 48) k++;
    else if (first > 48 && first <= 57) k = this.digits(k + 1);
    else this.fail(k === start ? "expected a value" : "invalid number", k);
    if (t.charCodeAt(k) === 46) {
      const end = this.digits(k + 1);
      if (end === k + 1) this.fail("invalid number", end);
      k = end;
    }
    const e = t.charCodeAt(k);
    if (e === 101 || e === 69) {
      k++;
      const sign = t.charCodeAt(k);
      if (sign === 43 || sign === 45) k++;
      const end = this.digits(k);
      if (end === k) this.fail("invalid number", end);
      k = end;
    }
    this.i = k;
    return t.slice(start, k);
  }

  digits(from: number): number {
    const t = this.text;
    let k = from;
    for (;;) {
      const c = t.charCodeAt(k);
      if (c >= 48 && c <= 57) k++;
      else return k;
    }
  }

  scalar(): string {
    const t = this.text;
    const i = this.i;
    const c = t.charCodeAt(i);
    if (c === 34) return this.string(false);
    if (c === 116 && t.startsWith("true", i)) return (this.i = i + 4, "true");
    if (c === 102 && t.startsWith("false", i)) return (this.i = i + 5, "false");
    if (c === 110 && t.startsWith("null", i)) return (this.i = i + 4, "null");
    return this.number();
  }

  /** Reads a member's key and colon into `open`, or matches the key of its shape. */
  key(open: Open): void {
    const t = this.text;
    if (t.charCodeAt(this.i) <= 32) this.ws();
    if (t.charCodeAt(this.i) !== 34) this.fail("expected a property name", this.i);
    const k = open.matched;
    const shape = k >= 0 ? open.find(t, this.i, k, this.pretty) : undefined;
    if (shape !== undefined) {
      this.i += shape.keyTexts[k].length;
      open.matched = k + 1;
    } else {
      if (k >= 0) open.unmatch();
      open.keyTexts.push(this.string(true));
      open.keys.push(this.decoded);
    }
    if (t.charCodeAt(this.i) <= 32) this.ws();
    if (t.charCodeAt(this.i) !== 58) this.fail('expected ":"', this.i);
    this.i++;
  }

  /** What goes between two members or items of a container whose first line is at `depth`. */
  comma(depth: number): string {
    return this.pretty ? `,${this.pad(depth + 1)}` : ",";
  }

  /** "\n" and `depth` tabs. */
  pad(depth: number): string {
    const pads = this.pads;
    while (pads.length <= depth) pads.push(`${pads[pads.length - 1]}\t`);
    return pads[depth];
  }

  /** A closed object or array whose first line is at `depth`. */
  render(open: Open, depth: number): string {
    const items = open.items;
    // Built with +, not join: V8 keeps the pieces as a rope and copies them once,
    // when the whole text is written, instead of once per nesting level.
    let out: string;
    if (open.object) {
      let shape = open.shape;
      if (open.matched !== items.length || shape!.keyTexts.length !== items.length) {
        if (open.matched > 0) open.unmatch();
        shape = this.shapeOf(open, depth);
        open.keep(shape);
      }
      const { order, prefixes } = shape!;
      out = this.pretty ? `{${this.pad(depth + 1)}` : "{";
      for (let k = 0; k < order.length; k++) out += prefixes[k] + items[order[k]];
      return this.pretty ? out + this.pad(depth) + "}" : out + "}";
    }
    out = this.pretty ? `[${this.pad(depth + 1)}${items[0]}` : `[${items[0]}`;
    const comma = this.comma(depth);
    for (let k = 1; k < items.length; k++) out += comma + items[k];
    return this.pretty ? out + this.pad(depth) + "]" : out + "]";
  }

  /** The shape of the object `open` has read, at `depth`. */
  shapeOf(open: Open, depth: number): Shape {
    const keys = open.keys.slice();
    const keyTexts = open.keyTexts.slice();
    const sorted = keys.map((_, k) => k);
    // Stable: of equal keys the last wins, as with JSON.parse and Go.
    sorted.sort(
      this.codePointOrder
        ? (a, b) => byCodePoint(keys[a], keys[b])
        : (a, b) => keys[a] < keys[b] ? -1 : keys[a] > keys[b] ? 1 : 0,
    );
    const order = sorted.filter((k, n) =>
      n + 1 === sorted.length || keys[sorted[n + 1]] !== keys[k]
    );
    const comma = this.comma(depth);
    const colon = this.pretty ? ": " : ":";
    const prefixes = order.map((k, n) => `${n === 0 ? "" : comma}${keyTexts[k]}${colon}`);
    return { keyTexts, keys, order, prefixes, pretty: this.pretty };
  }

  /**
   * Formats the whole text. With `each`, a top-level array hands it its elements
   * one by one, each formatted as it sits inside the array, and gives true;
   * anything else gives false.
   */
  run(each: ((item: string) => void) | undefined): string | boolean {
    const t = this.text;
    this.ws();
    if (each === undefined || t.charCodeAt(this.i) !== 91) {
      const value = this.value(0);
      return this.end(each === undefined ? value : false);
    }
    // One call of `value` per element: V8 optimizes a function called often
    // sooner than one long loop, and uses the optimized code from its next call.
    this.i++;
    this.ws();
    if (t.charCodeAt(this.i) === 93) {
      this.i++;
      return this.end(true);
    }
    for (;;) {
      each(this.value(1));
      if (t.charCodeAt(this.i) <= 32) this.ws();
      const next = t.charCodeAt(this.i++);
      if (next === 93) return this.end(true);
      if (next !== 44) this.fail('expected "," or "]"', this.i - 1);
    }
  }

  /**
   * Formats the value at `i` as it prints inside `base` containers (its first
   * line not indented), leaving `i` after it. Nesting is kept in {@link opens}.
   */
  value(base: number): string {
    const t = this.text;
    const opens = this.opens;
    this.depth = base;
    for (;;) {
      if (t.charCodeAt(this.i) <= 32) this.ws();
      const c = t.charCodeAt(this.i);
      let value: string;
      if (c === 123 || c === 91) {
        this.i++;
        const object = c === 123;
        if (t.charCodeAt(this.i) <= 32) this.ws();
        if (t.charCodeAt(this.i) !== (object ? 125 : 93)) {
          while (opens.length <= this.depth) opens.push(new Open());
          const open = opens[this.depth++].open(object);
          if (object) this.key(open);
          continue;
        }
        this.i++;
        value = object ? "{}" : "[]";
      } else {
        value = this.scalar();
      }
      // Hand the value to the object or array it is in, closing those it completes.
      for (;;) {
        if (this.depth === base) return value;
        const open = opens[this.depth - 1];
        open.items.push(value);
        if (t.charCodeAt(this.i) <= 32) this.ws();
        const next = t.charCodeAt(this.i);
        if (next === 44) {
          this.i++;
          if (open.object) this.key(open);
          break;
        }
        if (next !== open.close) {
          this.fail(open.object ? 'expected "," or "}"' : 'expected "," or "]"', this.i);
        }
        this.i++;
        this.depth--;
        value = this.render(open, this.depth);
      }
    }
  }

  /** Checks nothing but whitespace follows the value, then gives `result`. */
  end<T>(result: T): T {
    this.ws();
    if (this.i < this.text.length) this.fail("unexpected text after the value", this.i);
    return result;
  }
}

// The one module-level state in src/ (docs/architecture.md): a formatter per text or per run
// loses the optimised code its reused containers keep alive (see the Formatter class).
// deno-lint-ignore soracom/no-module-state
const FORMATTER = new Formatter();

/** How many {@link Open}s the formatter keeps between texts. */
const KEPT_DEPTH = 64;

/** How many shapes an {@link Open} keeps: objects of several kinds can alternate at one depth. */
const KEPT_SHAPES = 8;

/**
 * Formats JSON text: keys sorted, numbers and string contents as written
 * (escapes normalised like Go), pretty (tabs) or compact. No final newline.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(formatJson('{"b":[1, 2],"a":null}', "compact"), '{"a":null,"b":[1,2]}');
 * ```
 *
 * @throws JsonSyntaxError for text `JSON.parse` rejects
 */
export function formatJson(text: string, style: JsonStyle = "pretty"): string {
  return FORMATTER.format(text, style === "pretty") as string;
}

/**
 * The elements of a top-level JSON array, each formatted as it sits inside the
 * array (pretty ones indented one tab), or `undefined` when the text is valid
 * JSON but not an array (see {@link eachJsonElement}, which `--fetch-all` uses).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(formatJsonElements('[{"b":1,"a":2}, 3]', "compact"), ['{"a":2,"b":1}', "3"]);
 * assert.deepEqual(formatJsonElements('{"a":1}', "compact"), undefined);
 * ```
 *
 * @throws JsonSyntaxError for text `JSON.parse` rejects
 */
export function formatJsonElements(text: string, style: JsonStyle): string[] | undefined {
  const items: string[] = [];
  return eachJsonElement(text, style, (item) => items.push(item)) ? items : undefined;
}

/**
 * Hands `each` the elements of a top-level JSON array one at a time, each
 * formatted as it sits inside the array, as soon as it is read, and gives true;
 * gives false (calling `each` never) when the text is valid JSON but not an
 * array. A `--fetch-all` page so never holds all its elements' texts at once.
 * `each` must not format JSON itself: there is one formatter.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * const items: string[] = [];
 * assert.ok(eachJsonElement('[{"b":1,"a":2}, 3]', "compact", (item) => items.push(item)));
 * assert.deepEqual(items, ['{"a":2,"b":1}', "3"]);
 * ```
 *
 * @throws JsonSyntaxError for text `JSON.parse` rejects (after handing over
 * the elements before the fault)
 */
export function eachJsonElement(
  text: string,
  style: JsonStyle,
  each: (item: string) => void,
): boolean {
  return FORMATTER.format(text, style === "pretty", each) as boolean;
}

/** Where text stops being JSON, and why (in fixed words: never the text, which may hold secrets). */
export interface JsonErrorPlace {
  /** What is wrong: one of a few fixed phrases (`unexpected end of input`, `expected ":"`...). */
  readonly problem: string;
  /** Its line, from 1. */
  readonly line: number;
  /** Its column, in UTF-16 units from 1. */
  readonly column: number;
}

/** Where `text` stops being JSON; `undefined` for text that is JSON. */
export function locateJsonError(text: string): JsonErrorPlace | undefined {
  try {
    formatJson(text, "compact");
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const before = text.slice(0, e.offset);
    const line = before.split("\n").length;
    const column = e.offset - before.lastIndexOf("\n");
    return { problem: e.problem, line, column };
  }
  return undefined;
}

/**
 * Says where `text` stops being JSON, as "<problem> at line L column C"
 * (columns count UTF-16 units from 1), without quoting the text itself (it may
 * hold secrets). Text that is JSON gets "invalid JSON".
 */
export function describeJsonError(text: string): string {
  const place = locateJsonError(text);
  return place ? `${place.problem} at line ${place.line} column ${place.column}` : "invalid JSON";
}
