/**
 * Soralets: create, list, get, delete; upload code as numbered versions (its
 * size and SHA-256 kept, the code itself not), list and delete versions, and
 * a test run, which hands the payload back as it came (the emulator runs no
 * WebAssembly).
 *
 * @module
 */

import { type Call, empty, type Handlers, keyed, ok, operatorIdOf } from "./call.ts";
import { bodyText } from "./call.ts";
import { alreadyExists, notFound } from "./errors.ts";
import type { Out } from "./json_out.ts";
import type { SoraletRecord } from "./world_data.ts";

function soraletView(s: SoraletRecord): Out {
  return {
    soraletId: s.soraletId,
    operatorId: s.operatorId,
    description: s.description,
    createdTime: s.createdTime,
    updatedTime: s.updatedTime,
  };
}

function versionView(s: SoraletRecord, v: SoraletRecord["versions"][number]): Out {
  return {
    soraletId: s.soraletId,
    operatorId: s.operatorId,
    version: v.version,
    hash: v.hash,
    size: v.size,
    createdTime: v.createdTime,
    srn: `srn:soracom:${s.operatorId}:jp:Soralet:${s.soraletId}/${v.version}`,
  };
}

/** The caller's Soralet the path names, or a 404. */
export function soraletOf(call: Call): SoraletRecord {
  const id = call.path.soralet_id ?? "";
  const found = call.world.data.soralets.find((s) =>
    s.soraletId === id && s.operatorId === operatorIdOf(call)
  );
  if (found === undefined) throw notFound("soralet", id);
  return found;
}

function createSoralet(call: Call) {
  const soraletId = bodyText(call, "soraletId") ?? "";
  const operatorId = operatorIdOf(call);
  if (
    call.world.data.soralets.some((s) => s.soraletId === soraletId && s.operatorId === operatorId)
  ) {
    throw alreadyExists("soralet", soraletId);
  }
  const soralet: SoraletRecord = {
    soraletId,
    operatorId,
    description: bodyText(call, "description"),
    createdTime: call.now,
    updatedTime: call.now,
    versions: [],
  };
  call.world.data.soralets.push(soralet);
  call.world.changed();
  return call.facts.response === undefined
    ? empty(call.facts.status)
    : ok(soraletView(soralet), call.facts.status);
}

/** Items sorted by `sort` (the definition's default `fallback`), after the request's key. */
function sortedAfter<T>(
  call: Call,
  items: T[],
  keyOf: (item: T) => number | string,
  fallback: string,
) {
  const desc = (call.query.get("sort") ?? fallback) === "desc";
  const after = call.query.get("last_evaluated_key");
  const compare = (a: number | string, b: number | string) => a < b ? -1 : a > b ? 1 : 0;
  return items
    .sort((a, b) => (desc ? -1 : 1) * compare(keyOf(a), keyOf(b)))
    .filter((item) => {
      if (after === null) return true;
      const key = keyOf(item);
      const mark = typeof key === "number" ? Number(after) : after;
      return desc ? key < mark : key > mark;
    });
}

async function upload(call: Call) {
  const soralet = soraletOf(call);
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new Uint8Array(call.bytes)));
  const version = {
    version: Math.max(0, ...soralet.versions.map((v) => v.version)) + 1,
    hash: [...digest].map((b) => b.toString(16).padStart(2, "0")).join(""),
    size: call.bytes.length,
    createdTime: call.now,
  };
  soralet.versions.push(version);
  soralet.updatedTime = call.now;
  call.world.changed();
  return ok(versionView(soralet, version), call.facts.status);
}

function deleteVersion(call: Call) {
  const soralet = soraletOf(call);
  const version = Number(call.path.version);
  if (!soralet.versions.some((v) => v.version === version)) {
    throw notFound("soraletVersion", `${soralet.soraletId}/${call.path.version}`);
  }
  soralet.versions = soralet.versions.filter((v) => v.version !== version);
  call.world.changed();
  return empty(call.facts.status);
}

/** The handlers of Soralets. */
export const SORALET_HANDLERS: Handlers = {
  createSoralet,
  listSoralets: (call) => {
    const mine = call.world.data.soralets.filter((s) => s.operatorId === operatorIdOf(call));
    return keyed(
      sortedAfter(call, mine, (s) => s.soraletId, "asc").map((s) => ({
        key: s.soraletId,
        value: soraletView(s),
      })),
    );
  },
  getSoralet: (call) => ok(soraletView(soraletOf(call))),
  deleteSoralet: (call) => {
    call.world.remove("soralets", soraletOf(call));
    return empty(call.facts.status);
  },

  uploadSoraletCode: upload,
  listSoraletVersions: (call) => {
    const soralet = soraletOf(call);
    return keyed(
      sortedAfter(call, [...soralet.versions], (v) => v.version, "desc")
        .map((v) => ({ key: String(v.version), value: versionView(soralet, v) })),
    );
  },
  deleteSoraletVersion: deleteVersion,
  testSoralet: (call) => {
    soraletOf(call);
    return ok({
      resultCode: 0,
      body: bodyText(call, "payload") ?? "",
      contentType: bodyText(call, "contentType") ?? "application/json",
      encodingType: bodyText(call, "encodingType") ?? "text",
    });
  },
};
