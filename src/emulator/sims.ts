/**
 * SIMs and subscribers, through both APIs (`/subscribers/{imsi}`, `/sims/{sim_id}`):
 * list (with every filter of the definition), get, tags, speed class, groups,
 * expiry, IMEI lock, termination protection, sessions, and the status rules
 * (a terminated SIM stays terminated; termination needs the protection off;
 * standby only from ready), and new virtual SIMs.
 *
 * @module
 */

import {
  type Call,
  empty,
  type Handler,
  type Handlers,
  type Keyed,
  keyed,
  ok,
  type Reply,
} from "./call.ts";
import { bodyNumber, bodyObject, bodyText, operatorIdOf } from "./call.ts";
import { ApiError, notFound } from "./errors.ts";
import { type Out, type Plain, plainText } from "./json_out.ts";
import { simView, subscriberView } from "./sim_views.ts";
import type { SimRecord, SimStatus } from "./world_data.ts";

/** The statuses a SIM may be in for each change (to the status named). */
const MAY_GO: Readonly<Record<string, readonly SimStatus[]>> = {
  active: ["ready", "active", "inactive", "standby", "suspended"],
  inactive: ["ready", "active", "inactive", "standby"],
  suspended: ["ready", "active", "inactive", "standby", "suspended"],
  standby: ["ready", "standby"],
  terminated: ["ready", "active", "inactive", "standby", "suspended"],
};

/** Whether the call is of the Sim API (by SIM ID) rather than the Subscriber API (by IMSI). */
function bySimId(call: Call): boolean {
  return call.path.sim_id !== undefined;
}

/** The caller's SIM the path names, or a 404. */
export function simOf(call: Call): SimRecord {
  const operatorId = operatorIdOf(call);
  if (bySimId(call)) {
    const sim = call.world.sims.bySimId(call.path.sim_id);
    if (sim === undefined || sim.operatorId !== operatorId) throw notFound("sim", call.path.sim_id);
    return sim;
  }
  const imsi = call.path.imsi ?? "";
  const sim = call.world.sims.get(imsi);
  if (sim === undefined || sim.operatorId !== operatorId) throw notFound("subscriber", imsi);
  return sim;
}

/** The SIM as the API of the call shows it. */
function viewOf(call: Call, sim: SimRecord): Out {
  return bySimId(call) ? simView(sim) : subscriberView(sim);
}

/** The answer after a change: the SIM, when the operation answers with one. */
function answer(call: Call, sim: SimRecord): Reply {
  return call.facts.response === undefined
    ? empty(call.facts.status)
    : ok(viewOf(call, sim), call.facts.status);
}

/** A handler that changes the SIM the path names with `change`, then answers with it. */
function changing(change: (sim: SimRecord, call: Call) => void): Handler {
  return (call) => {
    const sim = { ...simOf(call) };
    change(sim, call);
    call.world.changed();
    return answer(call, call.world.sims.put(sim));
  };
}

/** A status change, by the rules. */
function toStatus(status: SimStatus): Handler {
  return changing((sim) => {
    if (!MAY_GO[status].includes(sim.status)) {
      const from = sim.status;
      throw new ApiError("badStatus", (w) => w.badStatus(sim.imsi, from, status));
    }
    if (status === "terminated" && !sim.terminationEnabled) {
      throw new ApiError("terminationProtected", (w) => w.terminationProtected(sim.imsi));
    }
    sim.status = status;
    if (status !== "active") sim.online = false;
  });
}

function putTags(sim: SimRecord, call: Call): void {
  const tags = { ...sim.tags };
  for (const item of Array.isArray(call.body) ? call.body : []) {
    const t = item as Record<string, unknown>;
    if (typeof t.tagName === "string" && typeof t.tagValue === "string") {
      tags[t.tagName] = t.tagValue;
    }
  }
  sim.tags = tags;
}

function setGroup(sim: SimRecord, call: Call): void {
  const groupId = bodyText(call, "groupId") ?? "";
  const group = call.world.data.groups.find((g) => g.groupId === groupId);
  if (group === undefined || group.operatorId !== sim.operatorId) throw notFound("group", groupId);
  sim.groupId = groupId;
}

function setExpiry(sim: SimRecord, call: Call): void {
  sim.expiryTime = bodyNumber(call, "expiryTime");
  const action = bodyText(call, "expiryAction");
  sim.expiryAction = action === "(null value)" ? undefined : action;
}

function setImeiLock(sim: SimRecord, call: Call): void {
  sim.imeiLock = bodyText(call, "imei") ?? sim.imei ?? "";
}

function register(sim: SimRecord, call: Call): void {
  const body = bodyObject(call);
  const groupId = bodyText(call, "groupId");
  if (groupId !== undefined) setGroup(sim, call);
  const tags = body.tags;
  if (tags !== null && typeof tags === "object" && !Array.isArray(tags)) {
    for (const [k, v] of Object.entries(tags)) if (typeof v === "string") sim.tags[k] = v;
  }
}

const SIM_CHANGES = {
  activate: toStatus("active"),
  deactivate: toStatus("inactive"),
  suspend: toStatus("suspended"),
  standby: toStatus("standby"),
  terminate: toStatus("terminated"),
  enableTermination: changing((sim) => void (sim.terminationEnabled = true)),
  disableTermination: changing((sim) => void (sim.terminationEnabled = false)),
  putTags: changing(putTags),
  deleteTag: changing((sim, call) => {
    const { [call.path.tag_name]: _gone, ...rest } = sim.tags;
    sim.tags = rest;
  }),
  speedClass: changing((sim, call) =>
    void (sim.speedClass = bodyText(call, "speedClass") ?? sim.speedClass)
  ),
  setGroup: changing(setGroup),
  unsetGroup: changing((sim) => void (sim.groupId = undefined)),
  setExpiry: changing(setExpiry),
  unsetExpiry: changing((sim) => {
    sim.expiryTime = undefined;
    sim.expiryAction = undefined;
  }),
  setImeiLock: changing(setImeiLock),
  unsetImeiLock: changing((sim) => void (sim.imeiLock = undefined)),
  deleteSession: changing((sim) => void (sim.online = false)),
  register: changing(register),
} as const;

/** A filter's values: `a|b` and `a,b` both name two. */
function alternatives(text: string | null): string[] | undefined {
  return text === null || text === "" ? undefined : text.split(/[|,]/).map((s) => s.trim());
}

/** The filters of `subscribers list`. */
function listFilter(call: Call): (sim: SimRecord) => boolean {
  const q = call.query;
  const statuses = alternatives(q.get("status_filter"));
  const speeds = alternatives(q.get("speed_class_filter"));
  const serial = q.get("serial_number_filter");
  const tagName = q.get("tag_name");
  const tagValue = q.get("tag_value");
  const prefix = q.get("tag_value_match_mode") === "prefix";
  return (sim) => {
    if (statuses && !statuses.includes(sim.status)) return false;
    if (speeds && !speeds.includes(sim.speedClass)) return false;
    if (serial && !sim.serialNumber.startsWith(serial)) return false;
    if (tagName) {
      const value = sim.tags[tagName];
      if (value === undefined) return false;
      if (tagValue && !(prefix ? value.startsWith(tagValue) : value === tagValue)) return false;
    }
    return true;
  };
}

/** The caller's SIMs after the request's key that pass `filter`, keyed by `keyOf`. */
export function* simsOf(
  call: Call,
  filter: (sim: SimRecord) => boolean,
  view: (sim: SimRecord) => Plain,
  byId: boolean,
): Generator<Keyed> {
  const after = call.query.get("last_evaluated_key") ?? undefined;
  // A SIM ID key is turned into the IMSI of the same SIM, which orders alike.
  const start = byId && after !== undefined ? call.world.sims.bySimId(after)?.imsi ?? after : after;
  const operatorId = operatorIdOf(call);
  for (const sim of call.world.sims.after(start)) {
    if (sim.operatorId !== operatorId || !filter(sim)) continue;
    yield { key: byId ? sim.simId : sim.imsi, value: plainText(view(sim)) };
  }
}

/** Whether `value` holds any of `wanted` (case aside). */
function holdsAny(value: string | undefined, wanted: readonly string[]): boolean {
  const v = (value ?? "").toLowerCase();
  return wanted.some((w) => v.includes(w.toLowerCase()));
}

/** `query sims` and `query subscribers`: each named field must match (`and`), or any (`or`). */
function searchFilter(call: Call): (sim: SimRecord) => boolean {
  const q = call.query;
  const groups = call.world.data.groups;
  const fields: [string, (sim: SimRecord) => string | undefined][] = [
    ["name", (s) => s.tags.name],
    ["group", (s) => groups.find((g) => g.groupId === s.groupId)?.tags.name],
    ["group_id", (s) => s.groupId],
    ["sim_id", (s) => s.simId],
    ["imsi", (s) => s.imsi],
    ["msisdn", (s) => s.msisdn],
    ["iccid", (s) => s.iccid],
    ["serial_number", (s) => s.serialNumber],
    ["tag", (s) => Object.entries(s.tags).map(([k, v]) => `${k}:${v}`).join("\n")],
    ["status", (s) => s.status],
    ["subscription", (s) => s.subscription],
    ["module_type", (s) => s.moduleType],
  ];
  const asked = fields.filter(([name]) => q.getAll(name).length > 0);
  const session = q.get("session_status") ?? "NA";
  const any = q.get("search_type") === "or";
  return (sim) => {
    if (session !== "NA" && sim.online !== (session === "ONLINE")) return false;
    if (asked.length === 0) return true;
    const hits = asked.map(([name, read]) => holdsAny(read(sim), q.getAll(name)));
    return any ? hits.some(Boolean) : hits.every(Boolean);
  };
}

/** A new SIM of the caller: a virtual one (`sims create`) or a sandbox subscriber. */
function newSim(call: Call, type: "virtual" | "uicc", subscription: string): SimRecord {
  return call.world.sims.add((imsi, index) => {
    const iccid = `898110${String(index).padStart(13, "0")}`;
    return {
      imsi,
      simId: iccid,
      iccid,
      msisdn: `8190${String(index).padStart(8, "0")}`,
      serialNumber: `SN${String(index).padStart(8, "0")}`,
      operatorId: operatorIdOf(call),
      status: "ready",
      speedClass: type === "virtual" ? "arc.standard" : "s1.standard",
      subscription,
      moduleType: type === "virtual" ? "virtual" : "nano",
      type,
      tags: {},
      terminationEnabled: false,
      online: false,
      createdTime: call.now,
      lastModifiedTime: call.now,
    };
  });
}

function createSim(call: Call): Reply {
  const sim = newSim(call, "virtual", bodyText(call, "subscription") ?? "planArc01");
  call.world.changed();
  return ok(simView(sim), call.facts.status);
}

function sandboxSubscriber(call: Call): Reply {
  const sim = newSim(call, "uicc", bodyText(call, "subscription") ?? "plan01s");
  call.world.changed();
  const registrationSecret = call.world.random("registration", sim.imsi).digits(5);
  return ok(
    { ...(subscriberView(sim) as Record<string, Out>), registrationSecret },
    call.facts.status,
  );
}

const noFilter = () => true;

/** The handlers of SIMs and subscribers. */
export const SIM_HANDLERS: Handlers = {
  listSubscribers: (call) => keyed(simsOf(call, listFilter(call), subscriberView, false)),
  listSims: (call) => keyed(simsOf(call, noFilter, simView, true)),
  searchSubscribers: (call) => keyed(simsOf(call, searchFilter(call), subscriberView, false)),
  searchSims: (call) => keyed(simsOf(call, searchFilter(call), simView, true)),
  getSubscriber: (call) => ok(subscriberView(simOf(call))),
  getSim: (call) => ok(simView(simOf(call))),
  createSim,
  sandboxCreateSubscriber: sandboxSubscriber,
  activateSubscriber: SIM_CHANGES.activate,
  activateSim: SIM_CHANGES.activate,
  deactivateSubscriber: SIM_CHANGES.deactivate,
  deactivateSim: SIM_CHANGES.deactivate,
  suspendSubscriber: SIM_CHANGES.suspend,
  suspendSim: SIM_CHANGES.suspend,
  setSubscriberToStandby: SIM_CHANGES.standby,
  setSimToStandby: SIM_CHANGES.standby,
  terminateSubscriber: SIM_CHANGES.terminate,
  terminateSim: SIM_CHANGES.terminate,
  enableTermination: SIM_CHANGES.enableTermination,
  enableSimTermination: SIM_CHANGES.enableTermination,
  disableTermination: SIM_CHANGES.disableTermination,
  disableSimTermination: SIM_CHANGES.disableTermination,
  putSubscriberTags: SIM_CHANGES.putTags,
  putSimTags: SIM_CHANGES.putTags,
  deleteSubscriberTag: SIM_CHANGES.deleteTag,
  deleteSimTag: SIM_CHANGES.deleteTag,
  updateSpeedClass: SIM_CHANGES.speedClass,
  updateSimSpeedClass: SIM_CHANGES.speedClass,
  setGroup: SIM_CHANGES.setGroup,
  setSimGroup: SIM_CHANGES.setGroup,
  unsetGroup: SIM_CHANGES.unsetGroup,
  unsetSimGroup: SIM_CHANGES.unsetGroup,
  setExpiryTime: SIM_CHANGES.setExpiry,
  setSimExpiryTime: SIM_CHANGES.setExpiry,
  unsetExpiryTime: SIM_CHANGES.unsetExpiry,
  unsetSimExpiryTime: SIM_CHANGES.unsetExpiry,
  setImeiLock: SIM_CHANGES.setImeiLock,
  setSimImeiLock: SIM_CHANGES.setImeiLock,
  unsetImeiLock: SIM_CHANGES.unsetImeiLock,
  unsetSimImeiLock: SIM_CHANGES.unsetImeiLock,
  deleteSubscriberSession: SIM_CHANGES.deleteSession,
  deleteSimSession: SIM_CHANGES.deleteSession,
  registerSubscriber: SIM_CHANGES.register,
  registerSim: SIM_CHANGES.register,
};
