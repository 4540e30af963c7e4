/**
 * Checks a JSON value against a schema of the facts (the subset of JSON Schema
 * the API definition uses): what a request body must be, as the real API
 * refuses a bad one. Numbers are read as the request wrote them
 * ({@link RawNumber}), so an integer check is exact at any size.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { parseJson } from "../json/mod.ts";
 * import { checkValue } from "./schema.ts";
 *
 * const schema = {
 *   type: "object",
 *   required: ["speedClass"],
 *   properties: { speedClass: { type: "string", enum: ["s1.fast", "s1.slow"] } },
 * } as const;
 * assert.deepEqual(checkValue(parseJson('{"speedClass":"s1.fast"}'), schema, {}), []);
 * assert.deepEqual(checkValue(parseJson("{}"), schema, {}), [
 *   { at: "speedClass", kind: "required", detail: "" },
 * ]);
 * ```
 *
 * @module
 */

import { type JsonValue, RawNumber } from "../json/mod.ts";
import type { SchemaFact } from "./facts.ts";

/** What is wrong with a value. */
export type ProblemKind =
  | "type"
  | "required"
  | "enum"
  | "range"
  | "length"
  | "pattern"
  | "oneOf";

/** One problem: where (a dotted path, empty for the whole value), what, and a detail. */
export interface Problem {
  /** Where: `speedClass`, `tags[0].tagName`, or empty for the whole value. */
  readonly at: string;
  /** What is wrong. */
  readonly kind: ProblemKind;
  /** The expected type, the allowed values, the bound: words of the schema, not of people. */
  readonly detail: string;
}

/** Named schemas, for `$ref`. */
export type SchemaNames = Readonly<Record<string, SchemaFact>>;

/** At most this many problems are reported: enough to fix a body, never a flood. */
const MAX_PROBLEMS = 5;

/** The schema a reference names (an empty schema, which allows anything, when unknown). */
export function resolveSchema(schema: SchemaFact, names: SchemaNames): SchemaFact {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 16; hops++) {
    current = names[current.$ref] ?? {};
  }
  return current;
}

/** The problems of `value` against `schema` (none when it fits). */
export function checkValue(value: JsonValue, schema: SchemaFact, names: SchemaNames): Problem[] {
  const problems: Problem[] = [];
  visit(value, schema, names, "", problems, 0);
  return problems.slice(0, MAX_PROBLEMS);
}

function join(at: string, key: string | number): string {
  if (typeof key === "number") return `${at}[${key}]`;
  return at === "" ? key : `${at}.${key}`;
}

/** The JSON type of a value, `integer` for a whole number. */
export function typeOf(value: JsonValue): string {
  if (value === null) return "null";
  if (value instanceof RawNumber) {
    return /^-?\d+(?:\.0+)?$/.test(value.source) ? "integer" : "number";
  }
  if (Array.isArray(value)) return "array";
  return typeof value;
}

function fitsType(value: JsonValue, type: string): boolean {
  const actual = typeOf(value);
  return actual === type || (type === "number" && actual === "integer");
}

function visit(
  value: JsonValue,
  raw: SchemaFact,
  names: SchemaNames,
  at: string,
  problems: Problem[],
  depth: number,
): void {
  if (problems.length >= MAX_PROBLEMS || depth > 64) return;
  const schema = resolveSchema(raw, names);
  if (value === null && schema.nullable) return;
  if (schema.type !== undefined && !fitsType(value, schema.type)) {
    problems.push({ at, kind: "type", detail: schema.type });
    return;
  }
  if (schema.enum !== undefined && !schema.enum.some((e) => sameValue(value, e))) {
    problems.push({ at, kind: "enum", detail: schema.enum.map(String).join(", ") });
    return;
  }
  checkBounds(value, schema, at, problems);
  for (const part of schema.allOf ?? []) visit(value, part, names, at, problems, depth + 1);
  // `oneOf` is read as "one of these shapes": the definition's choices overlap (no required
  // keys, other keys allowed), so "exactly one" would refuse every value; one that fits will do.
  const choices = schema.oneOf ?? schema.anyOf;
  if (choices !== undefined && !choices.some((c) => checkValue(value, c, names).length === 0)) {
    problems.push({ at, kind: "oneOf", detail: String(choices.length) });
  }
  if (Array.isArray(value) && schema.items !== undefined) {
    value.forEach((item, i) => visit(item, schema.items!, names, join(at, i), problems, depth + 1));
  } else if (value !== null && typeof value === "object" && !(value instanceof RawNumber)) {
    visitObject(value as Record<string, JsonValue>, schema, names, at, problems, depth);
  }
}

function visitObject(
  value: Readonly<Record<string, JsonValue>>,
  schema: SchemaFact,
  names: SchemaNames,
  at: string,
  problems: Problem[],
  depth: number,
): void {
  for (const key of schema.required ?? []) {
    if (!(key in value)) problems.push({ at: join(at, key), kind: "required", detail: "" });
  }
  const extra = schema.additionalProperties;
  for (const [key, item] of Object.entries(value)) {
    const prop = schema.properties?.[key];
    // Keys the schema does not name are let through (as the API does), unless it types them.
    const sub = prop ?? (typeof extra === "object" ? extra : undefined);
    if (sub !== undefined) visit(item, sub, names, join(at, key), problems, depth + 1);
  }
}

function checkBounds(value: JsonValue, schema: SchemaFact, at: string, problems: Problem[]) {
  if (value instanceof RawNumber) {
    const n = Number(value.source);
    if (schema.minimum !== undefined && n < schema.minimum) {
      problems.push({ at, kind: "range", detail: `>= ${schema.minimum}` });
    } else if (schema.maximum !== undefined && n > schema.maximum) {
      problems.push({ at, kind: "range", detail: `<= ${schema.maximum}` });
    }
  } else if (typeof value === "string") {
    const length = [...value].length;
    if (schema.minLength !== undefined && length < schema.minLength) {
      problems.push({ at, kind: "length", detail: `>= ${schema.minLength}` });
    } else if (schema.maxLength !== undefined && length > schema.maxLength) {
      problems.push({ at, kind: "length", detail: `<= ${schema.maxLength}` });
    } else if (schema.pattern !== undefined && !fitsPattern(schema.pattern, value)) {
      problems.push({ at, kind: "pattern", detail: schema.pattern });
    }
  } else if (Array.isArray(value)) {
    if (schema.minItems !== undefined && value.length < schema.minItems) {
      problems.push({ at, kind: "length", detail: `>= ${schema.minItems}` });
    } else if (schema.maxItems !== undefined && value.length > schema.maxItems) {
      problems.push({ at, kind: "length", detail: `<= ${schema.maxItems}` });
    }
  }
}

function sameValue(value: JsonValue, allowed: string | number | boolean | null): boolean {
  if (value instanceof RawNumber) {
    return typeof allowed === "number" && Number(value.source) === allowed;
  }
  return value === allowed;
}

/** Whether `text` matches a pattern of the definition (one this engine cannot read allows all). */
export function fitsPattern(pattern: string, text: string): boolean {
  try {
    return new RegExp(pattern, "u").test(text);
  } catch {
    return true;
  }
}
