/**
 * Who may call what: a valid API key and token for every operation that needs
 * them (401 otherwise), the session's own operator in an `operator_id` path
 * (403), and for a SAM user, a permission that allows the API (403): its own
 * permission and its roles' statements, `"api"` patterns like
 * `Subscriber:list*` or `*`, where a matching `deny` wins, as SAM reads them.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { permits } from "./access.ts";
 *
 * const doc = '{"statements":[{"api":["Subscriber:list*"],"effect":"allow"}]}';
 * assert.equal(permits([doc], "Subscriber:listSubscribers"), true);
 * assert.equal(permits([doc], "Subscriber:terminateSubscriber"), false);
 * ```
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import { ApiError } from "./errors.ts";
import type { World } from "./world.ts";
import type { SessionRecord } from "./world_data.ts";

/** A statement of a permission or trust policy document, unchecked. */
export interface Statement {
  /** `allow` or `deny`. */
  readonly effect?: unknown;
  /** API patterns (permissions). */
  readonly api?: unknown;
  /** Who (trust policies). */
  readonly principal?: unknown;
}

/** The statements of a permission document (none when it is not one). */
export function statementsOf(doc: string): Statement[] {
  try {
    const parsed: unknown = JSON.parse(doc);
    const statements = (parsed as { statements?: unknown })?.statements;
    return Array.isArray(statements)
      ? statements.filter((s) => s !== null && typeof s === "object")
      : [];
  } catch {
    return [];
  }
}

function matches(pattern: string, api: string): boolean {
  const parts = pattern.split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`^${parts.join(".*")}$`).test(api);
}

function names(api: unknown): string[] {
  return typeof api === "string"
    ? [api]
    : Array.isArray(api)
    ? api.filter((a) => typeof a === "string")
    : [];
}

/** Whether permission documents allow `api` (`Tag:operationId`): an allow and no deny. */
export function permits(docs: readonly string[], api: string): boolean {
  let allowed = false;
  for (const statement of docs.flatMap(statementsOf)) {
    if (!names(statement.api).some((p) => matches(p, api))) continue;
    if (statement.effect === "deny") return false;
    if (statement.effect === "allow") allowed = true;
  }
  return allowed;
}

/** What a SAM user may always do: sign out, switch, and renew its own token. */
const ALWAYS: ReadonlySet<string> = new Set(["logout", "switchUser", "generateAuthToken"]);

/** The permission documents that apply to a SAM user: its own, its roles', the defaults. */
function documentsOf(world: World, session: SessionRecord): string[] {
  const operator = world.data.operators.find((o) => o.operatorId === session.operatorId);
  const user = operator?.users.find((u) => u.userName === session.userName);
  if (operator === undefined || user === undefined) return [];
  const roles = operator.roles.filter((r) => user.roles.includes(r.roleId)).map((r) =>
    r.permission
  );
  return [
    ...(user.permission === undefined ? [] : [user.permission]),
    ...roles,
    ...(operator.defaultPermissions === undefined ? [] : [operator.defaultPermissions]),
  ];
}

/**
 * The session a request acts with, once it may call `op` (`undefined` for the
 * operations that need no API key); a 401 or 403 otherwise.
 */
export function authorize(
  world: World,
  op: CatalogOperation,
  path: Readonly<Record<string, string>>,
  headers: Headers,
): SessionRecord | undefined {
  if (!op.auth) return undefined;
  const check = world.sessions.check(
    headers.get("x-soracom-api-key"),
    headers.get("x-soracom-token"),
  );
  if (check.kind === "missing") throw new ApiError("tokenRequired");
  if (check.kind === "invalid") throw new ApiError("invalidToken");
  // The token API says an expired token is a bad request: clients sign in again then.
  if (check.kind === "expired") {
    throw new ApiError(op.operationId === "generateAuthToken" ? "tokenExpired" : "invalidToken");
  }
  const session = check.session;
  const operatorId = path.operator_id;
  if (operatorId !== undefined && operatorId !== session.operatorId && !op.sandbox) {
    throw new ApiError("forbidden", (w) => w.forbidden(operatorId));
  }
  if (session.userName !== undefined && !ALWAYS.has(op.operationId)) {
    const api = `${op.tag}:${op.operationId}`;
    if (!permits(documentsOf(world, session), api)) {
      const user = session.userName;
      throw new ApiError("permissionDenied", (w) => w.permissionDenied(user, api));
    }
  }
  return session;
}
