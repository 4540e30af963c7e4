/**
 * Every operation of the catalogue, called through our CLI (in process) against
 * the emulator: each answers a 2xx, or an error status the definition lists for
 * it; a JSON answer is checked with ajv against the definition's own response
 * schema (read from ../shared at test time, formats included); path, query and
 * body values are made from the definition, not from the emulator's facts.
 * Each operation gets a fresh emulator, so a delete never hides a later get.
 *
 * Without ../shared/soracom-api the test is ignored and says so.
 *
 * @module
 */

import assert from "node:assert/strict";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import type { CatalogOperation } from "../../src/catalog/types.ts";
import { runCli } from "../../src/cli/app.ts";
import type { Answered } from "../../src/emulator/server.ts";
import { minimal, newAjv, toJsonSchema } from "../helpers/api_schemas.ts";
import {
  isObj,
  loadSpecs,
  type Obj,
  type SpecCommand,
  specCommands,
  specsPresent,
} from "../helpers/api_spec.ts";
import { authKey, root, switchTarget, totpFor } from "../helpers/accounts.ts";
import { testContext } from "../helpers/context.ts";
import { startTestEmulator, type TestEmulator } from "../helpers/emulator.ts";
import { tempDir } from "../helpers/run.ts";

const PRESENT = specsPresent();
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
function addFixtures(api: TestEmulator, op: CatalogOperation): void {
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

/** The flags of one call: path values, required query values, the body. */
function argsOf(
  api: TestEmulator,
  op: CatalogOperation,
  spec: SpecCommand,
  groupId: string,
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
    const override = bodyOverride(op, api.now());
    const body = override ??
      (op.body.kind === "raw" && !op.body.contentType.includes("json")
        ? "emulated"
        : minimal(spec.spec, spec.body?.rawSchema ?? {}));
    const text = typeof body === "string" && !op.body.contentType.includes("json")
      ? body
      : JSON.stringify(body);
    args.push(
      "--body",
      op.operationId === "setGroup" || op.operationId === "setSimGroup"
        ? JSON.stringify({ groupId })
        : text,
    );
  }
  return args;
}

/** The operation's object in the definition. */
function specOperation(spec: SpecCommand): Obj {
  const paths = spec.spec.paths as Obj;
  return (paths[spec.path] as Obj)[spec.method.toLowerCase()] as Obj;
}

/** The schema of the operation's JSON answer for `status`, if it has one. */
function responseSchema(spec: SpecCommand, status: number): unknown {
  const response = (specOperation(spec).responses as Obj)[String(status)];
  const content = isObj(response) && isObj(response.content) ? response.content : undefined;
  const json = content?.["application/json"];
  return isObj(json) ? json.schema : undefined;
}

interface Outcome {
  readonly name: string;
  readonly status?: number;
  readonly problem?: string;
  /** Its JSON answer was checked against the definition. */
  readonly validated?: true;
}

/** The hand-written commands that replace generated ones run their own way. */
const HAND_WRITTEN: Readonly<Record<string, () => string[]>> = {
  auth: () => [
    "auth",
    "--auth-key-id",
    authKey.authKeyId,
    "--auth-key",
    authKey.authKey,
    "--no-session-cache",
  ],
  logout: () => ["api", "POST", "/auth/logout"],
};

async function callOne(op: CatalogOperation, spec: SpecCommand, dir: string): Promise<Outcome> {
  const answers: Answered[] = [];
  await using api = await startTestEmulator({ onAnswer: (a) => answers.push(a) });
  addFixtures(api, op);
  const session = api.world.sessions.issue({ operatorId: root.operatorId }, 86400);
  const name = op.names[0];
  const args = HAND_WRITTEN[name]?.() ?? argsOf(api, op, spec, api.world.data.groups[0].groupId);
  const t = testContext({
    env: {
      SORACOM_ENDPOINT: api.url,
      SORACOM_API_KEY: session.apiKey,
      SORACOM_API_TOKEN: session.token,
      HOME: dir,
      SORACOM_PROFILE_DIR: dir,
      SORACOM_SESSION_DIR: dir,
    },
    sleep: () => Promise.resolve(),
  });
  const code = await runCli(args, t.ctx);
  const answer = answers.find((a) => a.operationId === op.operationId);
  if (answer === undefined) return { name, problem: `no request (exit ${code}): ${t.stderr()}` };
  const listed = Object.keys(specOperation(spec).responses as Obj).map(Number);
  const ok = answer.status >= 200 && answer.status < 300;
  if (!ok && !listed.includes(answer.status)) {
    return {
      name,
      status: answer.status,
      problem: `status ${answer.status} is not in ${listed}: ${t.stderr().trim()}`,
    };
  }
  // A 204 has no body, whatever the definition says of its content.
  const schema = ok && answer.status !== 204 ? responseSchema(spec, answer.status) : undefined;
  if (schema === undefined || op.rawOutput) return { name, status: answer.status };
  const validate = AJV!.compile(toJsonSchema(schema, spec.specId) as Obj);
  let body: unknown;
  try {
    body = JSON.parse(t.stdout());
  } catch {
    return { name, status: answer.status, problem: `not JSON: ${t.stdout().slice(0, 200)}` };
  }
  return validate(body)
    ? { name, status: answer.status, validated: true }
    : { name, status: answer.status, problem: JSON.stringify(validate.errors?.slice(0, 3)) };
}

const SPECS = PRESENT ? await loadSpecs() : undefined;
const AJV = SPECS === undefined ? undefined : newAjv(SPECS, { formats: true });

Deno.test({
  name: PRESENT
    ? "every operation of the catalogue, through the CLI: a 2xx or a listed error; answers fit the definition"
    : "every operation through the CLI (IGNORED: ../shared/soracom-api/ is not present)",
  ignore: !PRESENT,
  async fn() {
    const catalog = await loadCatalog();
    const specs = specCommands(SPECS!);
    const dir = await tempDir();
    const outcomes: Outcome[] = [];
    try {
      for (const op of catalog.operations) {
        outcomes.push(await callOne(op, specs.get(op.names[0])!, dir));
      }
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
    const problems = outcomes.filter((o) => o.problem !== undefined);
    const succeeded = outcomes.filter((o) => o.status !== undefined && o.status < 300).length;
    const listed = outcomes.filter((o) => o.problem === undefined && (o.status ?? 0) >= 300);
    const errors = listed.map((o) => `${o.name} ${o.status}`).join(", ");
    console.log(
      `all operations: ${outcomes.length} called, ${succeeded} answered 2xx, ` +
        `${listed.length} a listed error (${errors}), ${problems.length} problems; ` +
        `${outcomes.filter((o) => o.validated).length} JSON answers fit the definition`,
    );
    assert.deepEqual(problems.map((p) => `${p.name}: ${p.problem}`), []);
    assert.equal(outcomes.length, 490);
  },
});
