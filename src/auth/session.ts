/**
 * Getting a session for a command: from the cache when one is valid (no login,
 * no profileCommand, no OTP), renewed through the token API when it nears its
 * end, or by logging in (once, under a lock, however many runs start at once).
 * A 401 on a cached session drops it and logs in again, once.
 *
 * @module
 */

import { type ApiCall, type ApiCredentials, callApi, responseError } from "../api/client.ts";
import { bodyText, MAX_TEXT_BYTES } from "../api/body.ts";
import { parseJsonData } from "../json/mod.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { isVerbose } from "../api/http.ts";
import { messages } from "../messages.ts";
import type { Invocation } from "./invocation.ts";
import type { Session } from "./login.ts";
import type { PreviousSession, SessionProvider } from "./provider.ts";
import { type CachedSession, SessionCache, sessionDir, toSession } from "./session_cache.ts";

/** Cached sessions with less than this left are not used. */
export const MIN_REMAINING_MS = 60_000;
/** Cached sessions are renewed once less than this share of their lifetime is left. */
const RENEW_FRACTION = 0.25;

/** Sends one call with the session's credentials. */
export type Sender = (call: ApiCall) => Promise<Response>;

function lifetimeSeconds(session: Session, now: number): number {
  return Math.max(180, Math.round((session.expiresAt - now) / 1000));
}

/** True when this run may use the session cache. */
export function sessionCacheEnabled(ctx: Context, inv: Invocation): boolean {
  if (inv.options.noSessionCache) return false;
  const env = ctx.env("SORACOM_NO_SESSION_CACHE");
  if (env !== undefined && env !== "" && env !== "0") return false;
  return inv.fileProfile?.profile.sessionCache !== false;
}

/** `POST /v1/operators/{id}/token`: a new token for the same API key. */
async function renew(
  ctx: Context,
  inv: Invocation,
  cached: CachedSession,
): Promise<CachedSession | undefined> {
  const response = await callApi(ctx, inv.target, {
    method: "POST",
    path: `/operators/${encodeURIComponent(cached.operatorId)}/token`,
    body: JSON.stringify({ tokenTimeoutSeconds: cached.lifetimeSeconds }),
    contentType: "application/json",
  }, cached);
  if (!response.ok) {
    await response.body?.cancel();
    return undefined;
  }
  let value: unknown;
  try {
    value = parseJsonData(await bodyText(response, MAX_TEXT_BYTES));
  } catch {
    return undefined;
  }
  const token = value !== null && typeof value === "object" && "token" in value
    ? (value as { token: unknown }).token
    : undefined;
  if (typeof token !== "string" || token === "") return undefined;
  return { ...cached, token, expiresAt: ctx.now() + cached.lifetimeSeconds * 1000 };
}

function usable(
  cached: CachedSession | undefined,
  now: number,
  minRemainingMs: number,
): cached is CachedSession {
  // A short session (switch user with a few minutes) can never have more than half its life left
  // to give: asking for more would log in, and ask for an OTP, on every call.
  const wanted = Math.max(
    MIN_REMAINING_MS,
    Math.min(minRemainingMs, (cached?.lifetimeSeconds ?? 0) * 500),
  );
  return cached !== undefined && cached.expiresAt - now > wanted;
}

function wantsRenewal(cached: CachedSession, now: number): boolean {
  return cached.expiresAt - now < cached.lifetimeSeconds * 1000 * RENEW_FRACTION;
}

/** Marks an error of the login itself, so it is not mistaken for a cache failure. */
class LoginFailed extends Error {
  constructor(readonly error: unknown) {
    super("login failed");
  }
}

/** A session, and whether it came from the cache (it may have been revoked since). */
interface Obtained {
  readonly session: Session;
  readonly cached: boolean;
}

/** A session of `provider` through the cache: reuse, renew, or log in under the lock. */
async function cachedSession(
  ctx: Context,
  provider: SessionProvider,
  cache: SessionCache,
  key: string,
  minRemainingMs = MIN_REMAINING_MS,
): Promise<Obtained> {
  const inv = provider.inv;
  const found = await cache.get(key, inv.target.endpoint);
  if (usable(found, ctx.now(), minRemainingMs) && !wantsRenewal(found, ctx.now())) {
    return { session: toSession(found), cached: true };
  }
  return await cache.withLock(key, async () => {
    // Another run may have logged in or renewed while we waited for the lock.
    const now = ctx.now();
    const current = await cache.get(key, inv.target.endpoint);
    if (usable(current, now, minRemainingMs)) {
      if (!wantsRenewal(current, now)) return { session: toSession(current), cached: true };
      // A refused or failed renewal is no reason to drop a session that still works.
      const renewed = await renew(ctx, inv, current).catch(() => undefined);
      if (renewed) {
        await cache.put(key, renewed).catch((e) => noteNoCache(ctx, e));
        return { session: toSession(renewed), cached: true };
      }
      return { session: toSession(current), cached: true };
    }
    const session = await provider.login(ctx, sourceViaCache(ctx)).catch((e) => {
      throw new LoginFailed(e);
    });
    // Once logged in, a cache that cannot be written must not cost a second login.
    await cache.put(key, {
      apiKey: session.apiKey,
      token: session.token,
      operatorId: session.operatorId,
      userName: session.userName,
      expiresAt: session.expiresAt,
      lifetimeSeconds: lifetimeSeconds(session, ctx.now()),
      endpoint: inv.target.endpoint,
      // In English, as the file always had it: it is a record, not a message.
      label: provider.label(messages("en")),
      ...(session.mfa ? { mfa: true } : {}),
      ...(Object.keys(inv.target.extraHeaders).length > 0
        ? { headers: { ...inv.target.extraHeaders } }
        : {}),
    }).catch((e) => noteNoCache(ctx, e));
    return { session, cached: false };
  });
}

/**
 * Where this run's session lives in the cache, if it may use one. With
 * `lookOnly` (status, logout, unconfigure) nothing is written to find it.
 */
export async function cacheSlot(
  ctx: Context,
  provider: SessionProvider,
  lookOnly = false,
): Promise<{ cache: SessionCache; key: string } | undefined> {
  const inv = provider.inv;
  if (!sessionCacheEnabled(ctx, inv)) return undefined;
  const identity = provider.identity();
  if (identity === undefined) return undefined;
  let dir: string;
  try {
    dir = sessionDir(ctx);
  } catch (e) {
    noteNoCache(ctx, e);
    return undefined;
  }
  try {
    const cache = await SessionCache.open(ctx, dir);
    if (cache === undefined) return undefined;
    // What a run killed while writing left (a session's keys, in a temp file) goes, revoked.
    if (!lookOnly) await cleanLeftovers(ctx, inv, cache, LEFTOVER_AGE_MS);
    // Looking (status, logout) writes nothing: without a hashing key there is no such session.
    const key = await cache.keyFor(identity, lookOnly);
    return key === undefined ? undefined : { cache, key };
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable || e instanceof CliError) throw e;
    noteNoCache(ctx, e);
    return undefined;
  }
}

/** The cache is a convenience: when it cannot be used, say so under SORACOM_VERBOSE and go on. */
function noteNoCache(ctx: Context, e: unknown): void {
  if (isVerbose(ctx)) {
    ctx.stderr.write(`session cache not used: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}

/**
 * A session through the cache, or without it when the cache folder cannot be
 * used (read-only, not a folder): never fail a command for the cache's sake.
 */
async function sessionVia(
  ctx: Context,
  provider: SessionProvider,
  slot: { cache: SessionCache; key: string },
  minRemainingMs?: number,
): Promise<Obtained> {
  try {
    return await cachedSession(ctx, provider, slot.cache, slot.key, minRemainingMs);
  } catch (e) {
    if (e instanceof LoginFailed) throw e.error;
    if (e instanceof CliError) throw e;
    noteNoCache(ctx, e);
    return { session: await provider.login(ctx, sourceViaCache(ctx)), cached: false };
  }
}

/** Drops the cached session of `slot` if it is still `session` (another run may have replaced it). */
async function dropStale(
  ctx: Context,
  slot: { cache: SessionCache; key: string },
  session: Session,
): Promise<void> {
  await slot.cache.withLock(slot.key, async () => {
    const now = await slot.cache.get(slot.key);
    if (now?.token === session.token) await slot.cache.drop(slot.key);
  }).catch((err) => noteNoCache(ctx, err));
}

/**
 * A switch-user source's session through the cache, keyed as `--profile SOURCE`
 * keys it: every profile naming that source, and the source itself, share one
 * login. A cached source session the server refuses (401) is dropped and
 * logged in again once.
 */
function sourceViaCache(ctx: Context): PreviousSession {
  return async (from, use) => {
    const slot = await cacheSlot(ctx, from);
    if (slot === undefined) return await use(await from.login(ctx, withoutCache(ctx)));
    const first = await sessionVia(ctx, from, slot);
    try {
      return await use(first.session);
    } catch (e) {
      if (!first.cached || !(e instanceof CliError) || e.status !== 401) throw e;
      await dropStale(ctx, slot, first.session);
      return await use((await sessionVia(ctx, from, slot)).session);
    }
  };
}

/** A source's session without the cache: logged in as `--profile SOURCE` would be. */
function withoutCache(ctx: Context): PreviousSession {
  return async (from, use) => await use(await from.login(ctx, withoutCache(ctx)));
}

/**
 * The session of `provider` (cache, renewal or login).
 *
 * @param minRemainingMs a cached session needs at least this much time left
 */
export async function obtainSession(
  ctx: Context,
  provider: SessionProvider,
  minRemainingMs?: number,
): Promise<Session> {
  const slot = await cacheSlot(ctx, provider);
  if (slot === undefined) return await provider.login(ctx, sourceViaCache(ctx));
  return (await sessionVia(ctx, provider, slot, minRemainingMs)).session;
}

class StaleSession extends Error {}

/**
 * Runs `fn` with a sender that carries the session's credentials: those of
 * `provider`, or none when it is undefined (an operation that needs no
 * session). When the first request of a cached session answers 401, the
 * session is dropped and `fn` runs again once after a fresh login.
 */
export async function callWithSession(
  ctx: Context,
  inv: Invocation,
  provider: SessionProvider | undefined,
  fn: (send: Sender, session: Session | undefined) => Promise<void>,
): Promise<void> {
  if (provider === undefined) {
    await fn((call) => callApi(ctx, inv.target, call), undefined);
    return;
  }
  const slot = await cacheSlot(ctx, provider);
  const run = async (session: Session, mayRetry: boolean) => {
    let first = true;
    const send: Sender = async (call) => {
      const response = await callApi(ctx, inv.target, call, session as ApiCredentials);
      if (first && mayRetry && response.status === 401) {
        await response.body?.cancel();
        throw new StaleSession();
      }
      first = false;
      return response;
    };
    await fn(send, session);
  };
  if (slot === undefined) {
    await run(await provider.login(ctx, sourceViaCache(ctx)), false);
    return;
  }
  const { session } = await sessionVia(ctx, provider, slot);
  try {
    await run(session, true);
  } catch (e) {
    if (!(e instanceof StaleSession)) throw e;
    await dropStale(ctx, slot, session);
    await run((await sessionVia(ctx, provider, slot)).session, false);
  }
}

/** Asks `cached`'s own endpoint, with its own profile's headers, to revoke it. */
function logoutOnServer(
  ctx: Context,
  inv: Invocation,
  cached: CachedSession,
  retry = inv.target.retry,
): Promise<Response> {
  return callApi(
    ctx,
    // The session's own endpoint and its own profile's headers: not this run's profile's.
    { ...inv.target, endpoint: cached.endpoint, extraHeaders: cached.headers ?? {}, retry },
    { method: "POST", path: "/auth/logout" },
    cached,
  );
}

/** How old a temp file of ours must be to be an interrupted write's, not one going on. */
const LEFTOVER_AGE_MS = 60_000;

/**
 * Deletes the temp files that writes of `cache` killed part way left (at least
 * `minAgeMs` old), revoking on the server the session each holds, as logout
 * does: its API key and token must not stay on disk, nor stay valid with no
 * one holding them. Best effort: nothing here fails the run.
 */
export async function cleanLeftovers(
  ctx: Context,
  inv: Invocation,
  cache: SessionCache,
  minAgeMs = 0,
): Promise<void> {
  for (const name of await cache.leftovers(minAgeMs).catch(() => [])) {
    const held = await cache.leftoverSession(name);
    if (held && held.expiresAt > ctx.now()) {
      await logoutOnServer(ctx, inv, held, false).then((r) => r.body?.cancel(), () => {});
    }
    await cache.removeLeftover(name).catch(() => {});
  }
}

/**
 * Revokes a cached session on the server (`/v1/auth/logout`) and deletes it,
 * with its lock file. When the server cannot be reached the session is deleted
 * all the same, and the network error thrown after: the user asked for it gone.
 * With `local`, the server is not asked.
 */
export async function revokeCached(
  ctx: Context,
  inv: Invocation,
  cache: SessionCache,
  key: string,
  local = false,
): Promise<CachedSession | undefined> {
  const cached = await cache.get(key);
  if (cached === undefined) return undefined;
  if (cached.expiresAt > ctx.now() && !local) {
    let response: Response;
    try {
      response = await logoutOnServer(ctx, inv, cached);
    } catch (e) {
      if (e instanceof CliError && e.kind === "network") await cache.forget(key);
      throw e;
    }
    // 401: already revoked or expired on the server; either way it is gone.
    if (!response.ok && response.status !== 401) {
      throw await responseError(response);
    }
    await response.body?.cancel();
  }
  await cache.forget(key);
  return cached;
}
