/**
 * The emulator's answers as JSON text: records hold plain numbers, values a
 * client sent are kept as the JSON text it sent ({@link Embedded}, so a
 * 20-digit number comes back as it was written), and keys whose value is
 * `undefined` are left out, as a server's JSON omits absent fields.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Embedded, jsonText } from "./json_out.ts";
 *
 * assert.equal(
 *   jsonText({ imsi: "440100000000001", groupId: undefined, n: 3, v: new Embedded("12345678901234567890") }),
 *   '{"imsi":"440100000000001","n":3,"v":12345678901234567890}',
 * );
 * ```
 *
 * @module
 */

import { type JsonValue, RawNumber } from "../json/mod.ts";

/** JSON text kept as it came, to be written out as it is. */
export class Embedded {
  /** `text` must be one JSON value. */
  constructor(readonly text: string) {}
}

/** What an answer is made of. */
export type Out =
  | null
  | boolean
  | string
  | number
  | undefined
  | RawNumber
  | Embedded
  | readonly Out[]
  | { readonly [key: string]: Out };

/** The compact JSON text of `value`, keys in their own order. */
export function jsonText(value: Out): string {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return Number.isFinite(value) ? String(value) : "null";
  if (typeof value !== "object") return JSON.stringify(value);
  if (value instanceof RawNumber) return value.source;
  if (value instanceof Embedded) return value.text;
  if (Array.isArray(value)) return `[${value.map(jsonText).join(",")}]`;
  const members: string[] = [];
  for (const [key, item] of Object.entries(value as { readonly [key: string]: Out })) {
    if (item !== undefined) members.push(`${JSON.stringify(key)}:${jsonText(item)}`);
  }
  return `{${members.join(",")}}`;
}

/** A value as a client sent it (the tree of `parseJson`), for keeping as text. */
export function keep(value: JsonValue): Embedded {
  return new Embedded(jsonText(value));
}
