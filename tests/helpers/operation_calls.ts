/**
 * Calls of any operation of the catalogue that should succeed against a fresh
 * emulator: the fixtures a call needs (a SAM user with a role, an AuthKey and
 * MFA started, default permissions, a SIM that may be terminated) and the
 * command line, with path, query and body values from the API definition (or
 * IDs the emulator knows). The all-operations test and the soracom-cli
 * differential test use them.
 *
 * @module
 */

import type { CatalogOperation } from "../../src/catalog/types.ts";
import { minimal } from "./api_schemas.ts";
import type { Obj, SpecCommand } from "./api_spec.ts";
import { authKey, root, switchTarget, totpFor } from "./accounts.ts";
import type { TestEmulator } from "./emulator.ts";

const IMSI = "440100000000001";
const SIM_ID = "8981100000000000001";
const USER = "tester";
const USER_PASSWORD = "tester-Passw0rd";
const ROLE = "tester-role";
const USER_KEY = "keyId-tester000000000000000000000001";

/** A TOTP secret whose MFA set-up the verify calls finish. */
const PENDING_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP";

/**
 * The state a call starts from, beside the emulator's own samples (a group, Soralets...): a SAM
 * user with a role, an AuthKey and MFA started, the root user's MFA started, default
 * permissions, a SIM that may be terminated (or is ready, for standby), a Soralet version.
 */
export function addFixtures(api: TestEmulator, op: CatalogOperation): void {
  const operator = api.world.operator(root.operatorId);
  const now = api.now();
  operator.mfa = { status: "pending", secret: PENDING_SECRET };
  operator.defaultPermissions = '{"statements":[{"api":"Subscriber:*","effect":"allow"}]}';
  operator.roles.push({
    roleId: ROLE,
    permission: '{"statements":[{"api":"*","effect":"allow"}]}',
    createdTime: now,
    updatedTime: now,
  });
  operator.users.push({
    userName: USER,
    password: USER_PASSWORD,
    createdTime: now,
    updatedTime: now,
    roles: [ROLE],
    trustPolicy:
      `{"statements":[{"effect":"allow","principal":{"soracom":["srn:soracom:${root.operatorId}::Operator:${root.operatorId}"]}}]}`,
    authKeys: [{ authKeyId: USER_KEY, authKey: "secret-tester", createdTime: now }],
    mfa: { status: "pending", secret: PENDING_SECRET },
  });
  // A SIM that may be terminated (its protection off).
  const sim = api.world.sims.get(IMSI)!;
  const standby = op.operationId.includes("Standby");
  api.world.sims.put({ ...sim, terminationEnabled: true, status: standby ? "ready" : sim.status });
  api.world.data.soralets.find((s) => s.soraletId === "hello")!.versions.push({
    version: 1,
    hash: "0".repeat(64),
    size: 8,
    createdTime: now,
  });
}

/** The value of a path parameter: an ID the emulator knows (a new one where the call makes it). */
function pathValue(
  api: TestEmulator,
  op: CatalogOperation,
  name: string,
  spec: Obj,
  schema: Obj | undefined,
): string {
  const data = api.world.data;
  const creates = op.method === "POST" && op.path.endsWith(`{${name}}`);
  const known: Record<string, string> = {
    imsi: IMSI,
    sim_id: SIM_ID,
    iccid: SIM_ID,
    operator_id: root.operatorId,
    user_name: creates && op.operationId === "createUser" ? "new-user" : USER,
    role_id: creates && op.operationId === "createRole" ? "new-role" : ROLE,
    group_id: data.groups[0].groupId,
    soralet_id: "hello",
    version: "1",
    handler_id: data.eventHandlers[0].handlerId,
    auth_key_id: op.path.includes("/users/") ? USER_KEY : data.operators[0].authKeys[0].authKeyId,
    resource_type: "Subscriber",
    resource_id: data.harvest[0].resourceId,
    time: String(data.harvest[0].time),
    tag_name: "name",
    namespace: "SoracomAir",
    name: "metadata",
    email: "new-operator@example.com",
    scope: "private",
    path: "dir/file.txt",
    msisdn: "819000000001",
  };
  return known[name] ??
    (schema === undefined ? `${name.replaceAll("_", "-")}-1` : String(minimal(spec, schema)));
}

/** Bodies the definition's smallest value cannot stand for: they must name what exists. */
function bodyOverride(op: CatalogOperation, now: number): unknown {
  const code = { mfaOTPCode: totpFor(PENDING_SECRET, now) };
  const key = { authKeyId: authKey.authKeyId, authKey: authKey.authKey };
  const allowAll = '{"statements":[{"api":"*","effect":"allow"}]}';
  const passwords: Record<string, unknown> = {
    createRole: { permission: allowAll },
    updateRole: { permission: allowAll },
    updateUserPermission: { permission: allowAll },
    updateDefaultPermissions: { permissions: allowAll },
    updateUserTrustPolicy: {
      trustPolicy:
        `{"statements":[{"effect":"allow","principal":{"soracom":["srn:soracom:${root.operatorId}::Operator:${root.operatorId}"]}}]}`,
    },
    updateOperatorPassword: { currentPassword: root.password, newPassword: "new-Passw0rd" },
    updateUserPassword: { currentPassword: USER_PASSWORD, newPassword: "new-Passw0rd" },
    revokeMFA: { password: root.password },
    switchUser: { operatorId: switchTarget.operatorId, userName: switchTarget.userName },
    attachRole: { roleId: ROLE },
    verifyMFA: code,
    verifyUserMFA: code,
    sandboxInitializeOperator: {
      ...key,
      email: "new-operator@example.com",
      password: "new-Passw0rd",
    },
    sandboxGetSignupToken: key,
    createSoralet: { soraletId: "new-soralet" },
  };
  return passwords[op.operationId];
}

/**
 * Moves the body's keys that have flags of their own into flags (as soracom-cli users write
 * them: soracom-cli sends no body with a DELETE), keeping the rest for `--body`.
 */
function bodyAsFlags(op: CatalogOperation, body: unknown, args: string[]): unknown {
  if (body === null || typeof body !== "object" || Array.isArray(body) || !op.body?.props) {
    return body;
  }
  const rest: Record<string, unknown> = { ...body as Record<string, unknown> };
  for (const prop of op.body.props) {
    const value = rest[prop.name];
    if (value === undefined || (typeof value === "object" && value !== null)) continue;
    if (prop.type === "boolean") {
      if (value === true) args.push(`--${prop.flag}`);
    } else args.push(`--${prop.flag}`, String(value));
    delete rest[prop.name];
  }
  return Object.keys(rest).length === 0 ? undefined : rest;
}

/**
 * The flags of one call: path values, required query values, the body (with `flags`, its keys
 * that have flags as flags).
 */
export function argsOf(
  api: TestEmulator,
  op: CatalogOperation,
  spec: SpecCommand,
  groupId: string,
  options: { readonly flags?: boolean } = {},
): string[] {
  const args = op.names[0].split(" ");
  for (const p of op.params) {
    const schema = spec.params.find((s) => s.name === p.name)?.schema;
    if (p.in === "path") {
      const plain = schema?.type === "string" && !Array.isArray(schema.enum) ? undefined : schema;
      args.push(`--${p.flag}`, pathValue(api, op, p.name, spec.spec, plain));
    } else if (p.required) {
      const value = minimal(spec.spec, schema ?? {});
      args.push(`--${p.flag}`, String(Array.isArray(value) ? value[0] : value));
    }
  }
  if (op.body !== undefined) {
    const override = op.operationId === "setGroup" || op.operationId === "setSimGroup"
      ? { groupId }
      : bodyOverride(op, api.now());
    const made = override ??
      (op.body.kind === "raw" && !op.body.contentType.includes("json")
        ? "emulated"
        : minimal(spec.spec, spec.body?.rawSchema ?? {}));
    const body = options.flags ? bodyAsFlags(op, made, args) : made;
    if (body === undefined) return args;
    const text = typeof body === "string" && !op.body.contentType.includes("json")
      ? body
      : JSON.stringify(body);
    args.push("--body", text);
  }
  return args;
}
