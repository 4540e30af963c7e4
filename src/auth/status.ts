/**
 * What `soracom auth status` reports for a profile, worked out without logging
 * in or running anything: who it logs in as (from the cached session, else the
 * profile's own fields), where, whether a session is cached and until when,
 * whether one would be made from a switch-user source's cached session, and
 * which commands the next login would run. Never a secret.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError, type ErrorKind } from "../errors.ts";
import { sessionProvider } from "./credentials.ts";
import type { Invocation } from "./invocation.ts";
import {
  type CredentialKind,
  type NextLogin,
  NOTHING,
  type SessionProvider,
  type StatusFields,
} from "./provider.ts";
import { cacheSlot, MIN_REMAINING_MS } from "./session.ts";
import type { CachedSession } from "./session_cache.ts";

/** How the next command gets its session. */
export type SessionState =
  /** A cached session of its own, with at least a minute left. */
  | "cache"
  /** None of its own, but its switch-user source has one: made again without a login or OTP. */
  | "renewed"
  /** The API key and token given (flags or `SORACOM_API_KEY`/`SORACOM_API_TOKEN`). */
  | "given"
  /** The next command logs in. */
  | "none";

/** One profile's status. */
export interface ProfileStatus extends StatusFields {
  /** The profile's name. */
  readonly profile: string;
  /** How it logs in. */
  readonly kind: CredentialKind;
  /** The API endpoint. */
  readonly endpoint: string;
  /** `jp` or `g`. */
  readonly coverageType: string;
  /** Whether a session is cached, given or missing, and until when. */
  readonly session: SessionState;
  /** Milliseconds since the epoch, when a session is cached (its own, or the source's). */
  readonly expiresAt?: number;
  /** What the next login would run or ask (nothing when no login is needed). */
  readonly runs: NextLogin;
  /** Why the profile could not be read, when it could not (in English, for `--json`). */
  readonly error?: string;
  /** That error, to say in the reader's language. */
  readonly failure?: CliError;
  /** The kind of that error. */
  readonly errorKind?: ErrorKind;
}

/** What a status shows of its source: its kind and who it logs in as. */
type ShownFields = StatusFields & { readonly kind: CredentialKind };

function live(cached: CachedSession | undefined, now: number): cached is CachedSession {
  return cached !== undefined && cached.expiresAt - now > MIN_REMAINING_MS;
}

/** The cached session of `provider`, if the cache may be used and holds one. */
async function cachedFor(
  ctx: Context,
  provider: SessionProvider,
): Promise<CachedSession | undefined> {
  const slot = await cacheSlot(ctx, provider, true);
  return slot === undefined
    ? undefined
    : await slot.cache.get(slot.key, provider.inv.target.endpoint).catch(() => undefined);
}

/**
 * The status of the profile `inv` was prepared for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { prepare } from "./invocation.ts";
 * import { profileStatus } from "./status.ts";
 *
 * const { ctx } = fakeContext({
 *   env: { HOME: "/home/ann" },
 *   files: { "/home/ann/.soracom/sam.json": '{"authKeyId":"keyId-x","authKey":"secret-x"}' },
 * });
 * const status = await profileStatus(ctx, await prepare(ctx, { profile: "sam" }));
 * assert.equal(status.kind, "authKey");
 * assert.equal(status.session, "none"); // nothing cached: the next command logs in
 * ```
 */
export async function profileStatus(ctx: Context, inv: Invocation): Promise<ProfileStatus> {
  const base = {
    profile: inv.profileName,
    endpoint: inv.target.endpoint,
    coverageType: inv.fileProfile?.profile.coverageType || "jp",
  };
  /** A profile that cannot be read, or whose source cannot be. */
  const unreadable = (e: unknown, known?: ShownFields): ProfileStatus => {
    if (!(e instanceof CliError)) throw e;
    return {
      ...base,
      kind: "unknown",
      ...known,
      session: "none",
      runs: NOTHING,
      error: e.message,
      failure: e,
      errorKind: e.kind,
    };
  };
  let provider: SessionProvider;
  try {
    provider = await sessionProvider(inv);
  } catch (e) {
    return unreadable(e);
  }
  const fields: ShownFields = { kind: provider.shownAs, ...provider.status() };
  // No identity: the API key and token are given, and nothing logs in.
  if (provider.identity() === undefined) {
    return { ...base, ...fields, session: "given", runs: NOTHING };
  }
  const now = ctx.now();
  const own = await cachedFor(ctx, provider);
  if (live(own, now)) {
    return {
      ...base,
      ...fields,
      operatorId: own.operatorId,
      userName: own.userName,
      session: "cache",
      expiresAt: own.expiresAt,
      runs: NOTHING,
    };
  }
  if (provider.from === undefined) {
    return { ...base, ...fields, session: "none", runs: provider.nextLogin(own) };
  }
  // A switch-user profile: its source's session makes a new one without a login.
  let from: SessionProvider;
  try {
    from = await provider.from(ctx);
  } catch (e) {
    return unreadable(e, fields);
  }
  const theirs = await cachedFor(ctx, from);
  if (live(theirs, now)) {
    return { ...base, ...fields, session: "renewed", expiresAt: theirs.expiresAt, runs: NOTHING };
  }
  return { ...base, ...fields, session: "none", runs: from.nextLogin(theirs) };
}
