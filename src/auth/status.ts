/**
 * What `soracom auth status` reports for a profile, worked out without logging
 * in or running anything: who it logs in as (from the cached session, else the
 * profile's own fields), where, whether a session is cached and until when,
 * whether one would be made from a switch-user source's cached session, and
 * which commands the next login would run. Never a secret.
 *
 * @module
 */

import { operatorIdFromToken } from "../api/client.ts";
import type { Context } from "../context.ts";
import { CliError, type ErrorKind } from "../errors.ts";
import {
  type CredentialSource,
  credentialSource,
  type Invocation,
  sourceInvocation,
} from "./credentials.ts";
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

/** The kind of credentials a profile logs in with. */
export type CredentialKind =
  | "apiKey"
  | "authKey"
  | "root"
  | "samUser"
  | "switchUser"
  | "profileCommand"
  | "unknown";

/** One profile's status. */
export interface ProfileStatus {
  /** The profile's name. */
  readonly profile: string;
  /** How it logs in. */
  readonly kind: CredentialKind;
  /** The operator, when the profile or session names it. */
  readonly operatorId?: string;
  /** The SAM user, when it names one. */
  readonly userName?: string;
  /** The root user's email, when it names one. */
  readonly email?: string;
  /** The AuthKey's ID, when it uses one. */
  readonly authKeyId?: string;
  /** The profile a switch-user profile logs in with first. */
  readonly sourceProfile?: string;
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

/**
 * What the next login runs, and whether it asks for a one-time code on the
 * terminal: `yes` when the last login of this profile needed one (MFA is on),
 * `unknown` for a root user who has not logged in here yet (MFA may be on),
 * `no` when a code comes from elsewhere or none is needed.
 */
export interface NextLogin {
  /** The profileCommand runs. */
  readonly profileCommand: boolean;
  /** The mfaOTPCommand runs. */
  readonly mfaOTPCommand: boolean;
  /** Whether the login asks for a one-time code. */
  readonly otpPrompt: "yes" | "unknown" | "no";
}

function live(cached: CachedSession | undefined, now: number): cached is CachedSession {
  return cached !== undefined && cached.expiresAt - now > MIN_REMAINING_MS;
}

/** The cached session of `inv` with `source`, if the cache may be used and holds one. */
async function cachedFor(
  ctx: Context,
  inv: Invocation,
  source: CredentialSource,
): Promise<CachedSession | undefined> {
  const slot = await cacheSlot(ctx, inv, source, true);
  return slot === undefined
    ? undefined
    : await slot.cache.get(slot.key, inv.target.endpoint).catch(() => undefined);
}

/** Who a profile logs in as, from its own fields (a profileCommand's output is not known). */
function fieldsOf(
  source: CredentialSource,
): Omit<ProfileStatus, "profile" | "endpoint" | "coverageType" | "session" | "runs"> {
  switch (source.kind) {
    case "apiKey":
      return { kind: "apiKey", operatorId: operatorIdFromToken(source.token) };
    case "authKey":
      return { kind: "authKey", authKeyId: source.authKeyId };
    case "profileCommand":
      return { kind: "profileCommand" };
    case "profile": {
      const p = source.loaded.profile;
      if (p.sourceProfile) {
        return {
          kind: "switchUser",
          operatorId: p.operatorId,
          userName: p.username,
          sourceProfile: p.sourceProfile,
        };
      }
      if (p.authKeyId) return { kind: "authKey", authKeyId: p.authKeyId };
      if (p.email) return { kind: "root", email: p.email };
      if (p.username) return { kind: "samUser", operatorId: p.operatorId, userName: p.username };
      return { kind: "unknown" };
    }
  }
}

/**
 * What a login of `inv` would run (its profileCommand, and an mfaOTPCommand,
 * not for AuthKeys) and whether it asks for a code; `cached` is its last
 * session, expired or not.
 */
function commandsOf(
  inv: Invocation,
  source: CredentialSource,
  cached: CachedSession | undefined,
): NextLogin {
  const profile = inv.fileProfile?.profile;
  const authKey = source.kind === "authKey" ||
    (source.kind === "profile" && Boolean(source.loaded.profile.authKeyId));
  const mfaOTPCommand = !authKey && source.kind !== "apiKey" && Boolean(profile?.mfaOTPCommand);
  const password = source.kind === "profile" && !authKey;
  const codeGiven = mfaOTPCommand || Boolean(inv.options.mfaOtpcode);
  const otpPrompt = !password || codeGiven
    ? "no"
    : cached?.mfa
    ? "yes"
    : source.loaded.profile.email
    ? "unknown"
    : "no";
  return { profileCommand: source.kind === "profileCommand", mfaOTPCommand, otpPrompt };
}

const NOTHING: NextLogin = { profileCommand: false, mfaOTPCommand: false, otpPrompt: "no" };

/**
 * The status of the profile `inv` was prepared for.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { prepare } from "./credentials.ts";
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
  const unreadable = (e: unknown, known?: ReturnType<typeof fieldsOf>): ProfileStatus => {
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
  let source: CredentialSource;
  try {
    source = credentialSource(inv);
  } catch (e) {
    return unreadable(e);
  }
  const fields = fieldsOf(source);
  if (source.kind === "apiKey") return { ...base, ...fields, session: "given", runs: NOTHING };
  const now = ctx.now();
  const own = await cachedFor(ctx, inv, source);
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
  if (source.kind !== "profile" || !source.loaded.profile.sourceProfile) {
    return { ...base, ...fields, session: "none", runs: commandsOf(inv, source, own) };
  }
  // A switch-user profile: its source's session makes a new one without a login.
  let from: Invocation;
  try {
    from = await sourceInvocation(ctx, inv, source.loaded.profile);
  } catch (e) {
    return unreadable(e, fields);
  }
  const fromSource = credentialSource(from);
  const theirs = await cachedFor(ctx, from, fromSource);
  if (live(theirs, now)) {
    return { ...base, ...fields, session: "renewed", expiresAt: theirs.expiresAt, runs: NOTHING };
  }
  return { ...base, ...fields, session: "none", runs: commandsOf(from, fromSource, theirs) };
}
