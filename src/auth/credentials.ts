/**
 * From global flags and profiles to a session, with soracom-cli's priority:
 * `--api-key`+`--api-token`; `--auth-key-id`+`--auth-key`; `--profile-command`;
 * then the profile (its `profileCommand`, then `sourceProfile`, then its own
 * fields). A session cache, when given, is asked before anything runs.
 *
 * @module
 */

import { type ApiTarget, operatorIdFromToken } from "../api/client.ts";
import { isLoopback, resolveEndpoint } from "../api/endpoint.ts";
import { hidePassword } from "../api/http.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { profileFromCommand } from "../profile/command.ts";
import type { SessionIdentity } from "./session_cache.ts";
import type { Profile } from "../profile/schema.ts";
import { isSecretHeader } from "../redact.ts";
import {
  type LoadedProfile,
  loadProfile,
  profileDir,
  sanitizeProfileName,
  sourceProfileName,
} from "../profile/store.ts";
import {
  authBodyOf,
  hasCredentials,
  login,
  type OtpSources,
  type Session,
  switchUser,
} from "./login.ts";
import { messages, said } from "../messages.ts";

/** What a run says about logging in (from the global flags; `cli/flags.ts` reads them). */
export interface LoginOptions {
  /** `--profile`. */
  readonly profile?: string;
  /** `--coverage-type`: `jp` or `g`. */
  readonly coverageType?: string;
  /** `--api-key`, with `apiToken`. */
  readonly apiKey?: string;
  /** `--api-token`, with `apiKey`. */
  readonly apiToken?: string;
  /** `--auth-key-id`, with `authKey`. */
  readonly authKeyId?: string;
  /** `--auth-key`, with `authKeyId`. */
  readonly authKey?: string;
  /** `--profile-command`. */
  readonly profileCommand?: string;
  /** `--no-retry-on-error`. */
  readonly noRetryOnError?: boolean;
  /** `--mfa-otpcode`. */
  readonly mfaOtpcode?: string;
  /** `--no-session-cache`. */
  readonly noSessionCache?: boolean;
  /** `--allow-insecure-endpoint`: a plain `http://` endpoint off this machine may get credentials. */
  readonly allowInsecureEndpoint?: boolean;
}

/**
 * Whether credentials may go to `endpoint`: https anywhere, plain http only to
 * this machine (the loopback addresses and `localhost`).
 */
function endpointIsSafe(endpoint: string): boolean {
  let url: URL;
  try {
    url = new URL(endpoint);
  } catch {
    return true; // not a URL: the request fails on its own, with its own error
  }
  return url.protocol !== "http:" || isLoopback(url);
}

/**
 * Refuses an endpoint credentials must not go to (plain http off this
 * machine) unless `allowed` (`--allow-insecure-endpoint`, or the profile's
 * `allowInsecureEndpoint`). The one check for every login and for
 * `configure-sandbox`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { requireSafeEndpoint } from "./credentials.ts";
 *
 * requireSafeEndpoint("https://api.soracom.io", false);
 * requireSafeEndpoint("http://127.0.0.1:8080", false);
 * requireSafeEndpoint("http://api.example.com", true);
 * assert.throws(() => requireSafeEndpoint("http://api.example.com", false), /plain http/);
 * ```
 *
 * @throws CliError (`config`) naming the endpoint and how to allow it
 */
export function requireSafeEndpoint(endpoint: string, allowed: boolean): void {
  if (!allowed && !endpointIsSafe(endpoint)) {
    throw new CliError("config", said("insecureEndpoint", hidePassword(endpoint)));
  }
}

/** Where the credentials come from, decided before anything is run or sent. */
export type CredentialSource =
  | { readonly kind: "apiKey"; readonly apiKey: string; readonly token: string }
  | { readonly kind: "authKey"; readonly authKeyId: string; readonly authKey: string }
  | { readonly kind: "profileCommand"; readonly command: string; readonly origin: string }
  | { readonly kind: "profile"; readonly loaded: LoadedProfile };

/** Everything a command needs to know before it calls the API. */
export interface Invocation {
  /** The global flags that concern logging in. */
  readonly options: LoginOptions;
  /** The sanitised profile name (`--profile`, `SORACOM_PROFILE`, or `default`). */
  readonly profileName: string;
  /** The profile file, when it could be read. */
  readonly fileProfile?: LoadedProfile;
  /** Why the profile file could not be read. */
  readonly fileProfileError?: CliError;
  /** The endpoint and coverage the run talks to. */
  readonly target: ApiTarget;
  /** `SORACOM_API_KEY` and `SORACOM_API_TOKEN` (as `soracom exec` sets them), if set. */
  readonly environment?: { readonly apiKey?: string; readonly apiToken?: string };
}

/** The profile name for this run: `--profile`, then `SORACOM_PROFILE`, then `default`. */
export function selectedProfileName(ctx: Context, options: LoginOptions): string {
  const name = options.profile || ctx.env("SORACOM_PROFILE") || "default";
  return sanitizeProfileName(name);
}

/** Loads the profile file (if any) and decides endpoint, language and headers. */
export async function prepare(ctx: Context, options: LoginOptions): Promise<Invocation> {
  const name = selectedProfileName(ctx, options);
  let fileProfile: LoadedProfile | undefined;
  let fileProfileError: CliError | undefined;
  try {
    // No HOME is only a problem when a profile is needed (not with credential flags).
    fileProfile = await loadProfile(ctx, profileDir(ctx), name);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    fileProfileError = e;
  }
  return invocation(ctx, options, name, fileProfile, fileProfileError);
}

/**
 * The run of profile `loaded` as if it were saved (`configure` tries new
 * credentials before it saves them), with no session from the environment.
 */
export function prepareProfile(ctx: Context, loaded: LoadedProfile): Invocation {
  // No --profile: a session in the environment is not this profile's, and is left out unsaid.
  return { ...invocation(ctx, {}, loaded.name, loaded), environment: undefined };
}

/** Decides endpoint, language and headers for profile `fileProfile` (if any). */
function invocation(
  ctx: Context,
  options: LoginOptions,
  name: string,
  fileProfile: LoadedProfile | undefined,
  fileProfileError?: CliError,
): Invocation {
  const apiKey = ctx.env("SORACOM_API_KEY") || undefined;
  const apiToken = ctx.env("SORACOM_API_TOKEN") || undefined;
  rememberSecrets(ctx, [
    options.apiKey,
    options.apiToken,
    options.authKey,
    options.mfaOtpcode,
    apiKey,
    apiToken,
  ], fileProfile?.profile);
  const environment = environmentSession(ctx, options, name, { apiKey, apiToken });
  const endpoint = resolveEndpoint(
    environment.endpoint,
    options.coverageType,
    fileProfile?.profile,
  );
  requireSafeEndpoint(
    endpoint,
    options.allowInsecureEndpoint === true || fileProfile?.profile.allowInsecureEndpoint === true,
  );
  return {
    options,
    profileName: name,
    fileProfile,
    fileProfileError,
    environment,
    target: {
      endpoint,
      lang: ctx.lang,
      extraHeaders: fileProfile?.profile.headers ?? {},
      retry: !options.noRetryOnError,
    },
  };
}

/**
 * The session in the environment (`SORACOM_API_KEY`, `SORACOM_API_TOKEN`, as
 * `soracom exec` and `eval "$(soracom auth export)"` set them, with
 * `SORACOM_ENDPOINT` and `SORACOM_PROFILE`) and the endpoint variable, for a
 * run as profile `name`. An explicit `--profile` naming another profile than
 * the one that session is of wins, as `aws --profile` wins over AWS_ACCESS_KEY_ID:
 * the session is set aside, and so is `SORACOM_ENDPOINT` when exec set it with
 * the session (`SORACOM_PROFILE` says so), and one note on stderr says which
 * identity runs.
 */
function environmentSession(
  ctx: Context,
  options: LoginOptions,
  name: string,
  session: { readonly apiKey?: string; readonly apiToken?: string },
): { readonly apiKey?: string; readonly apiToken?: string; readonly endpoint?: string } {
  const endpoint = ctx.env("SORACOM_ENDPOINT");
  if (!options.profile || (!session.apiKey && !session.apiToken)) return { ...session, endpoint };
  const owner = ctx.env("SORACOM_PROFILE") || undefined;
  const ownerName = owner === undefined ? "default" : safeProfileName(owner);
  if (ownerName === name) return { ...session, endpoint };
  const m = messages(ctx.lang);
  ctx.stderr.write(
    `${owner === undefined ? m.envSessionSetAside(name) : m.execSessionSetAside(name, owner)}\n`,
  );
  return { endpoint: owner === undefined ? endpoint : undefined };
}

/** `name` sanitised as a profile name, or itself when nothing usable is left of it. */
function safeProfileName(name: string): string {
  try {
    return sanitizeProfileName(name);
  } catch {
    return name;
  }
}

/**
 * Every secret this run was given (`given`: from flags and the environment),
 * so stderr hides it by value (see `Context.secrets`).
 */
function rememberSecrets(
  ctx: Context,
  given: readonly (string | undefined)[],
  profile: Profile | undefined,
): void {
  const headers = Object.entries(profile?.headers ?? {});
  ctx.secrets.add(
    ...given,
    profile?.password,
    profile?.authKey,
    ...headers.filter(([name]) => isSecretHeader(name.toLowerCase())).map(([, value]) => value),
  );
}

function bothOrNeither(
  a: string | undefined,
  b: string | undefined,
  names: readonly [string, string],
  verb: "flags" | "variables" = "flags",
): boolean {
  if (Boolean(a) !== Boolean(b)) {
    throw new CliError(
      "usage",
      verb === "flags" ? said("bothFlags", ...names) : said("bothVariables", ...names),
    );
  }
  return Boolean(a);
}

/**
 * Picks the credential source by soracom-cli's priority, with one addition
 * between the flags and the profile: `SORACOM_API_KEY` + `SORACOM_API_TOKEN`
 * from the environment, so commands run by `soracom exec` reuse its session.
 */
export function credentialSource(inv: Invocation): CredentialSource {
  const o = inv.options;
  if (bothOrNeither(o.apiKey, o.apiToken, ["--api-key", "--api-token"])) {
    return { kind: "apiKey", apiKey: o.apiKey!, token: o.apiToken! };
  }
  if (bothOrNeither(o.authKeyId, o.authKey, ["--auth-key-id", "--auth-key"])) {
    return { kind: "authKey", authKeyId: o.authKeyId!, authKey: o.authKey! };
  }
  if (o.profileCommand !== undefined && o.profileCommand !== "") {
    return { kind: "profileCommand", command: o.profileCommand, origin: "--profile-command" };
  }
  const env = inv.environment;
  if (
    bothOrNeither(env?.apiKey, env?.apiToken, ["SORACOM_API_KEY", "SORACOM_API_TOKEN"], "variables")
  ) {
    return { kind: "apiKey", apiKey: env!.apiKey!, token: env!.apiToken! };
  }
  if (inv.fileProfileError) throw inv.fileProfileError;
  const loaded = inv.fileProfile!;
  if (loaded.profile.profileCommand) {
    return { kind: "profileCommand", command: loaded.profile.profileCommand, origin: loaded.path };
  }
  return { kind: "profile", loaded };
}

/**
 * The session-cache key material: who logs in and where, and the password or
 * AuthKey (of which only a keyed hash is kept; never an OTP). For a
 * profileCommand it is the command itself (its output is not known yet).
 */
export function sessionIdentity(
  inv: Invocation,
  source: CredentialSource,
): SessionIdentity | undefined {
  const where = inv.target.endpoint;
  switch (source.kind) {
    case "apiKey":
      return undefined;
    case "authKey":
      return {
        who: JSON.stringify([where, "authKey", source.authKeyId]),
        secret: source.authKey,
      };
    case "profileCommand":
      return { who: JSON.stringify([where, "profileCommand", source.origin, source.command]) };
    case "profile": {
      const p = source.loaded.profile;
      const who = JSON.stringify([
        where,
        "profile",
        source.loaded.path,
        p.authKeyId ?? null,
        p.email ?? null,
        p.operatorId ?? null,
        p.username ?? null,
        p.sourceProfile ?? null,
      ]);
      return { who, secret: p.authKey ?? p.password };
    }
  }
}

function otpSources(inv: Invocation, profile: Profile, label: string): OtpSources {
  return {
    flag: inv.options.mfaOtpcode,
    command: profile.mfaOTPCommand ?? inv.fileProfile?.profile.mfaOTPCommand,
    label,
  };
}

async function loginAs(ctx: Context, inv: Invocation, profile: Profile, label: string) {
  const body = authBodyOf(profile);
  if (!hasCredentials(body)) {
    throw new CliError("config", said("noCredentials", label));
  }
  return await login(ctx, inv.target, body, otpSources(inv, profile, label));
}

/**
 * How a switch-user login uses the session of its source profile: `use` runs
 * with it (and may run again once with a fresh one, if a cached session turns
 * out to be revoked). The session code passes one that goes through the cache,
 * so every profile naming the same source shares one login (and one OTP).
 */
export type SourceSession = <T>(
  source: Invocation,
  use: (session: Session) => Promise<T>,
) => Promise<T>;

/**
 * The run a switch-user profile's source would have as `--profile SOURCE`, at
 * this run's endpoint: the same credentials, OTP sources and session identity.
 *
 * @throws CliError (`config`) when the source cannot be loaded, is itself a
 * switch-user profile, or the switch target is incomplete
 */
export async function sourceInvocation(
  ctx: Context,
  inv: Invocation,
  profile: Profile,
): Promise<Invocation> {
  const sourceName = sourceProfileName(profile.sourceProfile!);
  let loaded: LoadedProfile;
  try {
    loaded = await loadProfile(ctx, profileDir(ctx), sourceName);
  } catch (e) {
    if (e instanceof CliError) {
      throw new CliError(e.kind, said("sourceNotLoaded", sourceName, e.message));
    }
    throw e;
  }
  if (loaded.profile.sourceProfile !== undefined) {
    throw new CliError("config", said("nestedSwitchUser", sourceName));
  }
  if (!profile.operatorId || !profile.username) {
    throw new CliError("config", said("switchUserIncomplete"));
  }
  const o = inv.options;
  return {
    options: { profile: sourceName, mfaOtpcode: o.mfaOtpcode, noSessionCache: o.noSessionCache },
    profileName: sourceName,
    fileProfile: loaded,
    target: inv.target,
  };
}

async function loginWithProfile(
  ctx: Context,
  inv: Invocation,
  profile: Profile,
  sourceSession: SourceSession,
): Promise<Session> {
  if (!profile.sourceProfile) return await loginAs(ctx, inv, profile, inv.profileName);
  return await sourceSession(
    await sourceInvocation(ctx, inv, profile),
    (first) =>
      switchUser(ctx, inv.target, first, {
        operatorId: profile.operatorId!,
        userName: profile.username!,
        tokenTimeoutSeconds: profile.tokenTimeoutSeconds,
      }),
  );
}

/** A source's session without the cache: log it in as `--profile SOURCE` would. */
function loginSource(ctx: Context): SourceSession {
  return async (source, use) => await use(await loginFrom(ctx, source, credentialSource(source)));
}

/** Logs in from `source`; a switch-user source session comes from `sourceSession`. */
export async function loginFrom(
  ctx: Context,
  inv: Invocation,
  source: CredentialSource,
  sourceSession: SourceSession = loginSource(ctx),
): Promise<Session> {
  switch (source.kind) {
    case "apiKey":
      return {
        apiKey: source.apiKey,
        token: source.token,
        operatorId: operatorIdFromToken(source.token) ?? "",
        expiresAt: Number.POSITIVE_INFINITY,
      };
    case "authKey":
      return await loginAs(
        ctx,
        inv,
        { authKeyId: source.authKeyId, authKey: source.authKey },
        "--auth-key-id",
      );
    case "profileCommand": {
      const profile = await profileFromCommand(ctx, source.command);
      return await loginWithProfile(ctx, inv, profile, sourceSession);
    }
    case "profile":
      return await loginWithProfile(ctx, inv, source.loaded.profile, sourceSession);
  }
}

/** True when this run may use the session cache. */
export function sessionCacheEnabled(ctx: Context, inv: Invocation): boolean {
  if (inv.options.noSessionCache) return false;
  const env = ctx.env("SORACOM_NO_SESSION_CACHE");
  if (env !== undefined && env !== "" && env !== "0") return false;
  return inv.fileProfile?.profile.sessionCache !== false;
}
