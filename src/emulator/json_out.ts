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

/** JSON data without kept text or numbers: what `JSON.stringify` writes as is. */
export type Plain =
  | null
  | boolean
  | string
  | number
  | undefined
  | readonly Plain[]
  | { readonly [key: string]: Plain };

/**
 * Plain data, written once (a SIM of a page): kept as {@link Embedded} text, it costs nothing
 * more when the page is written.
 */
export function plainText(value: Plain): Embedded {
  return new Embedded(JSON.stringify(value) ?? "null");
}

/**
 * The compact JSON text of `value`, keys in their own order. `JSON.stringify` does the work (a
 * page of 100 SIMs is made this way, 1,000 times for `--fetch-all` of 100,000); kept numbers and
 * texts go in as marks and are put back after.
 */
export function jsonText(value: Out): string {
  const kept: string[] = [];
  const text = JSON.stringify(value, function (this: unknown, _key: string, item: unknown) {
    if (item instanceof RawNumber) return `\u0000${kept.push(item.source) - 1}\u0000`;
    if (item instanceof Embedded) return `\u0000${kept.push(item.text) - 1}\u0000`;
    return typeof item === "number" && !Number.isFinite(item) ? null : item;
  }) ?? "null";
  // A mark is a string no value can hold: "\u0000N\u0000", as JSON.stringify writes it.
  return kept.length === 0
    ? text
    : text.replace(/"\\u0000(\d+)\\u0000"/g, (_, i: string) => kept[Number(i)]);
}

/** A value as a client sent it (the tree of `parseJson`), for keeping as text. */
export function keep(value: JsonValue): Embedded {
  return new Embedded(jsonText(value));
}
