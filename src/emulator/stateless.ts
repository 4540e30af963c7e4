/**
 * The answer of an operation the emulator keeps nothing for: its success
 * status, and a body that fits the definition's schema, made up from the seed
 * and the request (so the same request gets the same answer), with the IDs of
 * the request's path and the caller's operator ID where the schema has them.
 * A paged list has three items, so paging can be tried on it.
 *
 * @module
 */

import { type Call, keyed, type Reply } from "./call.ts";
import { makeValue, type ValueHints } from "./answer.ts";
import type { SchemaFact } from "./facts.ts";
import type { Out } from "./json_out.ts";
import { resolveSchema, type SchemaNames } from "./schema.ts";

/** How many items a made-up paged list has. */
const LIST_SIZE = 3;

/** `device_id` -> `deviceId`: how the definition names a path value in bodies. */
function camel(name: string): string {
  return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

function hintsOf(call: Call): ValueHints {
  const known: Record<string, string> = {};
  for (const [name, value] of Object.entries(call.path)) {
    known[name] = value;
    known[camel(name)] = value;
  }
  return { operatorId: call.session?.operatorId ?? "", known, now: call.world.startedAt };
}

/** The made-up answer of `call`'s operation. */
export function statelessAnswer(call: Call, names: SchemaNames): Reply {
  const { facts, op } = call;
  if (facts.response === undefined) return nonJsonAnswer(call);
  const seed = [op.operationId, JSON.stringify(call.path)];
  const hints = hintsOf(call);
  const schema = resolveSchema(facts.response, names);
  if (op.pagination !== undefined && schema.type === "array" && schema.items !== undefined) {
    const items = schema.items;
    const list = Array.from({ length: LIST_SIZE }, (_, i) => ({
      key: String(i + 1),
      value: makeValue(items, names, call.world.random("answer", ...seed, i), hints) as Out,
    }));
    return keyed(
      list.filter((item) => Number(item.key) > Number(call.query.get("last_evaluated_key") ?? 0)),
      facts.status,
    );
  }
  const value = makeValue(facts.response, names, call.world.random("answer", ...seed), hints);
  return { status: facts.status, json: value as Out };
}

/** A redirect to the download of a Harvest Files file, bytes, or no body. */
function nonJsonAnswer(call: Call): Reply {
  const { facts } = call;
  if (facts.status === 302) {
    const path = call.path.path ?? "";
    return {
      status: 302,
      headers: { location: `${call.base}/emulator/files/${encodeURI(path)}` },
    };
  }
  if (facts.contentType !== undefined && facts.contentType !== "application/json") {
    const text = `emulated ${call.op.operationId}\n`;
    return {
      status: facts.status,
      bytes: new TextEncoder().encode(text),
      contentType: facts.contentType,
    };
  }
  return { status: facts.status };
}

/** Whether a JSON body schema is really raw bytes (a Soralet's code, a file). */
export function isRawBody(schema: SchemaFact | undefined, names: SchemaNames): boolean {
  if (schema === undefined) return true;
  const resolved = resolveSchema(schema, names);
  return resolved.type === "string" && resolved.format === "binary";
}
