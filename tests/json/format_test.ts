/**
 * Properties of src/json/ against a reference written here,
 * independently: the text formatter prints what the reference prints, the tree
 * readers build what it builds, exactly what `JSON.parse` rejects is rejected,
 * and `describeJsonError` points inside the text, where `JSON.parse` itself
 * says the error is.
 *
 * The reference decodes keys itself, not with `JSON.parse` on objects: V8
 * (chromium 521080746) can return an escaped key such as `"\n"` as `"\\"` once
 * earlier objects shaped its key cache, and with a reviver it can keep the
 * first of two equal keys. The cases that showed both are pinned below.
 */
import { fc } from "../helpers/property.ts";
import assert from "node:assert/strict";
import {
  describeJsonError,
  formatJson,
  formatJsonElements,
  type JsonStyle,
  JsonSyntaxError,
  parseJson,
  parseJsonData,
  RawNumber,
} from "../../src/json/mod.ts";

// ---- The reference: a plain recursive reader, then a plain recursive printer. ----

class Num {
  constructor(readonly source: string) {}
}

type Tree = null | boolean | string | Num | Tree[] | { [key: string]: Tree };

/** Reads JSON text that `JSON.parse` accepts; strings alone go through `JSON.parse`. */
function parseReference(text: string): Tree {
  let at = 0;
  const token = (pattern: RegExp): string => {
    const sticky = new RegExp(pattern.source, "y");
    sticky.lastIndex = at;
    const match = sticky.exec(text);
    if (match === null) throw new Error(`reference: no ${pattern} at ${at}`);
    at = sticky.lastIndex;
    return match[0];
  };
  const space = () => token(/[ \t\n\r]*/);
  const string = (): string => JSON.parse(token(/"(?:[^"\\]|\\.)*"/));
  const value = (): Tree => {
    space();
    const c = text[at];
    let result: Tree;
    if (c === "[") {
      at++;
      const items: Tree[] = [];
      space();
      if (text[at] === "]") at++;
      else {
        do items.push(value()); while (token(/[,\]]/) === ",");
      }
      result = items;
    } else if (c === "{") {
      at++;
      const members: { [key: string]: Tree } = {};
      space();
      if (text[at] === "}") at++;
      else {
        do {
          space();
          const key = string();
          space();
          token(/:/);
          Object.defineProperty(members, key, {
            value: value(),
            enumerable: true,
            writable: true,
            configurable: true,
          });
        } while (token(/[,}]/) === ",");
      }
      result = members;
    } else if (c === '"') result = string();
    else {
      const word = token(/true|false|null|-?[0-9.eE+-]+/);
      result = word === "true"
        ? true
        : word === "false"
        ? false
        : word === "null"
        ? null
        : new Num(word);
    }
    space();
    return result;
  };
  const tree = value();
  if (at !== text.length) throw new Error(`reference: text after the value at ${at}`);
  return tree;
}

/** Go sorts map keys by their UTF-8 bytes, that is by code point. */
function byCodePoints(a: string, b: string): number {
  const x = Array.from(a, (c) => c.codePointAt(0)!);
  const y = Array.from(b, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i] - y[i];
  }
  return x.length - y.length;
}

function quoteReference(s: string): string {
  return JSON.stringify(s).replaceAll("\u2028", "\\u2028").replaceAll("\u2029", "\\u2029");
}

function printReference(value: Tree, style: JsonStyle, depth = 0): string {
  if (value instanceof Num) return value.source;
  if (typeof value === "string") return quoteReference(value);
  if (value === null || typeof value === "boolean") return String(value);
  const entries: string[] = Array.isArray(value)
    ? value.map((v) => printReference(v, style, depth + 1))
    : Object.keys(value).sort(byCodePoints).map((k) =>
      `${quoteReference(k)}:${style === "pretty" ? " " : ""}${
        printReference(value[k], style, depth + 1)
      }`
    );
  const [open, close] = Array.isArray(value) ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return open + close;
  if (style === "compact") return open + entries.join(",") + close;
  const inner = "\t".repeat(depth + 1);
  return `${open}\n${inner}${entries.join(`,\n${inner}`)}\n${"\t".repeat(depth)}${close}`;
}

function reference(text: string, style: JsonStyle): string {
  return printReference(parseReference(text), style);
}

// ---- Generators of JSON text: what fast-check knows, and what it does not. ----

const whitespace = fc.constantFrom("", "", " ", "\n", "\t", "\r\n", "  \n\t");

/** Number texts of every shape, kept as written: -0, 1.50, 1E+400, 20-digit integers. */
const numberText = fc.tuple(
  fc.constantFrom("", "-"),
  fc.oneof(fc.constant("0"), fc.stringMatching(/^[1-9][0-9]{0,24}$/)),
  fc.option(fc.stringMatching(/^\.[0-9]{1,20}$/), { nil: "" }),
  fc.option(fc.stringMatching(/^[eE][+-]?[0-9]{1,4}$/), { nil: "" }),
).map((parts) => parts.join(""));

/** Whether `s` can stand in a JSON string as written. */
function plain(s: string): boolean {
  return [...s].every((c) => c !== '"' && c !== "\\" && c.charCodeAt(0) >= 0x20);
}

/** Characters that make strings hard: separators, lone and paired surrogates, astral, DEL. */
const hardChar = fc.oneof(
  fc.constantFrom("\u2028", "\u2029", "\u007f", "\ufeff", "\uff61", "\u{1F600}", "é", "<&>"),
  fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  fc.string({ unit: "binary", minLength: 1, maxLength: 1 }),
).filter(plain);

const escape = fc.oneof(
  fc.constantFrom('\\"', "\\\\", "\\/", "\\b", "\\f", "\\n", "\\r", "\\t"),
  fc.oneof(
    fc.constantFrom(0x0, 0x1f, 0x41, 0x2028, 0x2029, 0xd800, 0xdc00, 0xd83d, 0xde00, 0xffff),
    fc.integer({ min: 0, max: 0xffff }),
  ).map((c) => `\\u${c.toString(16).padStart(4, "0")}`),
  fc.stringMatching(/^\\u[0-9a-fA-F]{4}$/),
);

const stringText = fc.array(fc.oneof(fc.string({ maxLength: 3 }).filter(plain), hardChar, escape), {
  maxLength: 6,
}).map((parts) => `"${parts.join("")}"`);

/** Keys from a small pool too, so objects have duplicates (some only once decoded). */
const keyText = fc.oneof(
  stringText,
  fc.constantFrom(
    '"a"',
    '"\\u0061"',
    '"b"',
    '"10"',
    '"9"',
    '"__proto__"',
    '"\uff61"',
    '"\u{1F600}"',
  ),
);

const { value: valueText } = fc.letrec<{ value: string }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    numberText,
    stringText,
    fc.constantFrom("true", "false", "null"),
    fc.array(fc.tuple(whitespace, tie("value"), whitespace), { maxLength: 5 })
      .map((items) => `[${items.map((p) => p.join("")).join(",")}]`),
    fc.array(fc.tuple(whitespace, keyText, whitespace, whitespace, tie("value")), {
      maxLength: 5,
    }).map((members) => `{${members.map(([a, k, b, c, v]) => `${a}${k}${b}:${c}${v}`).join(",")}}`),
  ),
}));

const jsonText = fc.oneof(
  fc.tuple(whitespace, valueText, whitespace).map((p) => p.join("")),
  fc.json(),
  fc.tuple(fc.jsonValue({ stringUnit: "binary" }), fc.constantFrom(undefined, "\t", " \n"))
    .map(([v, indent]) => JSON.stringify(v, null, indent)),
);

/** Valid text broken (or not) by inserting, deleting or replacing a little of it. */
const mutatedText = fc.tuple(
  jsonText,
  fc.nat(),
  fc.nat({ max: 3 }),
  fc.oneof(
    fc.string({ maxLength: 2 }),
    fc.constantFrom('"', "\\", ",", ":", "[", "]", "{", "}", "-", ".", "e", "0", "\u0001", "\n"),
    // Whitespace elsewhere, never in JSON.
    fc.constantFrom("\f", "\v", "\u00a0", "\u2028", "\ufeff"),
  ),
).map(([text, at, cut, insert]) => {
  const p = at % (text.length + 1);
  return text.slice(0, p) + insert + text.slice(p + cut);
});

const anyText = fc.oneof(mutatedText, fc.string(), fc.string({ unit: "binary" }));

/** Whether `f` throws a `cls`; anything else it throws is a failure. */
function rejects(f: () => unknown, cls: abstract new (...args: never[]) => Error): boolean {
  try {
    f();
    return false;
  } catch (e) {
    if (e instanceof cls) return true;
    throw e;
  }
}

const RUNS = { numRuns: 3000 };

// ---- Properties. ----

/**
 * Texts that failed once, kept as fixed cases: a lone high surrogate before
 * U+2028 and before "\n" (code-point order); equal keys, one escaped, under a
 * reviver; and an escaped key after an object that shaped V8's key cache.
 */
const PINNED = [
  '{"":{"":{"\u{1F600}":1},"\\ud800\u2028":0,"\\ud800\\u000A":0}}',
  '[{"":{"":1,"a":0,"\\u0061":0}}]',
  '{"\\u0061":1,"\\u0061":[],"\\\\":{"a":"\\\\","a":1,"\\u0061":"s","\\u0061":"s","":0},"\\n":[1,"s"]}',
  '{"a":{"a":0,"x":0},"\\n":0}',
  '[{"a":[{"a":0,"\\\\":0}],"\\n":[]}]',
];
const pinned = PINNED.flatMap((text) =>
  [[text, "pretty"], [text, "compact"]] as [string, JsonStyle][]
);

/** Numbers as `JSON.parse` gives them, for comparing trees. */
function plainNumbers(value: unknown): unknown {
  if (value instanceof Num || value instanceof RawNumber) return Number(value.source);
  if (Array.isArray(value)) return value.map(plainNumbers);
  if (value === null || typeof value !== "object") return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    Object.defineProperty(out, key, {
      value: plainNumbers((value as Record<string, unknown>)[key]),
      enumerable: true,
    });
  }
  return out;
}

Deno.test("property: the generated texts are JSON (the properties below are not vacuous)", () => {
  fc.assert(fc.property(jsonText, (text) => void JSON.parse(text)), RUNS);
});

Deno.test("property: the reference reads what JSON.parse reads, where no key is escaped", () => {
  fc.assert(
    fc.property(jsonText, (text) => {
      fc.pre(!text.includes("\\"));
      assert.deepEqual(plainNumbers(parseReference(text)), JSON.parse(text));
    }),
    RUNS,
  );
});

Deno.test("property: formatJson prints what the reference prints", () => {
  fc.assert(
    fc.property(jsonText, fc.constantFrom<JsonStyle>("pretty", "compact"), (text, style) => {
      assert.deepEqual(formatJson(text, style), reference(text, style));
    }),
    { ...RUNS, examples: pinned },
  );
});

Deno.test("property: parseJson keeps number texts and parseJsonData matches JSON, both as the reference reads", () => {
  fc.assert(
    fc.property(jsonText, (text) => {
      const tree = parseJson(text);
      const expected = parseReference(text);
      assert.deepEqual(printTree(tree), printReference(expected, "compact"));
      assert.deepEqual(parseJsonData(text), plainNumbers(expected));
    }),
    { ...RUNS, examples: PINNED.map((text) => [text]) },
  );
});

/** A tree from parseJson in the reference's compact form. */
function printTree(value: unknown): string {
  if (value instanceof RawNumber) return printReference(new Num(value.source), "compact");
  if (Array.isArray(value)) return `[${value.map(printTree).join(",")}]`;
  if (value === null || typeof value !== "object") return printReference(value as Tree, "compact");
  const members = Object.keys(value).sort(byCodePoints).map((k) =>
    `${quoteReference(k)}:${printTree((value as Record<string, unknown>)[k])}`
  );
  return `{${members.join(",")}}`;
}

/**
 * Lists of objects that share keys, as API pages do, with what breaks a shared
 * shape: keys in another order, one more or one fewer, a repeated key, the same
 * key escaped, and objects of two kinds taking turns at one depth.
 */
const recordKey = fc.constantFrom('"a"', '"b"', '"c"', '"ab"', '"a!"', '"\\u0061"', '"é"', '""');
const { record } = fc.letrec<{ record: string }>((tie) => ({
  record: fc.array(
    fc.tuple(
      recordKey,
      fc.oneof({ depthSize: "small" }, numberText, stringText, tie("record")),
    ),
    { minLength: 1, maxLength: 5 },
  ).map((members) => `{${members.map(([k, v]) => `${k}:${v}`).join(",")}}`),
}));
const page = fc.array(record, { minLength: 1, maxLength: 6 }).chain((records) =>
  // Often the same record again, as list items are.
  fc.array(fc.nat({ max: records.length - 1 }), { minLength: 1, maxLength: 12 })
    .map((picks) => `[${picks.map((i) => records[i]).join(",")}]`)
);

Deno.test("property: objects sharing keys print as the reference prints, page after page", () => {
  const styles = fc.constantFrom<JsonStyle>("pretty", "compact");
  fc.assert(
    fc.property(fc.array(fc.tuple(page, styles), { minLength: 1, maxLength: 4 }), (pages) => {
      for (const [text, style] of pages) {
        assert.deepEqual(formatJson(text, style), reference(text, style), text);
        const each = (parseReference(text) as Tree[]).map((v) => printReference(v, style, 1));
        assert.deepEqual(formatJsonElements(text, style)?.join(","), each.join(","), text);
      }
    }),
    { numRuns: 1000 },
  );
});

Deno.test("property: formatJsonElements gives an array's elements as they print inside it", () => {
  fc.assert(
    fc.property(jsonText, fc.constantFrom<JsonStyle>("pretty", "compact"), (text, style) => {
      const value = parseReference(text);
      const elements = formatJsonElements(text, style);
      if (!Array.isArray(value)) {
        assert.equal(elements, undefined);
        return;
      }
      assert.deepEqual(elements, value.map((v) => printReference(v, style, 1)));
      // Put back together as the --fetch-all printer does, they are the whole array.
      const joined = elements!.length === 0
        ? "[]"
        : style === "pretty"
        ? `[\n\t${elements!.join(",\n\t")}\n]`
        : `[${elements!.join(",")}]`;
      assert.deepEqual(joined, formatJson(text, style));
    }),
    { ...RUNS, examples: pinned },
  );
});

Deno.test("property: exactly what JSON.parse rejects is rejected (and otherwise printed right)", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const invalid = rejects(() => JSON.parse(text), SyntaxError);
      assert.deepEqual(
        rejects(() => formatJson(text, "compact"), JsonSyntaxError),
        invalid,
        JSON.stringify(text),
      );
      assert.deepEqual(rejects(() => formatJsonElements(text, "pretty"), JsonSyntaxError), invalid);
      if (!invalid) assert.deepEqual(formatJson(text, "pretty"), reference(text, "pretty"));
    }),
    { numRuns: 10_000 },
  );
});

const PROBLEMS = [
  "unexpected end of input",
  "expected a value",
  "expected a property name",
  'expected ":"',
  'expected "," or "]"',
  'expected "," or "}"',
  "unexpected text after the value",
  "invalid number",
  "unterminated string",
  "control character in string",
  "invalid escape in string",
  "invalid \\u escape in string",
];

const DESCRIBED = /^(.*) at line (\d+) column (\d+)$/;

Deno.test("property: describeJsonError reports an error iff JSON.parse throws, inside the text, in fixed words", () => {
  fc.assert(
    fc.property(anyText, (text) => {
      const message = describeJsonError(text);
      if (!rejects(() => JSON.parse(text), SyntaxError)) {
        assert.equal(message, "invalid JSON");
        return;
      }
      const match = DESCRIBED.exec(message);
      assert.ok(match !== null, message);
      // Only our own words: nothing of the text (which may hold a secret) is quoted.
      assert.ok(PROBLEMS.includes(match[1]), message);
      const lines = text.split("\n");
      const line = Number(match[2]);
      const column = Number(match[3]);
      assert.ok(line >= 1 && line <= lines.length, message);
      // A character of that line, or just past its end (where the input ran out).
      assert.ok(column >= 1 && column <= lines[line - 1].length + 1, message);
    }),
    { numRuns: 10_000 },
  );
});

/** JSON.parse's messages that name the very position our locator names. */
const SAME_POSITION = [
  /^Expected /,
  /^Unexpected non-whitespace character after JSON/,
  /^Unterminated string/,
  /^No number after minus sign/,
  /^Exponent part is missing a number/,
  /^Unterminated fractional number/,
  /^Bad control character in string literal/,
];

Deno.test("property: where JSON.parse names the error's position, describeJsonError names the same", () => {
  let compared = 0;
  fc.assert(
    fc.property(mutatedText, (text) => {
      let v8 = "";
      try {
        JSON.parse(text);
        return;
      } catch (e) {
        v8 = (e as Error).message;
      }
      const at = /at position (\d+)/.exec(v8);
      if (at === null || !SAME_POSITION.some((p) => p.test(v8))) return;
      compared++;
      const before = text.slice(0, Number(at[1]));
      const line = before.split("\n").length;
      const column = before.length - before.lastIndexOf("\n");
      assert.ok(
        describeJsonError(text).endsWith(` at line ${line} column ${column}`),
        `${describeJsonError(text)} / ${v8}`,
      );
    }),
    { numRuns: 5000 },
  );
  // If JSON.parse's wording ever changes, this says so rather than passing on nothing.
  assert.ok(compared > 1000, `only ${compared} positions compared`);
});
