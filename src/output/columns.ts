/**
 * Which columns `--output table` shows for a list of objects, and what they
 * are called. For the resources people list most (by the API's name for them:
 * `Subscriber`, `Sim`, `Group`...), the fields that tell one from another and
 * say how it is, most telling first, as `kubectl get` and `gh` choose theirs;
 * for any other, every field, the identifiers first and nested values last.
 * A query's `{...}` decides by itself, in its order.
 *
 * An identifier (an IMSI, an ID, an address) is never cut: a table shows it
 * whole or leaves it out. Headers are the keys' words in capitals
 * (`speedClass`: `SPEED CLASS`), so the key to ask `--query` for is plain.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { headerOf, objectColumns } from "./columns.ts";
 *
 * assert.equal(headerOf("speedClass"), "SPEED CLASS");
 * const { columns } = objectColumns([{ imsi: "440100000000001", tags: { name: "a" } }], {
 *   resource: "Subscriber",
 * });
 * assert.deepEqual(columns.map((c) => c.name), ["imsi", "name"]);
 * ```
 *
 * @module
 */

/** A column of a table of objects: its name, where its cells are, whether it may be cut. */
export interface FieldColumn {
  /** Its key in a query's `{...}`, and its header's words (`name`, `speedClass`). */
  readonly name: string;
  /** Where its cell is in each object (`["tags", "name"]`). */
  readonly path: readonly string[];
  /** An identifier: never cut. */
  readonly whole: boolean;
}

/**
 * The columns that matter, by resource, most telling first: a path into the
 * object (`tags.name`), or `name=path` where the last key would not say it.
 * The first is the resource's identifier: a list is taken for the resource
 * only when its objects have it.
 */
const RESOURCE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  Subscriber: [
    "imsi",
    "tags.name",
    "status",
    "speedClass",
    "sessionStatus.online",
    "groupId",
    "subscription",
    "moduleType",
    "iccid",
    "msisdn",
    "ipAddress",
    "simId",
  ],
  Sim: [
    "simId",
    "tags.name",
    "status",
    "speedClass",
    "sessionStatus.online",
    "groupId",
    "activeProfileId",
    "moduleType",
    "serialNumber",
  ],
  Group: ["groupId", "tags.name", "createdTime", "lastModifiedTime"],
  Device: [
    "device_id",
    "online",
    "endpoint",
    "manufacturer",
    "modelNumber",
    "firmwareVersion",
    "serialNumber",
    "ipAddress",
    "groupId",
  ],
  SigfoxDevice: ["device_id", "tags.name", "status", "lastSeen=lastSeen.time", "groupId"],
  LoraDevice: ["device_id", "tags.name", "status", "lastSeen=lastSeen.time", "groupId"],
  LoraGateway: ["gatewayId", "tags.name", "status", "online", "owned", "networkSetId", "address"],
  LoraNetworkSet: ["networkSetId", "tags.name", "createdTime"],
  EventHandlerModel: [
    "handlerId",
    "name",
    "status",
    "rule=ruleConfig.type",
    "targetImsi",
    "targetSimId",
    "targetGroupId",
    "targetOperatorId",
  ],
  PortMapping: [
    "hostname",
    "port",
    "imsi",
    "destination=destination.port",
    "expired",
    "expiredTime",
    "tlsRequired",
    "endpoint",
  ],
  VirtualPrivateGateway: [
    "vpgId",
    "tags.name",
    "status",
    "type",
    "ueSubnetCidrRange",
    "primaryServiceName",
  ],
  SoraCamDevice: [
    "deviceId",
    "name",
    "connected",
    "powerState",
    "productDisplayName",
    "firmwareVersion",
  ],
  UserDetailResponse: ["userName", "description", "hasPassword", "createDateTime"],
  CredentialsModel: ["credentialsId", "type", "description", "updateDateTime"],
  AuthKeyResponse: ["authKeyId", "createDateTime", "lastUsedDateTime"],
  RoleResponse: ["roleId", "roleName", "description", "owner"],
  ListRolesResponse: ["roleId", "roleName", "description", "owner"],
  Soralet: ["soraletId", "description", "updatedTime"],
  Gadget: ["id", "productId", "serialNumber", "status", "tags.name"],
  LagoonUser: ["id", "email", "role", "lastSeenAt"],
  EmailsModel: ["emailId", "email", "verified"],
  BatchGroupResponse: ["batchGroupId", "batchGroupName", "description"],
  BatchJobResponse: ["jobId", "jobName", "status", "batchGroupId", "createdTime"],
  SessionEvent: ["imsi", "time", "event", "ueIpAddress", "apn", "imei", "vpgId"],
  LogEntry: ["resourceId", "time", "resourceType", "service", "logLevel", "body"],
  DataEntry: ["resourceId", "time", "resourceType", "contentType", "content"],
  FileEntry: ["filename", "isDirectory", "contentLength", "contentType", "lastModifiedTime"],
  TrafficVolumeRanking: ["imsi", "trafficVolume"],
  APIAuditLogEntry: ["requestedTimeEpochMs", "userName", "apiKind", "requestPath"],
  PacketCaptureSession: ["sessionId", "status", "prefix", "duration", "createdTime"],
};

/** Keys that name one thing: never cut. */
const IDENTIFIER =
  /^(?:id|imsi|iccid|imei|msisdn|email|hostname|serialNumber|userName|ipAddress|.+(?:Id|_id|IpAddress|Imsi))$/;

/**
 * The header of a key: its words in capitals (`speedClass`: `SPEED CLASS`,
 * `device_id`: `DEVICE ID`).
 */
export function headerOf(name: string): string {
  return name.replaceAll("_", " ")
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
    .toUpperCase();
}

/** The column a key (or a `name=path` of a resource's list) stands for. */
function columnOf(spec: string): FieldColumn {
  const [name, path] = spec.includes("=") ? spec.split("=") : [spec.split(".").at(-1)!, spec];
  return { name, path: path.split("."), whole: IDENTIFIER.test(name) };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** The value at `path` in `row` (undefined where it is missing). */
export function valueAt(row: unknown, path: readonly string[]): unknown {
  let value = row;
  for (const key of path) value = isObject(value) ? value[key] : undefined;
  return value;
}

/** The order of the columns of a resource this module does not know: identifiers, plain values, nested ones. */
function kindOrder(key: string, rows: readonly Record<string, unknown>[]): number {
  if (IDENTIFIER.test(key)) return 0;
  return rows.some((r) => typeof r[key] === "object" && r[key] !== null) ? 2 : 1;
}

/** The columns of a table of `rows`, and the keys of theirs that no column shows. */
export function objectColumns(
  rows: readonly Record<string, unknown>[],
  options: { readonly fields?: readonly string[]; readonly resource?: string },
): { columns: FieldColumn[]; rest: string[] } {
  const keys = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  if (options.fields) {
    const columns = options.fields.map((k) => ({ name: k, path: [k], whole: IDENTIFIER.test(k) }));
    return { columns, rest: keys.filter((k) => !options.fields!.includes(k)) };
  }
  const chosen = RESOURCE_COLUMNS[options.resource ?? ""]?.map(columnOf);
  if (chosen && keys.includes(chosen[0].path[0])) {
    const columns = chosen.filter((c) => rows.some((r) => valueAt(r, c.path) !== undefined));
    return { columns, rest: keys.filter((k) => !columns.some((c) => c.path[0] === k)) };
  }
  const order = keys.sort().map((k) => [kindOrder(k, rows), k] as const);
  order.sort((a, b) => a[0] - b[0]);
  return {
    columns: order.map(([, k]) => ({ name: k, path: [k], whole: IDENTIFIER.test(k) })),
    rest: [],
  };
}
