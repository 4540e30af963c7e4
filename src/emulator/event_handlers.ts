/**
 * Event handlers: create, list (by target), get, update, delete, the handlers
 * that apply to a subscriber (its own, its SIM's, its group's, its operator's),
 * and a subscriber ignoring one. The emulator keeps handlers as they were
 * sent; it runs no rule.
 *
 * @module
 */

import { type Call, empty, type Handlers, ok, operatorIdOf } from "./call.ts";
import { notFound } from "./errors.ts";
import { jsonText, type Out } from "./json_out.ts";
import { simOf } from "./sims.ts";
import type { EventHandlerRecord } from "./world_data.ts";
import { parseJson } from "../json/mod.ts";

/** The handler's fields as sent (JSON text of an object), without an ID. */
function fieldsOf(call: Call): string {
  const body = call.body;
  if (body === null || typeof body !== "object" || Array.isArray(body)) return "{}";
  const { handlerId: _id, ...rest } = body as Record<string, Out>;
  return jsonText(rest);
}

function fields(h: EventHandlerRecord): Record<string, Out> {
  return parseJson(h.body) as Record<string, Out>;
}

function view(h: EventHandlerRecord): Out {
  return { handlerId: h.handlerId, ...fields(h) };
}

/** The caller's handler the path names, or a 404. */
function handlerOf(call: Call): EventHandlerRecord {
  const id = call.path.handler_id ?? "";
  const found = call.world.data.eventHandlers.find((h) =>
    h.handlerId === id && h.operatorId === operatorIdOf(call)
  );
  if (found === undefined) throw notFound("eventHandler", id);
  return found;
}

function mine(call: Call): EventHandlerRecord[] {
  return call.world.data.eventHandlers.filter((h) => h.operatorId === operatorIdOf(call));
}

/** `target` of the list: the field a handler names its target with. */
const TARGET_FIELDS: Readonly<Record<string, string>> = {
  operator: "targetOperatorId",
  imsi: "targetImsi",
  sim: "targetSimId",
  group: "targetGroupId",
};

function list(call: Call) {
  const field = TARGET_FIELDS[call.query.get("target") ?? ""];
  return ok(
    mine(call).filter((h) => field === undefined || fields(h)[field] !== undefined).map(view),
  );
}

function forSubscriber(call: Call) {
  const sim = simOf(call);
  const applies = (h: EventHandlerRecord) => {
    const f = fields(h);
    return f.targetImsi === sim.imsi || f.targetSimId === sim.simId ||
      (sim.groupId !== undefined && f.targetGroupId === sim.groupId) ||
      f.targetOperatorId === sim.operatorId;
  };
  return ok(mine(call).filter((h) => applies(h) && !h.ignored.includes(sim.imsi)).map(view));
}

function create(call: Call) {
  const handler: EventHandlerRecord = {
    handlerId: call.world.newId("handler"),
    operatorId: operatorIdOf(call),
    body: fieldsOf(call),
    ignored: [],
  };
  call.world.data.eventHandlers.push(handler);
  call.world.changed();
  return ok(view(handler), call.facts.status);
}

function ignore(call: Call, on: boolean) {
  const handler = handlerOf(call);
  const imsi = simOf(call).imsi;
  handler.ignored = handler.ignored.filter((i) => i !== imsi).concat(on ? [imsi] : []);
  call.world.changed();
  return empty(call.facts.status);
}

/** The handlers of event handlers. */
export const EVENT_HANDLER_HANDLERS: Handlers = {
  createEventHandler: create,
  listEventHandlers: list,
  getEventHandler: (call) => ok(view(handlerOf(call))),
  updateEventHandler: (call) => {
    const handler = handlerOf(call);
    handler.body = fieldsOf(call);
    call.world.changed();
    return empty(call.facts.status);
  },
  deleteEventHandler: (call) => {
    call.world.remove("eventHandlers", handlerOf(call));
    return empty(call.facts.status);
  },
  listEventHandlersBySubscriber: forSubscriber,
  setIgnoreEventHandler: (call) => ignore(call, true),
  deleteIgnoreEventHandler: (call) => ignore(call, false),
};
