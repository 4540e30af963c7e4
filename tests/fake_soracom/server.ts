/**
 * A loopback SORACOM API emulator for tests, the demo and benchmarks: `/v1/auth` with MFA, sessions
 * with expiry on an injectable clock, switch user, token renewal, lazy subscriber paging, sandbox
 * init, canned stubs and injected faults. Every request is logged.
 *
 * @example
 * ```ts ignore
 * const fake = await startFakeSoracom({ subscriberCount: 250 });
 * try {
 *   const res = await fetch(`${fake.url}/v1/auth`, {
 *     method: "POST",
 *     headers: { "content-type": "application/json" },
 *     body: JSON.stringify({ email: root.email, password: root.password }),
 *   });
 *   const { apiKey, token } = await res.json();
 * } finally {
 *   await fake.close();
 * }
 * ```
 *
 * @module
 */

import { z } from "zod";
import {
  authKey,
  type AuthKeyAccount,
  type MfaAccountName,
  mfaSecretOf,
  root,
  type RootAccount,
  rootMfa,
  sam,
  type SamAccount,
  samPlain,
  switchTarget,
  totpAccepts,
  totpFor,
} from "../helpers/accounts.ts";
import { errorBody, errorResponse, type Lang, langOf } from "./errors.ts";
import { type KeyedList, pageOf, parseLimit } from "./paging.ts";
import { soraletList, subscriberIndexOf, subscriberJson, subscriberList } from "./resources.ts";
import { authResponseBody, type Principal, type Session, SessionStore } from "./sessions.ts";

/** One request as the emulator received it. */
export interface LoggedRequest {
  readonly method: string;
  /** The URL path without the query, e.g. `/v1/subscribers`. */
  readonly path: string;
  readonly query: Record<string, string[]>;
  /** Header names are lower-case. */
  readonly headers: Record<string, string>;
  readonly body: string;
  /** Server-clock ms when the request arrived. */
  readonly time: number;
}

/** A canned response for {@linkcode FakeSoracom.stub}. */
export interface StubResponse {
  status: number;
  /** `content-type: application/json` is added when there is a body and no content type. */
  headers?: Record<string, string>;
  body?: string | Uint8Array;
}

/**
 * A failure to inject:
 * - `status`: answer with this status (body defaults to a JSON error), e.g. 503, or 429 with
 *   `{"retry-after": "1"}`;
 * - `reset`: send 200, the headers and half of the body the request would have got, then drop the
 *   connection;
 * - `hang`: never answer (until {@linkcode FakeSoracom.close});
 * - `truncate`: a complete 200 JSON response whose body is the first half of the real one.
 */
export type Fault =
  | { kind: "status"; status: number; body?: string; headers?: Record<string, string> }
  | { kind: "reset" }
  | { kind: "hang" }
  | { kind: "truncate" };

/** Which requests a fault applies to: exact path (no query), any method when `method` is absent. */
export interface FaultMatch {
  method?: string;
  path: string;
}

/** Options for {@linkcode startFakeSoracom}. */
export interface FakeSoracomOptions {
  /** Port on 127.0.0.1; 0 (the default) picks a free one. */
  port?: number;
  /** The server clock in ms (token expiry, OTPs, log times). Defaults to `Date.now`. */
  now?: () => number;
  /** How many synthetic subscribers `GET /v1/subscribers` serves. Defaults to 5. */
  subscriberCount?: number;
}

/** A running emulator. */
export interface FakeSoracom {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:43123`. */
  readonly url: string;
  /** Every request, in arrival order. */
  readonly log: readonly LoggedRequest[];
  /** How many logged requests had exactly this method and path (path without query). */
  count(method: string, path: string): number;
  /** Makes the next `times` (default 1; `Infinity` allowed) matching requests fail with `fault`. */
  injectFault(match: FaultMatch, fault: Fault, times?: number): void;
  /** Answers `method path` (full path, e.g. `/v1/groups/g1`) with `response`, ahead of built-in
   * handlers; a session is still required unless the path is public. */
  stub(method: string, path: string, response: StubResponse): void;
  /** Makes successful GETs on `path` always carry the same `x-soracom-next-key`. */
  setNextKeyLoop(path: string): void;
  /** The OTP an MFA account's authenticator shows now, on the server clock. */
  totp(account: MfaAccountName): string;
  /** Stops the server; hanging requests are dropped. Safe to call twice. */
  close(): Promise<void>;
}

const NEXT_KEY = "x-soracom-next-key";
const JSON_HEADERS = { "content-type": "application/json" } as const;
const AUTH_TIMEOUT = { fallback: 86400, min: 1, max: 172800 } as const;
const SWITCH_TIMEOUT = { fallback: 3600, min: 180, max: 3600 } as const;
const PAGE_LIMIT = { fallback: 100, subscriberMax: 100 } as const;
/** Body used by `reset`/`truncate` when the real response has (almost) none. */
const FILLER_BODY = '[{"imsi":"440100000000000","bigNumber":12345678901234567890}]';

/**
 * Whether a path is served without an API key and token.
 *
 * @example
 * ```ts ignore
 * isPublicPath("/v1/auth"); // true
 * isPublicPath("/v1/auth/logout"); // false
 * ```
 */
export function isPublicPath(path: string): boolean {
  return path === "/v1/auth" ||
    path === "/v1/sandbox/init" ||
    path === "/v1/operators/add_email_token/verify" ||
    path.startsWith("/v1/auth/password_reset_token/") ||
    path.startsWith("/v1/operators/mfa_revoke_token/") ||
    path.startsWith("/v1/sandbox/operators/token/");
}

interface RequestContext {
  readonly method: string;
  readonly path: string;
  readonly url: URL;
  readonly headers: Headers;
  readonly body: string;
  readonly lang: Lang;
}

interface RouteContext extends RequestContext {
  readonly params: Readonly<Record<string, string>>;
}

type Route =
  | {
    readonly method: string;
    readonly pattern: string;
    readonly access: "public";
    handle(ctx: RouteContext): Response;
  }
  | {
    readonly method: string;
    readonly pattern: string;
    readonly access: "session";
    /** Answer an expired (not revoked) session with 400 instead of 401. */
    readonly expiredIsBadRequest?: boolean;
    handle(ctx: RouteContext, session: Session): Response;
  };

interface Directory {
  readonly roots: RootAccount[];
  readonly sams: SamAccount[];
  readonly authKeys: AuthKeyAccount[];
}

interface EmulatorState {
  readonly now: () => number;
  readonly sessions: SessionStore;
  readonly directory: Directory;
  readonly subscriberCount: number;
  sandboxOperators: number;
}

interface FaultRule {
  readonly method?: string;
  readonly path: string;
  readonly fault: Fault;
  remaining: number;
}

/** Matches `/a/:b/c` against a path; the params are URL-decoded. */
function matchPath(pattern: string, path: string): Record<string, string> | undefined {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    if (want[i].startsWith(":")) {
      if (got[i] === "") return undefined;
      try {
        params[want[i].slice(1)] = decodeURIComponent(got[i]);
      } catch {
        return undefined;
      }
    } else if (want[i] !== got[i]) {
      return undefined;
    }
  }
  return params;
}

function jsonResponse(status: number, text: string, headers?: Record<string, string>): Response {
  return new Response(text, { status, headers: { ...JSON_HEADERS, ...headers } });
}

function isNullBodyStatus(status: number): boolean {
  return status === 101 || status === 103 || status === 204 || status === 205 || status === 304;
}

/** Parses a JSON body (empty means `{}`) with `schema`, or gives the 400 to send. */
function readBody<S extends z.ZodType>(ctx: RequestContext, schema: S): z.infer<S> | Response {
  let raw: unknown = {};
  if (ctx.body.trim() !== "") {
    try {
      raw = JSON.parse(ctx.body);
    } catch {
      return errorResponse("badRequest", ctx.lang, "the body is not JSON");
    }
  }
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const detail = parsed.error.issues.map((i) => `${i.path.join(".") || "body"}: ${i.message}`);
  return errorResponse("badRequest", ctx.lang, detail.join("; "));
}

/** The timeout to use, or `undefined` when `value` is out of range. */
function timeoutIn(
  value: number | undefined,
  range: { fallback: number; min: number; max: number },
): number | undefined {
  if (value === undefined) return range.fallback;
  return value >= range.min && value <= range.max ? value : undefined;
}

function timeoutError(ctx: RequestContext, range: { min: number; max: number }): Response {
  return errorResponse(
    "badRequest",
    ctx.lang,
    `tokenTimeoutSeconds must be between ${range.min} and ${range.max}`,
  );
}

function pageResponse(ctx: RequestContext, list: KeyedList, maxLimit?: number): Response {
  const limit = parseLimit(ctx.url.searchParams.get("limit"), PAGE_LIMIT.fallback, maxLimit);
  if (limit === undefined) {
    return errorResponse("badRequest", ctx.lang, "limit must be a positive integer");
  }
  const lastKey = ctx.url.searchParams.get("last_evaluated_key") || undefined;
  const page = pageOf(list, lastKey, limit);
  return jsonResponse(
    200,
    page.json,
    page.nextKey === undefined ? {} : { [NEXT_KEY]: page.nextKey },
  );
}

const authRequestSchema = z.object({
  email: z.string().optional(),
  password: z.string().optional(),
  authKeyId: z.string().optional(),
  authKey: z.string().optional(),
  operatorId: z.string().optional(),
  userName: z.string().optional(),
  mfaOTPCode: z.string().optional(),
  tokenTimeoutSeconds: z.number().int().optional(),
});

const switchUserSchema = z.object({
  operatorId: z.string(),
  userName: z.string(),
  tokenTimeoutSeconds: z.number().int().optional(),
});

const generateTokenSchema = z.object({ tokenTimeoutSeconds: z.number().int().optional() });

const authKeyPairSchema = z.object({ authKeyId: z.string(), authKey: z.string() });

const sandboxInitSchema = z.object({
  email: z.string().min(1),
  password: z.string().min(1),
  authKeyId: z.string(),
  authKey: z.string(),
  coverageTypes: z.array(z.enum(["g", "jp"])).optional(),
  registerPaymentMethod: z.boolean().optional(),
});

function findAuthKey(directory: Directory, id?: string, secret?: string) {
  return directory.authKeys.find((k) => k.authKeyId === id && k.authKey === secret);
}

function handleAuth(state: EmulatorState, ctx: RouteContext): Response {
  const body = readBody(ctx, authRequestSchema);
  if (body instanceof Response) return body;
  const timeout = timeoutIn(body.tokenTimeoutSeconds, AUTH_TIMEOUT);
  if (timeout === undefined) return timeoutError(ctx, AUTH_TIMEOUT);
  const { directory } = state;
  let principal: Principal;
  let mfaSecret: string | undefined;
  if (body.authKeyId !== undefined || body.authKey !== undefined) {
    const key = findAuthKey(directory, body.authKeyId, body.authKey);
    if (key === undefined) return errorResponse("authFailed", ctx.lang);
    principal = { operatorId: key.operatorId, authKeyId: key.authKeyId };
  } else if (body.email !== undefined) {
    const user = directory.roots.find((r) =>
      r.email === body.email && r.password === body.password
    );
    if (user === undefined) return errorResponse("authFailed", ctx.lang);
    principal = { operatorId: user.operatorId };
    mfaSecret = user.mfaSecret;
  } else {
    const user = directory.sams.find((u) =>
      u.operatorId === body.operatorId && u.userName === body.userName &&
      u.password === body.password
    );
    if (user === undefined) return errorResponse("authFailed", ctx.lang);
    principal = { operatorId: user.operatorId, userName: user.userName };
    mfaSecret = user.mfaSecret;
  }
  if (mfaSecret !== undefined) {
    if (!body.mfaOTPCode) return errorResponse("mfaRequired", ctx.lang);
    if (!totpAccepts(mfaSecret, body.mfaOTPCode, state.now())) {
      return errorResponse("mfaInvalid", ctx.lang);
    }
  }
  return jsonResponse(200, authResponseBody(state.sessions.issue(principal, timeout)));
}

function handleSwitchUser(state: EmulatorState, ctx: RouteContext, session: Session): Response {
  const body = readBody(ctx, switchUserSchema);
  if (body instanceof Response) return body;
  const timeout = timeoutIn(body.tokenTimeoutSeconds, SWITCH_TIMEOUT);
  if (timeout === undefined) return timeoutError(ctx, SWITCH_TIMEOUT);
  const from = session.principal;
  const target = state.directory.sams.find((u) =>
    u.operatorId === body.operatorId && u.userName === body.userName
  );
  const trusted = target?.trustedBy?.some((t) =>
    t.operatorId === from.operatorId && t.userName === from.userName
  );
  if (target === undefined || !trusted) return errorResponse("switchNotAllowed", ctx.lang);
  const switched = state.sessions.issue(
    { operatorId: target.operatorId, userName: target.userName },
    timeout,
  );
  return jsonResponse(200, authResponseBody(switched));
}

function handleGenerateToken(state: EmulatorState, ctx: RouteContext, session: Session): Response {
  if (ctx.params.operatorId !== session.principal.operatorId) {
    return errorResponse("forbidden", ctx.lang);
  }
  const body = readBody(ctx, generateTokenSchema);
  if (body instanceof Response) return body;
  const timeout = timeoutIn(body.tokenTimeoutSeconds, AUTH_TIMEOUT);
  if (timeout === undefined) return timeoutError(ctx, AUTH_TIMEOUT);
  return jsonResponse(200, JSON.stringify({ token: state.sessions.renew(session, timeout) }));
}

function handleGetOperator(state: EmulatorState, ctx: RouteContext, session: Session): Response {
  const operatorId = ctx.params.operatorId;
  if (operatorId !== session.principal.operatorId) return errorResponse("forbidden", ctx.lang);
  const email = state.directory.roots.find((r) => r.operatorId === operatorId)?.email;
  return jsonResponse(
    200,
    JSON.stringify({
      operatorId,
      ...(email === undefined ? {} : { email }),
      createDate: "2023-11-14T22:13:20Z",
      updateDate: "2023-11-14T22:13:20Z",
    }),
  );
}

function handleGetSubscriber(state: EmulatorState, ctx: RouteContext, session: Session): Response {
  const index = subscriberIndexOf(ctx.params.imsi, state.subscriberCount);
  if (index === undefined) return errorResponse("subscriberNotFound", ctx.lang);
  return jsonResponse(200, subscriberJson(index, session.principal.operatorId));
}

function handleSandboxInit(state: EmulatorState, ctx: RouteContext): Response {
  const body = readBody(ctx, sandboxInitSchema);
  if (body instanceof Response) return body;
  const { directory } = state;
  if (findAuthKey(directory, body.authKeyId, body.authKey) === undefined) {
    return errorResponse("sandboxAuthKeyInvalid", ctx.lang);
  }
  if (directory.roots.some((r) => r.email === body.email)) {
    return errorResponse("sandboxEmailTaken", ctx.lang);
  }
  state.sandboxOperators += 1;
  const operatorId = `OP${9000000000 + state.sandboxOperators}`;
  directory.roots.push({ kind: "root", email: body.email, password: body.password, operatorId });
  const session = state.sessions.issue({ operatorId }, AUTH_TIMEOUT.fallback);
  return jsonResponse(201, authResponseBody(session));
}

function handleSandboxSignupToken(state: EmulatorState, ctx: RouteContext): Response {
  const body = readBody(ctx, authKeyPairSchema);
  if (body instanceof Response) return body;
  if (findAuthKey(state.directory, body.authKeyId, body.authKey) === undefined) {
    return errorResponse("sandboxAuthKeyInvalid", ctx.lang);
  }
  return jsonResponse(200, JSON.stringify({ token: `signup-${crypto.randomUUID()}` }));
}

function routesFor(state: EmulatorState): Route[] {
  return [
    {
      method: "POST",
      pattern: "/v1/auth",
      access: "public",
      handle: (ctx) => handleAuth(state, ctx),
    },
    {
      method: "POST",
      pattern: "/v1/auth/switch_user",
      access: "session",
      handle: (ctx, session) => handleSwitchUser(state, ctx, session),
    },
    {
      method: "POST",
      pattern: "/v1/auth/logout",
      access: "session",
      handle: (_ctx, session) => {
        state.sessions.revoke(session);
        return new Response(null, { status: 204 });
      },
    },
    {
      method: "POST",
      pattern: "/v1/operators/:operatorId/token",
      access: "session",
      expiredIsBadRequest: true,
      handle: (ctx, session) => handleGenerateToken(state, ctx, session),
    },
    {
      method: "GET",
      pattern: "/v1/operators/:operatorId",
      access: "session",
      handle: (ctx, session) => handleGetOperator(state, ctx, session),
    },
    {
      method: "GET",
      pattern: "/v1/subscribers",
      access: "session",
      handle: (ctx, session) =>
        pageResponse(
          ctx,
          subscriberList(state.subscriberCount, session.principal.operatorId),
          PAGE_LIMIT.subscriberMax,
        ),
    },
    {
      method: "GET",
      pattern: "/v1/subscribers/:imsi",
      access: "session",
      handle: (ctx, session) => handleGetSubscriber(state, ctx, session),
    },
    {
      method: "GET",
      pattern: "/v1/soralets",
      access: "session",
      handle: (ctx, session) => pageResponse(ctx, soraletList(session.principal.operatorId)),
    },
    {
      method: "POST",
      pattern: "/v1/sandbox/init",
      access: "public",
      handle: (ctx) => handleSandboxInit(state, ctx),
    },
    {
      method: "POST",
      pattern: "/v1/sandbox/operators/token/:email",
      access: "public",
      handle: (ctx) => handleSandboxSignupToken(state, ctx),
    },
  ];
}

function stubToResponse(stub: StubResponse): Response {
  const headers = new Headers(stub.headers);
  const body = stub.body === undefined || isNullBodyStatus(stub.status)
    ? null
    : typeof stub.body === "string"
    ? stub.body
    : new Uint8Array(stub.body);
  if (body !== null && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  return new Response(body, { status: stub.status, headers });
}

function queryRecord(params: URLSearchParams): Record<string, string[]> {
  const query: Record<string, string[]> = {};
  for (const [name, value] of params) (query[name] ??= []).push(value);
  return query;
}

/** The real response's body, or a stand-in when it is too short to cut in half. */
async function bodyToCut(res: Response): Promise<Uint8Array> {
  const bytes = new Uint8Array(await res.arrayBuffer());
  return bytes.length >= 2 ? bytes : new TextEncoder().encode(FILLER_BODY);
}

/** Headers of `res` for a faulty 200 JSON answer, without its framing. */
function faultHeaders(res: Response): Headers {
  const headers = new Headers(res.headers);
  headers.delete("content-length");
  headers.set("content-type", "application/json");
  return headers;
}

/** A response that promises `declared` bytes and sends `sent`, so the client sees a dropped
 * connection mid-body. */
export function droppedResponse(headers: Headers, declared: number, sent: Uint8Array): Response {
  headers.set("content-length", String(declared));
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      if (sent.length > 0) controller.enqueue(sent);
      controller.close();
    },
  });
  return new Response(stream, { status: 200, headers });
}

/**
 * Starts the emulator on 127.0.0.1.
 *
 * @example
 * ```ts ignore
 * let t = Date.parse("2030-01-01T00:00:00Z");
 * const fake = await startFakeSoracom({ now: () => t, subscriberCount: 100_000 });
 * // ... t += 86_400_000 expires every default token
 * await fake.close();
 * ```
 */
export function startFakeSoracom(opts: FakeSoracomOptions = {}): Promise<FakeSoracom> {
  const now = opts.now ?? Date.now;
  const state: EmulatorState = {
    now,
    sessions: new SessionStore(now),
    directory: {
      roots: [root, rootMfa],
      sams: [sam, samPlain, switchTarget],
      authKeys: [authKey],
    },
    subscriberCount: opts.subscriberCount ?? 5,
    sandboxOperators: 0,
  };
  const routes = routesFor(state);
  const log: LoggedRequest[] = [];
  const faults: FaultRule[] = [];
  const stubs = new Map<string, StubResponse>();
  const loopKeys = new Map<string, string | undefined>();
  const hangs = new Set<() => void>();
  const abort = new AbortController();
  let closing: Promise<void> | undefined;

  function takeFault(method: string, path: string): Fault | undefined {
    const index = faults.findIndex((f) =>
      f.path === path && (f.method === undefined || f.method === method)
    );
    if (index < 0) return undefined;
    const rule = faults[index];
    rule.remaining -= 1;
    if (rule.remaining <= 0) faults.splice(index, 1);
    return rule.fault;
  }

  function dispatch(ctx: RequestContext): Response {
    if (ctx.path !== "/v1" && !ctx.path.startsWith("/v1/")) {
      return errorResponse("notFound", ctx.lang);
    }
    let found: { route: Route; params: Record<string, string> } | undefined;
    for (const route of routes) {
      if (route.method !== ctx.method) continue;
      const params = matchPath(route.pattern, ctx.path);
      if (params !== undefined) {
        found = { route, params };
        break;
      }
    }
    const stub = stubs.get(`${ctx.method} ${ctx.path}`);
    if (isPublicPath(ctx.path)) {
      if (stub !== undefined) return stubToResponse(stub);
      if (found === undefined) return errorResponse("notFound", ctx.lang);
      if (found.route.access !== "public") return errorResponse("internal", ctx.lang);
      return found.route.handle({ ...ctx, params: found.params });
    }
    const check = state.sessions.check(
      ctx.headers.get("x-soracom-api-key"),
      ctx.headers.get("x-soracom-token"),
    );
    if (check.kind !== "ok") {
      const route = found?.route;
      if (
        check.kind === "expired" && stub === undefined && route?.access === "session" &&
        route.expiredIsBadRequest
      ) {
        return errorResponse("tokenExpired", ctx.lang);
      }
      return errorResponse(check.kind === "missing" ? "tokenRequired" : "invalidToken", ctx.lang);
    }
    if (stub !== undefined) return stubToResponse(stub);
    if (found === undefined) return errorResponse("notFound", ctx.lang);
    if (found.route.access !== "session") return errorResponse("internal", ctx.lang);
    return found.route.handle({ ...ctx, params: found.params }, check.session);
  }

  /** The normal answer, with the looping next key when one is set for the path. */
  function respond(ctx: RequestContext): Response {
    const res = dispatch(ctx);
    if (ctx.method === "GET" && res.ok && loopKeys.has(ctx.path)) {
      const key = loopKeys.get(ctx.path) ?? res.headers.get(NEXT_KEY) ?? "loop-key";
      loopKeys.set(ctx.path, key);
      res.headers.set(NEXT_KEY, key);
    }
    return res;
  }

  async function applyFault(fault: Fault, ctx: RequestContext): Promise<Response> {
    switch (fault.kind) {
      case "status": {
        const body = isNullBodyStatus(fault.status)
          ? null
          : fault.body ?? errorBody("injected", ctx.lang, `HTTP ${fault.status}`);
        return new Response(body, {
          status: fault.status,
          headers: { ...JSON_HEADERS, ...fault.headers },
        });
      }
      case "truncate": {
        const res = respond(ctx);
        const bytes = await bodyToCut(res);
        return new Response(bytes.slice(0, Math.floor(bytes.length / 2)), {
          status: 200,
          headers: faultHeaders(res),
        });
      }
      case "reset": {
        const res = respond(ctx);
        const bytes = await bodyToCut(res);
        return droppedResponse(
          faultHeaders(res),
          bytes.length,
          bytes.slice(0, Math.floor(bytes.length / 2)),
        );
      }
      case "hang":
        return await new Promise<Response>((resolve) => {
          const drop = () =>
            resolve(droppedResponse(new Headers(JSON_HEADERS), 1, new Uint8Array()));
          if (closing !== undefined) drop();
          else hangs.add(drop);
        });
    }
  }

  async function handle(req: Request): Promise<Response> {
    const url = new URL(req.url);
    let body = "";
    try {
      body = await req.text();
    } catch {
      // The client went away mid-upload; log what we have (nothing).
    }
    log.push({
      method: req.method,
      path: url.pathname,
      query: queryRecord(url.searchParams),
      headers: Object.fromEntries(req.headers),
      body,
      time: now(),
    });
    const ctx: RequestContext = {
      method: req.method,
      path: url.pathname,
      url,
      headers: req.headers,
      body,
      lang: langOf(req.headers),
    };
    const fault = takeFault(ctx.method, ctx.path);
    return fault === undefined ? respond(ctx) : await applyFault(fault, ctx);
  }

  return new Promise((resolve, reject) => {
    let server: Deno.HttpServer<Deno.NetAddr>;
    try {
      server = Deno.serve({
        hostname: "127.0.0.1",
        port: opts.port ?? 0,
        signal: abort.signal,
        onListen: () => {},
      }, handle);
    } catch (error) {
      reject(error);
      return;
    }
    const fake: FakeSoracom = {
      url: `http://127.0.0.1:${server.addr.port}`,
      log,
      count: (method, path) =>
        log.filter((r) => r.method === method.toUpperCase() && r.path === path).length,
      injectFault(match, fault, times = 1) {
        if (!(times >= 1) || (!Number.isInteger(times) && times !== Infinity)) {
          throw new RangeError(`times must be a positive integer or Infinity, got ${times}`);
        }
        faults.push({
          method: match.method?.toUpperCase(),
          path: match.path,
          fault,
          remaining: times,
        });
      },
      stub(method, path, response) {
        stubs.set(`${method.toUpperCase()} ${path}`, response);
      },
      setNextKeyLoop(path) {
        loopKeys.set(path, undefined);
      },
      totp: (account) => totpFor(mfaSecretOf(account), now()),
      close() {
        closing ??= (async () => {
          for (const drop of hangs) drop();
          hangs.clear();
          abort.abort();
          await server.finished;
        })();
        return closing;
      },
    };
    resolve(fake);
  });
}
