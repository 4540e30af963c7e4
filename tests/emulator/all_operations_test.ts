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
import { newAjv, toJsonSchema } from "../helpers/api_schemas.ts";
import { addFixtures, argsOf } from "../helpers/operation_calls.ts";
import {
  isObj,
  loadSpecs,
  type Obj,
  type SpecCommand,
  specCommands,
  specsPresent,
} from "../helpers/api_spec.ts";
import { authKey, root } from "../helpers/accounts.ts";
import { testContext } from "../helpers/context.ts";
import { startTestEmulator } from "../helpers/emulator.ts";
import { tempDir } from "../helpers/run.ts";

const PRESENT = specsPresent();
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
