/**
 * What a handler of an operation gets (a {@link Call}) and gives back (a
 * {@link Reply}), and the pieces every handler uses: reading path values and
 * the body, and the usual answers.
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import { type JsonValue, RawNumber } from "../json/mod.ts";
import type { OperationFacts } from "./facts.ts";
import type { Out } from "./json_out.ts";
import type { World } from "./world.ts";
import type { SessionRecord } from "./world_data.ts";

/** One request to an operation, checked against the definition. */
export interface Call {
  /** The operation, from the catalogue. */
  readonly op: CatalogOperation;
  /** Its facts (answer, body, parameters). */
  readonly facts: OperationFacts;
  /** Path parameters, decoded. */
  readonly path: Readonly<Record<string, string>>;
  /** The query. */
  readonly query: URLSearchParams;
  /** The request's headers. */
  readonly headers: Headers;
  /** The body as JSON, when it was JSON. */
  readonly body: JsonValue | undefined;
  /** The body's bytes as sent. */
  readonly bytes: Uint8Array;
  /** The caller's session (none for the operations that need no API key). */
  readonly session: SessionRecord | undefined;
  /** What the emulator keeps. */
  readonly world: World;
  /** The emulator's clock when the request came (ms). */
  readonly now: number;
  /** The emulator's own URL, without `/v1` (for links it hands out). */
  readonly base: string;
}

/** An item of a list, with the key the next page starts after. */
export interface Keyed {
  /** Its key: what `last_evaluated_key` names to go on after it. */
  readonly key: string;
  /** The item. */
  readonly value: Out;
}

/** What a handler answers. */
export type Reply =
  | {
    readonly status: number;
    readonly json?: Out;
    readonly headers?: Readonly<Record<string, string>>;
  }
  | { readonly status: number; readonly bytes: Uint8Array; readonly contentType: string }
  /** A list in key order: the server pages it by `limit` and `last_evaluated_key`. */
  | { readonly status: number; readonly list: Iterable<Keyed>; readonly keyed: true };

/** A JSON answer. */
export function ok(json: Out, status = 200): Reply {
  return { status, json };
}

/** An answer without a body. */
export function empty(status = 204): Reply {
  return { status };
}

/** A list the server pages, from items in key order. */
export function keyed(list: Iterable<Keyed>, status = 200): Reply {
  return { status, list, keyed: true };
}

/** The body as an object (`{}` when it is something else or absent). */
export function bodyObject(call: Call): Readonly<Record<string, JsonValue>> {
  const body = call.body;
  return body !== null && typeof body === "object" && !Array.isArray(body) &&
      !(body instanceof RawNumber)
    ? body
    : {};
}

/** A string field of the body. */
export function bodyText(call: Call, name: string): string | undefined {
  const value = bodyObject(call)[name];
  return typeof value === "string" ? value : undefined;
}

/** A number field of the body (as JavaScript reads it). */
export function bodyNumber(call: Call, name: string): number | undefined {
  const value = bodyObject(call)[name];
  return value instanceof RawNumber ? Number(value.source) : undefined;
}

/** A query parameter as an integer, when it is one. */
export function queryInt(call: Call, name: string): number | undefined {
  const text = call.query.get(name);
  return text !== null && /^-?\d+$/.test(text) ? Number(text) : undefined;
}

/** The caller's operator ID (public operations have none). */
export function operatorIdOf(call: Call): string {
  return call.session?.operatorId ?? "";
}

/** A handler of one operation. */
export type Handler = (call: Call) => Reply | Promise<Reply>;

/** Handlers by operation ID. */
export type Handlers = Readonly<Record<string, Handler>>;
