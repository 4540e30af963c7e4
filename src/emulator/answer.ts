/**
 * Makes up a JSON value that fits a schema of the facts: the answer of an
 * operation the emulator keeps nothing for. Values look like SORACOM's where
 * a property's name says what it holds (`imsi`, `operatorId`, `createdTime`,
 * an ID named in the request's path), and are the same for the same request
 * (they come from a {@link Random} seeded with it).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { makeValue } from "./answer.ts";
 * import { Random } from "./random.ts";
 *
 * const schema = {
 *   type: "object",
 *   required: ["status"],
 *   properties: { status: { type: "string", enum: ["active", "inactive"] }, imsi: { type: "string" } },
 * } as const;
 * const value = makeValue(schema, {}, Random.of(1, "x"), { operatorId: "OP0012345678", known: {}, now: 0 });
 * assert.ok(["active", "inactive"].includes((value as { status: string }).status));
 * assert.match((value as { imsi: string }).imsi, /^\d{15}$/);
 * ```
 *
 * @module
 */

import { type JsonValue, RawNumber } from "../json/mod.ts";
import type { SchemaFact } from "./facts.ts";
import type { Random } from "./random.ts";
import { checkValue, fitsPattern, resolveSchema, type SchemaNames } from "./schema.ts";

/** What a made-up value should agree with. */
export interface ValueHints {
  /** The caller's operator: every `operatorId` is theirs. */
  readonly operatorId: string;
  /** Values by property name, e.g. `deviceId` from the request's path. */
  readonly known: Readonly<Record<string, string>>;
  /** The emulator's clock (ms): times are near it. */
  readonly now: number;
}

/** Below this depth every property is filled; deeper, only the required ones. */
const FULL_DEPTH = 4;
/** Past this depth nothing more is nested (a recursive schema ends here). */
const MAX_DEPTH = 10;

interface Making {
  readonly names: SchemaNames;
  readonly random: Random;
  readonly hints: ValueHints;
}

/** A value that fits `schema`. */
export function makeValue(
  schema: SchemaFact,
  names: SchemaNames,
  random: Random,
  hints: ValueHints,
): JsonValue {
  return make(schema, { names, random, hints }, "", 0);
}

function make(raw: SchemaFact, m: Making, name: string, depth: number): JsonValue {
  const schema = resolveSchema(raw, m.names);
  if (schema.oneOf !== undefined || schema.anyOf !== undefined) {
    return makeChoice(schema, m, name, depth);
  }
  if (schema.allOf !== undefined) return makeAll(schema, m, name, depth);
  if (schema.enum !== undefined && schema.enum.length > 0) return pickEnum(schema.enum, m.random);
  switch (schema.type ?? (schema.properties ? "object" : undefined)) {
    case "object":
      return makeObject(schema, m, depth);
    case "array":
      return makeArray(schema, m, name, depth);
    case "string":
      return makeString(schema, m, name);
    case "integer":
      return new RawNumber(String(makeInteger(schema, m, name)));
    case "number":
      return new RawNumber(String(makeInteger(schema, m, name) + 0.5));
    case "boolean":
      return m.random.next() < 0.5;
    default:
      return makeString({}, m, name);
  }
}

function pickEnum(values: SchemaFact["enum"] & object, random: Random): JsonValue {
  const real = values.filter((v) => v !== "(null value)" && v !== null);
  const value = random.pick(real.length > 0 ? real : values);
  return typeof value === "number" ? new RawNumber(String(value)) : value as JsonValue;
}

/** The first alternative whose value fits the whole schema. */
function makeChoice(schema: SchemaFact, m: Making, name: string, depth: number): JsonValue {
  const choices = (schema.oneOf ?? schema.anyOf ?? []).map((c) => resolveSchema(c, m.names));
  const { oneOf: _o, anyOf: _a, ...rest } = schema;
  let first: JsonValue | undefined;
  for (const choice of choices) {
    const value = make({ ...rest, ...choice }, m, name, depth);
    first ??= value;
    if (checkValue(value, schema, m.names).length === 0) return value;
  }
  return first ?? null;
}

/** Every part's properties together. */
function makeAll(schema: SchemaFact, m: Making, name: string, depth: number): JsonValue {
  const parts = (schema.allOf ?? []).map((p) => resolveSchema(p, m.names));
  const merged: SchemaFact = {
    type: "object",
    properties: Object.assign({}, schema.properties, ...parts.map((p) => p.properties ?? {})),
    required: [...(schema.required ?? []), ...parts.flatMap((p) => p.required ?? [])],
  };
  return make(merged, m, name, depth);
}

function makeObject(schema: SchemaFact, m: Making, depth: number): JsonValue {
  const out: Record<string, JsonValue> = {};
  const required = new Set(schema.required ?? []);
  if (depth >= MAX_DEPTH) return out;
  for (const [key, sub] of Object.entries(schema.properties ?? {})) {
    if (depth >= FULL_DEPTH && !required.has(key)) continue;
    const value = make(sub, m, key, depth + 1);
    // A property no value can fit (a string whose enum lists booleans) is left out when it may be.
    if (required.has(key) || checkValue(value, sub, m.names).length === 0) out[key] = value;
  }
  // A required key the schema never describes: any value will do.
  for (const key of required) if (!(key in out)) out[key] = make({}, m, key, depth + 1);
  const extra = schema.additionalProperties;
  if (typeof extra === "object" && !schema.properties && depth < FULL_DEPTH) {
    out[`key${m.random.int(1, 9)}`] = make(extra, m, "", depth + 1);
  }
  return out;
}

function makeArray(schema: SchemaFact, m: Making, name: string, depth: number): JsonValue {
  if (schema.items === undefined || depth >= MAX_DEPTH) return [];
  const low = schema.minItems ?? (depth >= FULL_DEPTH ? 0 : 1);
  const high = Math.max(low, Math.min(schema.maxItems ?? 2, 2));
  const count = m.random.int(low, high);
  const items: JsonValue[] = [];
  for (let i = 0; i < count; i++) items.push(make(schema.items, m, singular(name), depth + 1));
  return schema.uniqueItems
    ? [...new Map(items.map((v) => [JSON.stringify(v), v])).values()]
    : items;
}

function singular(name: string): string {
  return name.endsWith("List") ? name.slice(0, -4) : name.endsWith("s") ? name.slice(0, -1) : name;
}

/** Whole numbers: epoch times for time-like names, small counts otherwise. */
function makeInteger(schema: SchemaFact, m: Making, name: string): number {
  const lower = name.toLowerCase();
  const low = schema.minimum ?? 0;
  const high = schema.maximum ?? (schema.format === "int32" ? 1000 : 100000);
  if (schema.minimum === undefined && schema.maximum === undefined) {
    if (/(sec|seconds)$/.test(lower) && /time|epoch|date/.test(lower)) {
      return Math.floor(m.hints.now / 1000) - m.random.int(0, 86400);
    }
    if (/(time|date|at|timestamp|epochms)$/.test(lower)) {
      return m.hints.now - m.random.int(0, 86400000);
    }
  }
  return m.random.int(Math.ceil(low), Math.floor(Math.max(low, high)));
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, "0");
}

/** A date-like text in one of the definition's formats. */
function dateText(format: string, ms: number): string | undefined {
  const d = new Date(ms);
  const ymd = `${d.getUTCFullYear()}${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}`;
  switch (format) {
    case "date-time":
      return d.toISOString().replace(/\.\d{3}Z$/, "Z");
    case "yyyyMM":
      return ymd.slice(0, 6);
    case "yyyyMMdd":
      return ymd;
    case "yyyyMMddHHmmss":
      return `${ymd}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}`;
    default:
      return undefined;
  }
}

/** A text that says what it is, by the property's name. */
function textFor(name: string, m: Making): string {
  const { random, hints } = m;
  const known = hints.known[name];
  if (known !== undefined) return known;
  const lower = name.toLowerCase();
  if (lower === "operatorid") return hints.operatorId;
  if (lower === "imsi" || lower.endsWith("imsi")) return `44010${random.digits(10)}`;
  if (lower === "iccid") return `898110${random.digits(13)}`;
  if (lower === "msisdn") return `8190${random.digits(8)}`;
  if (lower === "imei") return random.digits(15);
  if (lower.includes("email")) return `user-${random.text(4)}@example.com`;
  if (/(url|uri|endpoint)$/.test(lower)) return `https://example.com/${random.text(8)}`;
  if (/ipaddress$|^ip$/.test(lower)) {
    return `10.${random.int(0, 255)}.${random.int(0, 255)}.${random.int(1, 254)}`;
  }
  if (lower.endsWith("id")) return `${name.replace(/_?[iI]d$/, "") || "id"}-${random.text(8)}`;
  return `${name || "value"}-${random.text(6)}`;
}

function makeString(schema: SchemaFact, m: Making, name: string): JsonValue {
  const date = schema.format === undefined ? undefined : dateText(schema.format, m.hints.now);
  if (date !== undefined) return date;
  if (schema.format === "uri") return `https://example.com/${m.random.text(8)}`;
  let text = textFor(name, m);
  if (schema.maxLength !== undefined) text = text.slice(0, schema.maxLength);
  if (schema.minLength !== undefined) text = text.padEnd(schema.minLength, "x");
  if (schema.pattern !== undefined && !fitsPattern(schema.pattern, text)) {
    const fallback = [schema.default, "12:00", m.random.text(8)].find((v) =>
      typeof v === "string" && fitsPattern(schema.pattern!, v)
    );
    if (typeof fallback === "string") return fallback;
  }
  return text;
}
