/**
 * What `soracom mcp` lets an agent run: operations that read (GET) unless
 * `--allow-write`; with `--allow` patterns only those that match one; never
 * one that matches a `--deny` pattern. A pattern is a command name or an
 * operation ID, `*` standing for any run of characters (`sims *`,
 * `*delete*`, `listSubscribers`), compared without regard to case.
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import type { Said } from "../messages.ts";
import { said } from "../messages.ts";

/** How the server was started. */
export interface Policy {
  /** `--allow-write`: operations other than GET may run, each asked of the user first. */
  readonly allowWrite: boolean;
  /** `--allow`: when any, only operations matching one run. */
  readonly allow: readonly string[];
  /** `--deny`: operations matching one never run. */
  readonly deny: readonly string[];
}

/** True when the operation changes nothing: a GET. */
export function readsOnly(op: CatalogOperation): boolean {
  return op.method === "GET" || op.method === "HEAD";
}

/** Whether `pattern` (`*` for any characters) matches `text` whole, in any case. */
function matches(pattern: string, text: string): boolean {
  const source = pattern.trim().split("*").map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join(".*");
  return new RegExp(`^${source}$`, "i").test(text);
}

/** The first of `patterns` that matches one of `op`'s names or its operation ID. */
function firstMatch(patterns: readonly string[], op: CatalogOperation): string | undefined {
  return patterns.find((p) => [...op.names, op.operationId].some((n) => matches(p, n)));
}

/**
 * Why `op` may not run under `policy`, or `undefined` when it may (a change
 * still needs the user's yes).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { refusal } from "./policy.ts";
 * import type { CatalogOperation } from "../catalog/types.ts";
 *
 * const op = { names: ["sims delete-tag"], operationId: "deleteSimTag", method: "DELETE" } as
 *   unknown as CatalogOperation;
 * assert.equal(refusal(op, { allowWrite: false, allow: [], deny: [] })?.key, "mcpWriteRefused");
 * assert.equal(refusal(op, { allowWrite: true, allow: [], deny: [] }), undefined);
 * assert.equal(refusal(op, { allowWrite: true, allow: [], deny: ["*tag*"] })?.key, "mcpDenied");
 * assert.equal(refusal(op, { allowWrite: true, allow: ["groups *"], deny: [] })?.key, "mcpNotAllowed");
 * ```
 */
export function refusal(op: CatalogOperation, policy: Policy): Said | undefined {
  const name = op.names[0];
  const denied = firstMatch(policy.deny, op);
  if (denied !== undefined) return said("mcpDenied", name, denied);
  if (policy.allow.length > 0 && firstMatch(policy.allow, op) === undefined) {
    return said("mcpNotAllowed", name);
  }
  if (!readsOnly(op) && !policy.allowWrite) return said("mcpWriteRefused", name, op.method);
  return undefined;
}
