/**
 * `startEmulator`: a local SORACOM API answering every operation of the
 * catalogue. A request goes: log, fault rules, latency, route (404 for an
 * unknown path), the API key and token (401) and permissions (403), the checks
 * of the definition (400), then the operation's handler where the emulator
 * keeps state, or a made-up answer that fits the definition where it keeps
 * none; a change is written to the state file before the answer goes out.
 * Nothing a client sends stops the server: a failure is a 500 in SORACOM's
 * shape.
 *
 * @module
 */

import { loadCatalog } from "../catalog/catalog.ts";
import type { Context } from "../context.ts";
import type { Lang } from "../messages.ts";
import { authorize } from "./access.ts";
import type { Call, Reply } from "./call.ts";
import { ApiError, errorBody, errorResponse, langOf } from "./errors.ts";
import { type EmulatorFacts, loadFacts } from "./facts.ts";
import { type Fault, type FaultRule, Faults } from "./faults.ts";
import { HANDLERS, requireKnownIds } from "./handlers.ts";
import { checkRequest, type SentBody } from "./request.ts";
import { NEXT_KEY, toResponse } from "./reply.ts";
import { Router } from "./router.ts";
import { DEFAULT_OPERATOR, type OperatorSeed, seedWorld } from "./seed.ts";
import { isRawBody, statelessAnswer } from "./stateless.ts";
import { readState, StateWriter } from "./state_file.ts";
import { World } from "./world.ts";
import { parseJson } from "../json/mod.ts";
import { EXTENSION_FACTS, EXTENSION_OPERATIONS } from "./harvest.ts";
import { droppedResponse } from "./dropped.ts";
import { collectCapped } from "../bytes.ts";

/** What the emulator needs of the outside world: a Context's clock, files and network. */
export type EmulatorHost = Pick<Context, "now" | "sleep" | "fs" | "serve">;

/** How to start an emulator. */
export interface EmulatorOptions {
  /** The address to listen on (default `127.0.0.1`). */
  readonly hostname?: string;
  /** The port (default 0: a free one). */
  readonly port?: number;
  /** The seed of made-up data (default 1). */
  readonly seed?: number;
  /** How many SIMs a new world has (default 10). */
  readonly sims?: number;
  /** Wait this long before each answer (ms). */
  readonly latencyMs?: number;
  /** Fault rules (`--faults FILE`). */
  readonly faults?: readonly FaultRule[];
  /** Keep the world in this file (`--state FILE`). */
  readonly statePath?: string;
  /** The clock (ms), when not the host's (tests move it). */
  readonly now?: () => number;
  /** The operators a new world has (default: {@link DEFAULT_OPERATOR}). */
  readonly operators?: readonly OperatorSeed[];
  /** Keep every request in {@link Emulator.log} (default true; the command keeps none). */
  readonly record?: boolean;
  /** Told of each answered request. */
  readonly onAnswer?: (answer: Answered) => void;
}

/** One request as it came. */
export interface LoggedRequest {
  /** The HTTP method. */
  readonly method: string;
  /** The URL path without the query, e.g. `/v1/subscribers`. */
  readonly path: string;
  /** The query's values by name. */
  readonly query: Readonly<Record<string, string[]>>;
  /** Header names are lower-case. */
  readonly headers: Readonly<Record<string, string>>;
  /** The body as text. */
  readonly body: string;
  /** The emulator's clock when it came (ms). */
  readonly time: number;
}

/** A request and what it was answered. */
export interface Answered {
  /** The HTTP method. */
  readonly method: string;
  /** The URL path. */
  readonly path: string;
  /** The status answered. */
  readonly status: number;
  /** The operation, when the path is one. */
  readonly operationId?: string;
  /** How long the answer took (ms, on the emulator's clock). */
  readonly ms: number;
}

/** A canned answer for {@link Emulator.stub}. */
export interface StubResponse {
  /** The status. */
  readonly status: number;
  /** Headers (`content-type: application/json` is added to a body without one). */
  readonly headers?: Readonly<Record<string, string>>;
  /** The body. */
  readonly body?: string | Uint8Array;
}

/** A running emulator. */
export interface Emulator {
  /** Its URL without `/v1`, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** What it keeps (tests look and change). */
  readonly world: World;
  /** Every request, in order (when recording). */
  readonly log: readonly LoggedRequest[];
  /** How many logged requests had this method and path. */
  count(method: string, path: string): number;
  /** Adds a fault rule (after those of `--faults`). */
  addFault(rule: FaultRule): void;
  /** Answers `method path` (with `/v1`) with `response`, after the API key check. */
  stub(method: string, path: string, response: StubResponse): void;
  /** Makes successful GETs of `path` always carry the same `x-soracom-next-key`. */
  setNextKeyLoop(path: string): void;
  /** Stops it; hanging requests are dropped. Safe to call twice. */
  close(): Promise<void>;
}

/** The most a request body may hold: more gets a 413 (and the rest is not read). */
export const MAX_BODY_BYTES = 16 * 1024 * 1024;

/** A request as the pipeline carries it. */
interface Incoming {
  readonly method: string;
  readonly url: URL;
  readonly headers: Headers;
  /** Its body, or `undefined` when it was larger than {@link MAX_BODY_BYTES}. */
  readonly bytes: Uint8Array | undefined;
  readonly lang: Lang;
  readonly base: string;
}

/** The body of a request, up to the cap (`undefined` past it); none if the client went away. */
async function readBody(request: Request): Promise<Uint8Array | undefined> {
  if (request.body === null) return new Uint8Array();
  try {
    return await collectCapped(request.body, MAX_BODY_BYTES);
  } catch {
    return new Uint8Array();
  }
}

function queryRecord(params: URLSearchParams): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of params) (query[name] ??= []).push(value);
  return query;
}

/** The body as the checks read it: none, JSON, or not JSON (and why). */
function sentBody(bytes: Uint8Array): SentBody {
  if (bytes.length === 0) return undefined;
  const text = new TextDecoder().decode(bytes);
  if (text.trim() === "") return undefined;
  try {
    return { json: parseJson(text) };
  } catch (error) {
    return { notJson: error instanceof Error ? error.message : "?" };
  }
}

/** A body long enough to cut in half, for a fault on an answer that has (almost) none. */
const FILLER = new TextEncoder().encode('[{"imsi":"440100000000000","status":"active"}]');

async function halves(response: Response): Promise<{ headers: Headers; bytes: Uint8Array }> {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const headers = new Headers(response.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  return { headers, bytes: bytes.length >= 2 ? bytes : FILLER };
}

/** One running emulator's pipeline. */
class Pipeline {
  readonly log: LoggedRequest[] = [];
  readonly stubs = new Map<string, StubResponse>();
  readonly loops = new Map<string, string | undefined>();
  readonly hangs = new Set<() => void>();
  closing = false;

  constructor(
    readonly host: EmulatorHost,
    readonly options: EmulatorOptions,
    readonly facts: EmulatorFacts,
    readonly router: Router,
    readonly world: World,
    readonly faults: Faults,
    readonly writer: StateWriter | undefined,
  ) {}

  now(): number {
    return this.world.now();
  }

  async handle(request: Request, base: string): Promise<Response> {
    const started = this.now();
    const url = new URL(request.url);
    const bytes = await readBody(request);
    const incoming: Incoming = {
      method: request.method,
      url,
      headers: request.headers,
      bytes,
      lang: langOf(request.headers),
      base,
    };
    if (this.options.record !== false) {
      this.log.push({
        method: request.method,
        path: url.pathname,
        query: queryRecord(url.searchParams),
        headers: Object.fromEntries(request.headers),
        body: bytes === undefined ? "" : new TextDecoder().decode(bytes),
        time: started,
      });
    }
    const fault = this.faults.take(request.method, url.pathname);
    if (this.options.latencyMs) await this.host.sleep(this.options.latencyMs);
    const response = fault === undefined
      ? await this.answer(incoming)
      : await this.applyFault(fault, incoming);
    this.options.onAnswer?.({
      method: request.method,
      path: url.pathname,
      status: response.status,
      operationId: this.router.match(request.method, url.pathname.slice(3))?.op.operationId,
      ms: this.now() - started,
    });
    return response;
  }

  /** The answer, with every failure turned into an error in SORACOM's shape. */
  async answer(incoming: Incoming): Promise<Response> {
    try {
      const response = await this.dispatch(incoming);
      return this.loopNextKey(incoming, response);
    } catch (error) {
      if (error instanceof ApiError) return errorResponse(error, incoming.lang);
      const detail = error instanceof Error ? error.message : String(error);
      return errorResponse(new ApiError("internal", (w) => w.internal(detail)), incoming.lang);
    } finally {
      if (this.world.takeChanged()) await this.writer?.save(this.world.data);
    }
  }

  async dispatch(incoming: Incoming): Promise<Response> {
    const { method, url, headers } = incoming;
    const path = url.pathname;
    if (incoming.bytes === undefined) {
      throw new ApiError("bodyTooLarge", (w) => w.bodyTooLarge(`${MAX_BODY_BYTES / 1048576} MiB`));
    }
    if (method === "GET" && path.startsWith("/emulator/files/")) {
      return new Response(`emulated file ${decodeURIComponent(path.slice(16))}\n`, { status: 200 });
    }
    const route = path.startsWith("/v1/") ? this.router.match(method, path.slice(3)) : undefined;
    if (route === undefined) throw new ApiError("noSuchApi", (w) => w.noSuchApi(method, path));
    const session = authorize(this.world, route.op, route.params, headers);
    const stub = this.stubs.get(`${method} ${path}`);
    if (stub !== undefined) return stubResponse(stub);
    const facts = this.facts.operations[route.op.operationId];
    const body = isRawBody(facts.body, this.facts.schemas)
      ? incoming.bytes.length > 0 ? { raw: true } as const : undefined
      : sentBody(incoming.bytes);
    const refused = checkRequest(
      facts,
      this.facts.schemas,
      route.params,
      url.searchParams,
      headers,
      body,
    );
    if (refused !== undefined) throw refused;
    const call: Call = {
      op: route.op,
      facts,
      path: route.params,
      query: url.searchParams,
      headers,
      body: body !== undefined && "json" in body ? body.json : undefined,
      bytes: incoming.bytes,
      session,
      world: this.world,
      now: this.now(),
      base: incoming.base,
    };
    const handler = HANDLERS[route.op.operationId];
    if (handler === undefined) requireKnownIds(call);
    const reply: Reply = handler === undefined
      ? statelessAnswer(call, this.facts.schemas)
      : await handler(call);
    return toResponse(call, reply, this.facts.schemas);
  }

  /** A successful GET of a looping path always names the same next key (tests of paging). */
  loopNextKey(incoming: Incoming, response: Response): Response {
    const path = incoming.url.pathname;
    if (incoming.method !== "GET" || !response.ok || !this.loops.has(path)) return response;
    const key = this.loops.get(path) ?? response.headers.get(NEXT_KEY) ?? "loop-key";
    this.loops.set(path, key);
    response.headers.set(NEXT_KEY, key);
    return response;
  }

  async applyFault(fault: Fault, incoming: Incoming): Promise<Response> {
    switch (fault.kind) {
      case "status":
        return faultStatus(fault, incoming.lang);
      case "delay":
        await this.host.sleep(fault.ms);
        return await this.answer(incoming);
      case "truncate": {
        const { headers, bytes } = await halves(await this.answer(incoming));
        return new Response(bytes.slice(0, Math.floor(bytes.length / 2)), { status: 200, headers });
      }
      case "drop": {
        const { headers, bytes } = await halves(await this.answer(incoming));
        return droppedResponse(headers, bytes.length, bytes.slice(0, Math.floor(bytes.length / 2)));
      }
      case "hang":
        return await new Promise<Response>((resolve) => {
          const drop = () => resolve(droppedResponse(new Headers(), 1, new Uint8Array()));
          if (this.closing) drop();
          else this.hangs.add(drop);
        });
    }
  }
}

/** A fault's status answer: a 429 says when to retry; a 5xx says the server failed. */
function faultStatus(fault: Extract<Fault, { kind: "status" }>, lang: Lang): Response {
  const retry = fault.retryAfter ?? (fault.status === 429 ? 1 : undefined);
  const headers: Record<string, string> = { "content-type": "application/json", ...fault.headers };
  if (retry !== undefined && fault.headers?.["retry-after"] === undefined) {
    headers["retry-after"] = String(retry);
  }
  const error = fault.status === 429
    ? new ApiError("rateLimited", (w) => w.rateLimited(retry ?? 1))
    : new ApiError("serverError");
  const body = fault.body ??
    errorBody(new ApiError(error.kind, error.words, { status: fault.status }), lang);
  const nullBody = fault.status === 204 || fault.status === 304;
  return new Response(nullBody ? null : body, { status: fault.status, headers });
}

function stubResponse(stub: StubResponse): Response {
  const headers = new Headers(stub.headers);
  const nullBody = stub.status === 204 || stub.status === 304;
  const body = stub.body === undefined || nullBody
    ? null
    : typeof stub.body === "string"
    ? stub.body
    : new Uint8Array(stub.body);
  if (body !== null && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  return new Response(body, { status: stub.status, headers });
}

/** The world to start with: the state file's, or a new one (then written to the file). */
async function startingWorld(
  host: EmulatorHost,
  options: EmulatorOptions,
  now: () => number,
  writer: StateWriter | undefined,
): Promise<World> {
  const kept = options.statePath === undefined
    ? undefined
    : await readState(host.fs, options.statePath);
  if (kept !== undefined) return new World(kept, now);
  const world = seedWorld({
    seed: options.seed ?? 1,
    sims: options.sims ?? 10,
    operators: options.operators ?? [DEFAULT_OPERATOR],
  }, now);
  await writer?.save(world.data);
  return world;
}

/**
 * Starts an emulator. Rejects when the state file cannot be used
 * (`StateFileError`, the file left as it is) or the address cannot be bound.
 *
 * @example
 * ```ts ignore
 * const api = await startEmulator(realContext(), { sims: 100 });
 * const res = await fetch(`${api.url}/v1/auth`, {
 *   method: "POST",
 *   body: JSON.stringify({ authKeyId: DEFAULT_OPERATOR.authKeys![0].authKeyId, authKey: "..." }),
 * });
 * await api.close();
 * ```
 */
export async function startEmulator(
  host: EmulatorHost,
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const now = options.now ?? (() => host.now());
  const [facts, catalog] = await Promise.all([loadFacts(), loadCatalog()]);
  const router = new Router([...catalog.operations, ...EXTENSION_OPERATIONS]);
  const writer = options.statePath === undefined
    ? undefined
    : new StateWriter(host.fs, options.statePath);
  const world = await startingWorld(host, options, now, writer);
  const pipeline = new Pipeline(
    host,
    options,
    { ...facts, operations: { ...facts.operations, ...EXTENSION_FACTS } },
    router,
    world,
    new Faults(options.faults),
    writer,
  );
  const abort = new AbortController();
  const hostname = options.hostname ?? "127.0.0.1";
  const base: { url: string } = { url: "" };
  const served = await host.serve(
    { hostname, port: options.port ?? 0, signal: abort.signal },
    (request) => pipeline.handle(request, base.url),
  );
  base.url = `http://${hostname.includes(":") ? `[${hostname}]` : hostname}:${served.port}`;
  return emulatorOf(pipeline, base.url, abort, served.finished);
}

function emulatorOf(
  pipeline: Pipeline,
  url: string,
  abort: AbortController,
  finished: Promise<void>,
): Emulator {
  let closing: Promise<void> | undefined;
  return {
    url,
    world: pipeline.world,
    log: pipeline.log,
    count: (method, path) =>
      pipeline.log.filter((r) => r.method === method.toUpperCase() && r.path === path).length,
    addFault: (rule) => pipeline.faults.add(rule),
    stub: (method, path, response) =>
      pipeline.stubs.set(`${method.toUpperCase()} ${path}`, response),
    setNextKeyLoop: (path) => pipeline.loops.set(path, undefined),
    close() {
      closing ??= (async () => {
        pipeline.closing = true;
        for (const drop of pipeline.hangs) drop();
        pipeline.hangs.clear();
        abort.abort();
        await finished;
      })();
      return closing;
    },
  };
}
