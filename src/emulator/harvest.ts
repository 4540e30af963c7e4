/**
 * Harvest Data: entries read by resource (`data get-entries`, `subscribers
 * get-data`, `sims get-data`) or category, within a time range, newest first
 * unless asked otherwise, paged by time; one entry read or deleted; the
 * resources that sent data. Devices send data to SORACOM, not through the
 * API; here an entry is put with the emulator's own addition to the API
 * Sandbox, as the Sandbox's other "insert" APIs do:
 *
 * ```sh
 * soracom api POST /sandbox/data/Subscriber/440100000000001 --body '{"temperature":21.5}'
 * ```
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import {
  type Call,
  empty,
  type Handlers,
  type Keyed,
  keyed,
  ok,
  operatorIdOf,
  queryInt,
} from "./call.ts";
import { notFound } from "./errors.ts";
import type { OperationFacts } from "./facts.ts";
import type { Out } from "./json_out.ts";
import { simOf } from "./sims.ts";
import type { DataEntryRecord } from "./world_data.ts";

const RESOURCE_TYPES = ["Subscriber", "LoraDevice", "Sim", "SigfoxDevice", "Device", "SoraCam"];

/** The emulator's addition: put a Harvest Data entry (operation ID `putDataEntry`). */
export const EXTENSION_OPERATIONS: readonly CatalogOperation[] = [{
  operationId: "putDataEntry",
  tag: "DataEntry",
  names: [],
  method: "POST",
  path: "/sandbox/data/{resource_type}/{resource_id}",
  params: [],
  auth: true,
  sandbox: true,
}];

/** Its facts: a resource type of the definition's list, an optional time and category. */
export const EXTENSION_FACTS: Readonly<Record<string, OperationFacts>> = {
  putDataEntry: {
    status: 201,
    params: [
      {
        name: "resource_type",
        in: "path",
        required: true,
        schema: { type: "string", enum: RESOURCE_TYPES },
      },
      { name: "resource_id", in: "path", required: true, schema: { type: "string" } },
      { name: "time", in: "query", schema: { type: "integer", minimum: 0 } },
      { name: "category", in: "query", schema: { type: "string" } },
    ],
    contentType: "application/json",
    response: { $ref: "DataEntry" },
    errors: [400],
  },
};

/** An entry as the API shows it. */
function entryView(e: DataEntryRecord): Out {
  return {
    resourceType: e.resourceType,
    resourceId: e.resourceId,
    time: e.time,
    contentType: e.contentType,
    content: e.content,
    category: e.category,
  };
}

/** Entries that `pick` chooses, in the time range and order the request asks, after its key. */
function entriesOf(call: Call, pick: (e: DataEntryRecord) => boolean): Iterable<Keyed> {
  const from = queryInt(call, "from") ?? -Infinity;
  const to = queryInt(call, "to") ?? Infinity;
  const asc = call.query.get("sort") === "asc";
  const after = queryInt(call, "last_evaluated_key");
  const operatorId = operatorIdOf(call);
  return call.world.data.harvest
    .filter((e) =>
      e.operatorId === operatorId && pick(e) && e.time >= from && e.time <= to &&
      (after === undefined || (asc ? e.time > after : e.time < after))
    )
    .sort((a, b) => asc ? a.time - b.time : b.time - a.time)
    .map((e) => ({ key: String(e.time), value: entryView(e) }));
}

function ofResource(type: string, id: string): (e: DataEntryRecord) => boolean {
  return (e) => e.resourceType === type && e.resourceId === id;
}

/** A SIM's data, whether it was put for its IMSI or its SIM ID. */
function ofSim(call: Call): (e: DataEntryRecord) => boolean {
  const sim = simOf(call);
  return (e) =>
    (e.resourceType === "Subscriber" && e.resourceId === sim.imsi) ||
    (e.resourceType === "Sim" && e.resourceId === sim.simId);
}

function findEntry(call: Call): DataEntryRecord {
  const { resource_type: type, resource_id: id, time } = call.path;
  const found = call.world.data.harvest.find((e) =>
    e.operatorId === operatorIdOf(call) && e.resourceType === type && e.resourceId === id &&
    String(e.time) === time
  );
  if (found === undefined) throw notFound("dataEntry", `${type}/${id}/${time}`);
  return found;
}

function putEntry(call: Call) {
  const { resource_type: resourceType, resource_id: resourceId } = call.path;
  const operatorId = operatorIdOf(call);
  let time = queryInt(call, "time") ?? call.now;
  // One entry per resource and millisecond, as the entry's key is its time.
  const taken = (t: number) =>
    call.world.data.harvest.some((e) =>
      e.operatorId === operatorId && e.resourceType === resourceType &&
      e.resourceId === resourceId &&
      e.time === t
    );
  while (taken(time)) time += 1;
  const entry: DataEntryRecord = {
    operatorId,
    resourceType,
    resourceId,
    time,
    contentType: call.headers.get("content-type") ?? "application/json",
    content: new TextDecoder().decode(call.bytes),
    category: call.query.get("category") ?? undefined,
  };
  call.world.data.harvest.push(entry);
  call.world.changed();
  return ok(entryView(entry), 201);
}

/** The resources that have data: each with its newest time. */
function resourcesOf(call: Call) {
  const type = call.query.get("resource_type");
  const newest = new Map<string, DataEntryRecord>();
  for (const e of call.world.data.harvest) {
    if (e.operatorId !== operatorIdOf(call) || (type && e.resourceType !== type)) continue;
    const key = `${e.resourceType}/${e.resourceId}`;
    if ((newest.get(key)?.time ?? -1) < e.time) newest.set(key, e);
  }
  const after = call.query.get("last_evaluated_key");
  return keyed(
    [...newest.entries()].sort(([a], [b]) => a < b ? -1 : 1)
      .filter(([key]) => after === null || key > after)
      .map(([key, e]) => ({
        key,
        value: {
          resourceType: e.resourceType,
          resourceId: e.resourceId,
          lastModifiedTime: e.time,
          attributeNames: attributeNames(e.content),
        },
      })),
  );
}

/** The top-level keys of a JSON object's text (none for anything else). */
function attributeNames(content: string): string[] {
  try {
    const value: unknown = JSON.parse(content);
    return value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.keys(value)
      : [];
  } catch {
    return [];
  }
}

/** The handlers of Harvest Data. */
export const HARVEST_HANDLERS: Handlers = {
  getDataEntries: (call) =>
    keyed(entriesOf(call, ofResource(call.path.resource_type, call.path.resource_id))),
  getDataFromSubscriber: (call) => keyed(entriesOf(call, ofSim(call))),
  getDataFromSim: (call) => keyed(entriesOf(call, ofSim(call))),
  getDataEntriesByCategory: (call) =>
    keyed(entriesOf(call, (e) => e.category === call.path.category)),
  getDataEntry: (call) => ok(entryView(findEntry(call))),
  deleteDataEntry: (call) => {
    call.world.remove("harvest", findEntry(call));
    return empty(call.facts.status);
  },
  listDataSourceResources: resourcesOf,
  listDataResourceMetadata: resourcesOf,
  putDataEntry: putEntry,
};
