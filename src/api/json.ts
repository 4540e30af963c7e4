/**
 * JSON as soracom-cli prints it: object keys sorted, tab indentation, numbers
 * exactly as the server wrote them (a 20-digit integer survives), no HTML
 * escaping.
 *
 * @example
 * ```ts
 * formatJson('{"b":1,"a":12345678901234567890}');
 * // '{\n\t"a": 12345678901234567890,\n\t"b": 1\n}\n'
 * ```
 *
 * @module
 */

import { parse as parseJsonc, type ParseError, printParseErrorCode } from "jsonc-parser";

/** A number kept as its source text. */
export class RawNumber {
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

type Reviver = (key: string, value: unknown, context?: { source?: string }) => unknown;

const keepNumbers: Reviver = (_key, value, context) =>
  typeof value === "number" ? new RawNumber(context?.source ?? String(value)) : value;

/**
 * Parses JSON, keeping every number's source text.
 *
 * @throws SyntaxError for invalid JSON
 */
export function parseJson(text: string): JsonValue {
  return (JSON.parse as (text: string, reviver: Reviver) => unknown)(
    text,
    keepNumbers,
  ) as JsonValue;
}

function quote(s: string): string {
  return JSON.stringify(s).replace(/[\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16)}`);
}

function isObject(v: JsonValue): v is { [key: string]: JsonValue } {
  return v !== null && typeof v === "object" && !Array.isArray(v) && !(v instanceof RawNumber);
}

/** Compact JSON with sorted keys (one JSONL line, or a request body). */
export function stringifyCompact(value: JsonValue): string {
  if (value instanceof RawNumber) return value.source;
  if (Array.isArray(value)) return `[${value.map(stringifyCompact).join(",")}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((k) => `${quote(k)}:${stringifyCompact(value[k])}`).join(",")}}`;
  }
  return typeof value === "string" ? quote(value) : String(value);
}

/** Tab-indented JSON with sorted keys; `depth` is the indentation of the value's first line. */
export function stringifyPretty(value: JsonValue, depth = 0): string {
  if (value instanceof RawNumber) return value.source;
  const pad = "\t".repeat(depth + 1);
  const end = "\t".repeat(depth);
  if (Array.isArray(value)) {
    if (value.length === 0) return "[]";
    return `[\n${value.map((v) => pad + stringifyPretty(v, depth + 1)).join(",\n")}\n${end}]`;
  }
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    if (keys.length === 0) return "{}";
    const lines = keys.map((k) => `${pad}${quote(k)}: ${stringifyPretty(value[k], depth + 1)}`);
    return `{\n${lines.join(",\n")}\n${end}}`;
  }
  return typeof value === "string" ? quote(value) : String(value);
}

/** Pretty output for a whole response body, with the final newline. */
export function formatJson(text: string): string {
  return `${stringifyPretty(parseJson(text))}\n`;
}

/**
 * Says where `text` stops being JSON, as "<problem> at line L column C", without
 * quoting the text itself (it may hold secrets).
 */
export function describeJsonError(text: string): string {
  const errors: ParseError[] = [];
  parseJsonc(text, errors, { disallowComments: true, allowTrailingComma: false });
  const first = errors[0];
  if (first === undefined) return "invalid JSON";
  const before = text.slice(0, first.offset);
  const line = before.split("\n").length;
  const column = first.offset - before.lastIndexOf("\n");
  return `${printParseErrorCode(first.error)} at line ${line} column ${column}`;
}
