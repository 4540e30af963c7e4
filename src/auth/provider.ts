/**
 * What a credential source is, as aws-vault's `vault/` has one provider per
 * source: each kind of source is a {@link Provider} in its own file under
 * `providers/`, listed once in `providers/mod.ts`. A provider says who a source
 * logs in as (the session cache's key), how it logs in, how its session is
 * named and what `auth status` shows of it. Bound to one run's source it is a
 * {@link SessionProvider}: all the session cache (`session.ts`) and `auth
 * status` (`status.ts`) ever see, whatever the kind.
 *
 * @module
 */

import type { Context } from "../context.ts";
import type { Messages } from "../messages.ts";
import type { LoadedProfile } from "../profile/store.ts";
import type { Invocation } from "./invocation.ts";
import type { Session } from "./login.ts";
import type { CachedSession, SessionIdentity } from "./session_cache.ts";

/** What each kind of source holds, decided before anything is run or sent. */
export interface SourceFields {
  /** An API key and token given (`--api-key`, or `SORACOM_API_KEY` as `soracom exec` sets it). */
  apiKey: { readonly apiKey: string; readonly token: string };
  /** `--auth-key-id` and `--auth-key`. */
  authKey: { readonly authKeyId: string; readonly authKey: string };
  /** A profileCommand (`--profile-command`, or the profile's; `origin` says which). */
  profileCommand: { readonly command: string; readonly origin: string };
  /** A profile with an AuthKey. */
  profileAuthKey: { readonly loaded: LoadedProfile };
  /** A profile of the root user (email and password). */
  root: { readonly loaded: LoadedProfile };
  /** A profile of a SAM user (operator, user name and password). */
  samUser: { readonly loaded: LoadedProfile };
  /** A profile that switches to another user from its `sourceProfile`'s session. */
  switchUser: { readonly loaded: LoadedProfile };
  /** A profile with none of the above: its login says what is missing. */
  noCredentials: { readonly loaded: LoadedProfile };
}

/** The kinds of credential source. */
export type Kind = keyof SourceFields;

/** A source of kind `K`. */
export type Source<K extends Kind> = { readonly kind: K } & SourceFields[K];

/** Where the credentials come from: a source of any kind. */
export type CredentialSource = { [K in Kind]: Source<K> }[Kind];

/** The kind `auth status` shows (its `kind` in `--json`; the column's words in `messages.ts`). */
export type CredentialKind =
  | "apiKey"
  | "authKey"
  | "root"
  | "samUser"
  | "switchUser"
  | "profileCommand"
  | "unknown";

/** Who a source logs in as, from its own fields, for `auth status` (never a secret). */
export interface StatusFields {
  /** The operator, when the source names it. */
  readonly operatorId?: string;
  /** The SAM user, when it names one. */
  readonly userName?: string;
  /** The root user's email, when it names one. */
  readonly email?: string;
  /** The AuthKey's ID, when it uses one. */
  readonly authKeyId?: string;
  /** The profile a switch-user profile logs in with first. */
  readonly sourceProfile?: string;
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

/** The next login of a source that runs nothing and asks nothing. */
export const NOTHING: NextLogin = { profileCommand: false, mfaOTPCommand: false, otpPrompt: "no" };

/**
 * How a login made from another session (a switch user's) gets that session:
 * `use` runs with it, and may run again once with a fresh one if a cached
 * session turns out to be revoked. The session code passes one that goes
 * through the cache, so every profile naming the same source shares one login.
 */
export type PreviousSession = <T>(
  from: SessionProvider,
  use: (session: Session) => Promise<T>,
) => Promise<T>;

/**
 * How a provider reaches other sources' providers without importing the
 * registry (which imports it): `credentials.ts` passes this in.
 */
export interface Resolver {
  /** The provider of run `inv`, by credential priority (a switch user's source profile). */
  readonly run: (inv: Invocation) => Promise<SessionProvider>;
  /** The provider of profile `loaded` in run `inv` (what a profileCommand printed). */
  readonly profile: (inv: Invocation, loaded: LoadedProfile) => Promise<SessionProvider>;
}

/** One run's source of kind `K`, as its provider's methods receive it. */
export interface Bound<K extends Kind> {
  /** The run. */
  readonly inv: Invocation;
  /** Its source. */
  readonly source: Source<K>;
  /** Other sources' providers, for a login that needs one. */
  readonly resolve: Resolver;
}

/** One kind of credential source: a file under `providers/`, listed in `providers/mod.ts`. */
export interface Provider<K extends Kind> {
  /** The kind `auth status` shows. */
  readonly shownAs: CredentialKind;
  /**
   * The session cache's key material: who logs in and where, and the secret
   * (only a keyed hash of it is kept). Undefined: the API key and token are
   * given, so nothing logs in and nothing is cached.
   */
  identity(bound: Bound<K>): SessionIdentity | undefined;
  /** Logs in; `previous` gives the session a login made from another one needs. */
  login(ctx: Context, bound: Bound<K>, previous: PreviousSession): Promise<Session>;
  /** How its session is named to the user (`profile NAME`, `--auth-key-id ID`). */
  label(bound: Bound<K>, m: Messages): string;
  /** Who it logs in as, from its own fields. */
  status(bound: Bound<K>): StatusFields;
  /** What its next login runs or asks; `last` is its last cached session, expired or not. */
  nextLogin(bound: Bound<K>, last: CachedSession | undefined): NextLogin;
  /** The provider whose session its login is made from (a switch user's source), if any. */
  from?(ctx: Context, bound: Bound<K>): Promise<SessionProvider>;
}

/** A provider bound to one run's source: what the session cache and `auth status` use. */
export interface SessionProvider {
  /** The source's kind. */
  readonly kind: Kind;
  /** The kind `auth status` shows. */
  readonly shownAs: CredentialKind;
  /** The run. */
  readonly inv: Invocation;
  /** See {@link Provider.identity}. */
  identity(): SessionIdentity | undefined;
  /** See {@link Provider.login}. */
  login(ctx: Context, previous: PreviousSession): Promise<Session>;
  /** See {@link Provider.label}. */
  label(m: Messages): string;
  /** See {@link Provider.status}. */
  status(): StatusFields;
  /** See {@link Provider.nextLogin}. */
  nextLogin(last: CachedSession | undefined): NextLogin;
  /** See {@link Provider.from}; undefined for a source that logs in by itself. */
  readonly from?: (ctx: Context) => Promise<SessionProvider>;
}
