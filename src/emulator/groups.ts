/**
 * Groups: create, list (by tag), get, configuration by namespace, tags,
 * delete (its SIMs leave it), and the SIMs in a group.
 *
 * @module
 */

import { type Call, empty, type Handler, type Handlers, keyed, ok } from "./call.ts";
import { bodyObject, operatorIdOf } from "./call.ts";
import { notFound } from "./errors.ts";
import { Embedded, jsonText, type Out } from "./json_out.ts";
import { itemsAfter } from "./reply.ts";
import { simView } from "./sim_views.ts";
import type { GroupRecord } from "./world_data.ts";
import { RawNumber } from "../json/mod.ts";

/** A group as the API shows it. */
export function groupView(group: GroupRecord): Out {
  const configuration: Record<string, Record<string, Out>> = {};
  for (const [namespace, values] of Object.entries(group.configuration)) {
    configuration[namespace] = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, new Embedded(v)]),
    );
  }
  return {
    groupId: group.groupId,
    operatorId: group.operatorId,
    tags: group.tags,
    configuration,
    createdTime: group.createdTime,
    lastModifiedTime: group.lastModifiedTime,
  };
}

/** The caller's group the path names, or a 404. */
export function groupOf(call: Call, groupId = call.path.group_id ?? ""): GroupRecord {
  const group = call.world.data.groups.find((g) => g.groupId === groupId);
  if (group === undefined || group.operatorId !== operatorIdOf(call)) {
    throw notFound("group", groupId);
  }
  return group;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return value !== null && typeof value === "object" && !Array.isArray(value) &&
    !(value instanceof RawNumber);
}

function createGroup(call: Call) {
  const body = bodyObject(call);
  const tags: Record<string, string> = {};
  if (isPlainObject(body.tags)) {
    for (const [k, v] of Object.entries(body.tags)) if (typeof v === "string") tags[k] = v;
  }
  const configuration: GroupRecord["configuration"] = {};
  if (isPlainObject(body.configuration)) {
    for (const [namespace, values] of Object.entries(body.configuration)) {
      if (!isPlainObject(values)) continue;
      configuration[namespace] = Object.fromEntries(
        Object.entries(values).map(([k, v]) => [k, jsonText(v as Out)]),
      );
    }
  }
  const group: GroupRecord = {
    groupId: call.world.newId("group"),
    operatorId: operatorIdOf(call),
    tags,
    configuration,
    createdTime: call.now,
    lastModifiedTime: call.now,
  };
  call.world.data.groups.push(group);
  call.world.changed();
  return ok(groupView(group), call.facts.status);
}

function listGroups(call: Call) {
  const tagName = call.query.get("tag_name");
  const tagValue = call.query.get("tag_value");
  const prefix = call.query.get("tag_value_match_mode") === "prefix";
  const mine = call.world.data.groups.filter((g) => {
    if (g.operatorId !== operatorIdOf(call)) return false;
    if (!tagName) return true;
    const value = g.tags[tagName];
    return value !== undefined &&
      (!tagValue || (prefix ? value.startsWith(tagValue) : value === tagValue));
  }).sort((a, b) => a.groupId < b.groupId ? -1 : 1);
  const after = call.query.get("last_evaluated_key");
  return keyed(
    [...itemsAfter(mine, (g) => g.groupId, after)].map((g) => ({
      key: g.groupId,
      value: groupView(g),
    })),
  );
}

/** A handler that changes the group the path names, then answers with it (or nothing). */
function changing(change: (group: GroupRecord, call: Call) => void): Handler {
  return (call) => {
    const group = groupOf(call);
    change(group, call);
    group.lastModifiedTime = call.now;
    call.world.changed();
    return call.facts.response === undefined
      ? empty(call.facts.status)
      : ok(groupView(group), call.facts.status);
  };
}

function putConfig(group: GroupRecord, call: Call): void {
  const namespace = call.path.namespace;
  const values = { ...group.configuration[namespace] };
  for (const item of Array.isArray(call.body) ? call.body : []) {
    if (!isPlainObject(item) || typeof item.key !== "string") continue;
    values[item.key] = jsonText((item.value ?? null) as Out);
  }
  group.configuration = { ...group.configuration, [namespace]: values };
}

function putTags(group: GroupRecord, call: Call): void {
  for (const item of Array.isArray(call.body) ? call.body : []) {
    if (
      isPlainObject(item) && typeof item.tagName === "string" && typeof item.tagValue === "string"
    ) {
      group.tags = { ...group.tags, [item.tagName]: item.tagValue };
    }
  }
}

function deleteGroup(call: Call) {
  const group = groupOf(call);
  const world = call.world;
  world.remove("groups", group);
  for (const sim of Object.values(world.data.sims)) {
    if (sim.groupId === group.groupId) world.sims.put({ ...sim, groupId: undefined });
  }
  return empty(call.facts.status);
}

function listSims(call: Call) {
  const group = groupOf(call);
  const after = call.query.get("last_evaluated_key");
  const sims = Object.values(call.world.data.sims)
    .filter((s) => s.groupId === group.groupId)
    .sort((a, b) => a.simId < b.simId ? -1 : 1);
  return keyed(
    [...itemsAfter(sims, (s) => s.simId, after)].map((s) => ({ key: s.simId, value: simView(s) })),
  );
}

/** The handlers of groups. */
export const GROUP_HANDLERS: Handlers = {
  createGroup,
  listGroups,
  getGroup: (call) => ok(groupView(groupOf(call))),
  deleteGroup,
  putConfigurationParameters: changing(putConfig),
  deleteConfigurationParameter: changing((group, call) => {
    const { [call.path.name]: _gone, ...rest } = group.configuration[call.path.namespace] ?? {};
    group.configuration = { ...group.configuration, [call.path.namespace]: rest };
  }),
  deleteConfigurationNamespace: changing((group, call) => {
    const { [call.path.namespace]: _gone, ...rest } = group.configuration;
    group.configuration = rest;
  }),
  putGroupTags: changing(putTags),
  deleteGroupTag: changing((group, call) => {
    const { [call.path.tag_name]: _gone, ...rest } = group.tags;
    group.tags = rest;
  }),
  listSubscribersInGroup: listSims,
};
