/**
 * From a handler's {@link Reply} to the HTTP response: JSON text, bytes, or a
 * page of a list with `x-soracom-next-key` when more remain, as every paged
 * list of SORACOM's API answers.
 *
 * @module
 */

import type { Call, Keyed, Reply } from "./call.ts";
import { jsonText } from "./json_out.ts";
import { resolveSchema, type SchemaNames } from "./schema.ts";

/** The header a page names the key of its last item in, when more items follow. */
export const NEXT_KEY = "x-soracom-next-key";
/** A page's size when the request names none (and its cap where the definition sets none). */
const PAGE_DEFAULT = 100;
const PAGE_CAP = 1000;

const JSON_TYPE = { "content-type": "application/json" } as const;

/** The page size a request asks for, within what the operation allows. */
function limitOf(call: Call, names: SchemaNames): number {
  const param = call.facts.params?.find((p) => p.name === "limit");
  const schema = param === undefined ? {} : resolveSchema(param.schema, names);
  const asked = Number(call.query.get("limit") ?? NaN);
  const fallback = typeof schema.default === "number" && schema.default > 0
    ? schema.default
    : PAGE_DEFAULT;
  const wanted = Number.isInteger(asked) && asked > 0 ? asked : fallback;
  return Math.min(wanted, schema.maximum ?? PAGE_CAP, PAGE_CAP);
}

/** The first `limit` items, and the key to go on from when there are more. */
function pageOf(list: Iterable<Keyed>, limit: number): { items: Keyed[]; next?: string } {
  const items: Keyed[] = [];
  for (const item of list) {
    if (items.length === limit) return { items, next: items[items.length - 1].key };
    items.push(item);
  }
  return { items };
}

/** The HTTP response for a handler's reply. */
export function toResponse(call: Call, reply: Reply, names: SchemaNames): Response {
  const head = call.op.method === "HEAD";
  if ("keyed" in reply) {
    const page = pageOf(reply.list, limitOf(call, names));
    const text = `[${page.items.map((i) => jsonText(i.value)).join(",")}]`;
    const headers: Record<string, string> = { ...JSON_TYPE };
    if (page.next !== undefined) headers[NEXT_KEY] = page.next;
    return new Response(head ? null : text, { status: reply.status, headers });
  }
  if ("bytes" in reply) {
    return new Response(head ? null : new Uint8Array(reply.bytes), {
      status: reply.status,
      headers: { "content-type": reply.contentType },
    });
  }
  const body = reply.json === undefined || head || reply.status === 204
    ? null
    : jsonText(reply.json);
  return new Response(body, {
    status: reply.status,
    headers: { ...(body === null ? {} : JSON_TYPE), ...reply.headers },
  });
}

/**
 * Items of a list in key order, from the one after `after` (the request's
 * `last_evaluated_key`; from the first without it).
 */
export function* itemsAfter<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  after: string | null,
): Generator<T> {
  for (const item of items) if (after === null || keyOf(item) > after) yield item;
}
