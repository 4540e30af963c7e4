/**
 * A {@link Call} to one operation of the catalogue, made in process on a
 * seeded world, for the unit tests of the emulator's handlers and pieces (the
 * server's own tests go over HTTP instead).
 *
 * @module
 */

import { loadCatalog } from "../../src/catalog/catalog.ts";
import type { Call, Handlers } from "../../src/emulator/call.ts";
import { ApiError, errorResponse } from "../../src/emulator/errors.ts";
import { loadFacts } from "../../src/emulator/facts.ts";
import { toResponse } from "../../src/emulator/reply.ts";
import { Router } from "../../src/emulator/router.ts";
import { seedWorld } from "../../src/emulator/seed.ts";
import type { World } from "../../src/emulator/world.ts";
import { parseJson } from "../../src/json/mod.ts";

/** The operator that owns the seeded SIMs and samples. */
export const OPERATOR_ID = "OP0012345678";

/** A world with one operator (a SAM user `sam` allowed everything) and `sims` SIMs. */
export function testWorld(sims = 3, now = () => Date.UTC(2026, 0, 1)): World {
  return seedWorld({
    seed: 1,
    sims,
    operators: [{
      operatorId: OPERATOR_ID,
      email: "owner@example.com",
      password: "pw",
      users: [{ userName: "sam", password: "sam-pw" }],
    }],
  }, now);
}

/** What a request holds besides its method and path. */
export interface CallParts {
  /** JSON text of the body. */
  readonly body?: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  /** Sent without a session (as to `/auth`). */
  readonly anonymous?: boolean;
}

/** The call `method path` (below `/v1`) makes on `world`, as the operator's root user. */
export async function callOf(
  world: World,
  method: string,
  path: string,
  parts: CallParts = {},
): Promise<Call> {
  const [catalog, facts] = await Promise.all([loadCatalog(), loadFacts()]);
  const route = new Router(catalog.operations).match(method, path);
  if (route === undefined) throw new Error(`no operation for ${method} ${path}`);
  const session = parts.anonymous
    ? undefined
    : world.sessions.issue({ operatorId: OPERATOR_ID }, 3600);
  const bytes = new TextEncoder().encode(parts.body ?? "");
  return {
    op: route.op,
    facts: facts.operations[route.op.operationId],
    path: route.params,
    query: new URLSearchParams(parts.query),
    headers: new Headers(parts.headers),
    body: parts.body === undefined ? undefined : parseJson(parts.body),
    bytes,
    session,
    world,
    now: world.now(),
    base: "http://127.0.0.1:1",
  };
}

/** What a handler answered, through the server's own conversion to a response. */
export interface HandlerAnswer {
  readonly status: number;
  readonly headers: Headers;
  /** The body, parsed when it is JSON. */
  readonly json: unknown;
}

/**
 * Runs `method path` on `world` through the handler of its operation in
 * `handlers`; an {@link ApiError} thrown by it is returned as its answer.
 */
export async function answerOf(
  handlers: Handlers,
  world: World,
  method: string,
  path: string,
  parts: CallParts = {},
): Promise<HandlerAnswer> {
  const call = await callOf(world, method, path, parts);
  const handler = handlers[call.op.operationId];
  if (handler === undefined) throw new Error(`no handler for ${call.op.operationId}`);
  let response: Response;
  try {
    response = toResponse(call, await handler(call), (await loadFacts()).schemas);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    response = errorResponse(e, "en");
  }
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    json: text ? JSON.parse(text) : undefined,
  };
}
