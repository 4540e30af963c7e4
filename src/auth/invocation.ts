/**
 * The run, before any credential is chosen: the profile it names
 * (`--profile`, `SORACOM_PROFILE`, `default`) and its file, the endpoint and
 * headers it talks to, and a session the environment hands it (`soracom exec`).
 * `credentials.ts` then picks the credential source from it.
 *
 * @module
 */

import type { ApiTarget } from "../api/client.ts";
import { isLoopback, resolveEndpoint } from "../api/endpoint.ts";
import { hidePassword } from "../api/http.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import type { Profile } from "../profile/schema.ts";
import { isSecretHeader } from "../redact.ts";
import {
  type LoadedProfile,
  loadProfile,
  profileDir,
  sanitizeProfileName,
} from "../profile/store.ts";
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
 * import { requireSafeEndpoint } from "./invocation.ts";
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
