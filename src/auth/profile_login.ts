/**
 * What the providers of profile kinds share: a profile's fields go to `/auth`
 * together (soracom-cli sends every field set and the server picks), the
 * session cache keys them alike, and `auth status` reads what the next login
 * asks from the same fields.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import type { Profile } from "../profile/schema.ts";
import type { LoadedProfile } from "../profile/store.ts";
import type { Invocation } from "./invocation.ts";
import type { Session } from "./login.ts";
import type { CredentialKind, NextLogin, Provider, StatusFields } from "./provider.ts";
import type { CachedSession, SessionIdentity } from "./session_cache.ts";

/**
 * Logs in with `profile`'s credential fields; the one-time code from
 * `--mfa-otpcode`, the profile's `mfaOTPCommand`, else the run's profile's.
 * `label` names the credentials in prompts and errors.
 *
 * @throws CliError (`config`) when the fields could not log in at all
 */
export async function loginWithFields(
  ctx: Context,
  inv: Invocation,
  profile: Profile,
  label: string,
): Promise<Session> {
  // Loaded only to log in: a warm call, served from the cache, never needs it (nor the
  // profileCommand runner it brings).
  const { authBodyOf, hasCredentials, login } = await import("./login.ts");
  const body = authBodyOf(profile);
  if (!hasCredentials(body)) {
    throw new CliError("config", said("noCredentials", label));
  }
  return await login(ctx, inv.target, body, {
    flag: inv.options.mfaOtpcode,
    command: profile.mfaOTPCommand ?? inv.fileProfile?.profile.mfaOTPCommand,
    label,
  });
}

/** The session-cache key material of a profile: its file, who it names, and its password or AuthKey. */
export function profileIdentity(inv: Invocation, loaded: LoadedProfile): SessionIdentity {
  const p = loaded.profile;
  const who = JSON.stringify([
    inv.target.endpoint,
    "profile",
    loaded.path,
    p.authKeyId ?? null,
    p.email ?? null,
    p.operatorId ?? null,
    p.username ?? null,
    p.sourceProfile ?? null,
  ]);
  return { who, secret: p.authKey ?? p.password };
}

/**
 * What a profile's next login runs and asks: an AuthKey asks for no code; a
 * password login asks unless a code comes from `--mfa-otpcode` or an
 * mfaOTPCommand, surely when its last login needed one, perhaps for a root
 * user (MFA may be on).
 */
export function profileNextLogin(
  inv: Invocation,
  loaded: LoadedProfile,
  last: CachedSession | undefined,
): NextLogin {
  const authKey = Boolean(loaded.profile.authKeyId);
  const mfaOTPCommand = !authKey && Boolean(inv.fileProfile?.profile.mfaOTPCommand);
  const codeGiven = mfaOTPCommand || Boolean(inv.options.mfaOtpcode);
  const otpPrompt = authKey || codeGiven
    ? "no"
    : last?.mfa
    ? "yes"
    : loaded.profile.email
    ? "unknown"
    : "no";
  return { profileCommand: false, mfaOTPCommand, otpPrompt };
}

/** The kinds of source that are a profile file's own fields. */
export type ProfileKind = "profileAuthKey" | "root" | "samUser" | "switchUser" | "noCredentials";

/**
 * A provider of a profile kind: keyed, labelled and logged in as every profile
 * is (by its fields, named by the profile), shown as `shownAs` with the fields
 * `status` picks. A kind that logs in otherwise replaces `login`.
 */
export function profileProvider<K extends ProfileKind>(
  shownAs: CredentialKind,
  status: (profile: Profile) => StatusFields,
): Provider<K> {
  return {
    shownAs,
    identity: ({ inv, source }) => profileIdentity(inv, source.loaded),
    login: (ctx, { inv, source }) =>
      loginWithFields(ctx, inv, source.loaded.profile, inv.profileName),
    label: ({ inv }, m) => m.profileLabel(inv.profileName),
    status: ({ source }) => status(source.loaded.profile),
    nextLogin: ({ inv, source }, last) => profileNextLogin(inv, source.loaded, last),
  };
}
