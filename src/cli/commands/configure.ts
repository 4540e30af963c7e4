/**
 * `soracom configure`, `configure get` and `unconfigure`.
 *
 * `configure` asks soracom-cli's questions on the terminal (secrets without
 * echo), and takes every answer as a flag too, so scripts need no terminal.
 *
 * @module
 */

import { selectedProfileName } from "../../auth/invocation.ts";
import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { type Messages, messages, said } from "../../messages.ts";
import { joinShellWords, posixQuote } from "../../profile/shell_words.ts";
import { forStderr } from "../../output/stderr.ts";
import { ask as askOn, choose as chooseOn, flagString } from "./prompts.ts";
import type { Profile } from "../../profile/schema.ts";
import { PROFILE_KEYS } from "../../profile/schema.ts";
import {
  listProfiles,
  loadProfile,
  missingProfile,
  profileDir,
  profilePath,
  removeLeftoverProfiles,
  saveProfile,
} from "../../profile/store.ts";
import {
  booleanFlag,
  type FlagSpecsOf,
  type GlobalFlagValues,
  globalOptions,
  stringFlag,
} from "../flags.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";

/** The flags that answer configure's questions (any of them means "scripted"). */
export interface ConfigureAnswers {
  /** AuthKeyId (with `auth-key`). */
  readonly "auth-key-id"?: string;
  /** AuthKey secret. */
  readonly "auth-key"?: string;
  /** The root user's email. */
  readonly "email"?: string;
  /** The root or SAM user's password. */
  readonly "password"?: string;
  /** The SAM user's operator ID, or the switch-user target's. */
  readonly "operator-id"?: string;
  /** The SAM user name, or the switch-user target's. */
  readonly "user-name"?: string;
  /** Switch user: the profile to log in with first. */
  readonly "source-profile"?: string;
  /** A command that prints the credentials as JSON. */
  readonly "profile-command"?: string;
  /** A command that prints the current one-time code. */
  readonly "mfa-otp-command"?: string;
  /** The API endpoint (without `/v1`). */
  readonly "endpoint"?: string;
}

/** The flags of `configure`. */
export interface ConfigureFlags extends GlobalFlagValues, ConfigureAnswers {
  /** Replace an existing profile without asking. */
  readonly overwrite?: boolean;
  /** Do not try the new profile. */
  readonly "no-login"?: boolean;
}

const ANSWER_FLAGS: FlagSpecsOf<ConfigureAnswers> = {
  "auth-key-id": stringFlag("id"),
  "auth-key": stringFlag("secret"),
  "email": stringFlag("email"),
  "password": stringFlag("password"),
  "operator-id": stringFlag("OP..."),
  "user-name": stringFlag("name"),
  "source-profile": stringFlag("profile"),
  "profile-command": stringFlag("command"),
  "mfa-otp-command": stringFlag("command"),
  "endpoint": stringFlag("url"),
};

const CONFIGURE_FLAGS: FlagSpecsOf<OwnFlags<ConfigureFlags>> = {
  "overwrite": booleanFlag(),
  "no-login": booleanFlag(),
  ...ANSWER_FLAGS,
};

const str = flagString;

/**
 * Asks a question of configure (an empty answer is asked again); without a
 * terminal, fails naming `flag`, which answers it, or every answer flag.
 */
function ask(ctx: Context, question: string, secret = false, flag?: string): Promise<string> {
  const m = messages(ctx.lang);
  const noTerminal = flag ? m.configureNeedsFlag(`--${flag}`) : m.configureNeedsTerminal;
  return askOn(ctx, question, noTerminal, secret);
}

function choose(ctx: Context, title: string, options: readonly string[]): Promise<number> {
  return chooseOn(ctx, title, options, messages(ctx.lang).configureNeedsTerminal);
}

/**
 * A profileCommand and mfaOTPCommand for a 1Password item, picking its fields
 * by label (not by position, which changes when a field is added): `operator
 * id`, `username`, `password` for a SAM user; `username` (the email) and
 * `password` for the root user.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(onePasswordProfile("soracom", "sam", true).mfaOTPCommand, "op item get soracom --otp");
 * ```
 */
export function onePasswordProfile(item: string, kind: "sam" | "root", otp: boolean): Profile {
  const pick = kind === "sam"
    ? `{operatorId: .["operator id"], username: .username, password: .password}`
    : `{email: .username, password: .password}`;
  const jq = `[.fields[] | {(.label): .value}] | add | ${pick}`;
  // deno-lint-ignore soracom/words-in-text -- a shell command, not words for the reader
  const script = `op item get ${posixQuote(item)} --format json | jq -c ${posixQuote(jq)}`;
  return {
    profileCommand: joinShellWords(["/bin/sh", "-c", script]),
    ...(otp ? { mfaOTPCommand: joinShellWords(["op", "item", "get", item, "--otp"]) } : {}),
  };
}

/** Refuses a switch-user source that is itself a switch-user profile: chains do not log in. */
async function checkSource(ctx: Context, dir: string, name: string, m: Messages): Promise<void> {
  const source = await loadProfile(ctx, dir, name).catch(() => undefined);
  if (source?.profile.sourceProfile !== undefined) {
    throw new CliError("config", m.sourceIsSwitchUser(name));
  }
}

/** The interactive MFA step for a password login: nothing, a command, or a prompt at login. */
async function mfaStep(ctx: Context, m: Messages): Promise<Profile> {
  const how = await choose(ctx, m.selectMfa, m.mfaOptions);
  if (how !== 2) return {};
  return { mfaOTPCommand: await ask(ctx, m.qOtpCommand) };
}

/** Asks which profile a switch user logs in with first (switch-user profiles are not offered). */
async function askSource(ctx: Context, dir: string, m: Messages): Promise<string> {
  const names: string[] = [];
  for (const name of await listProfiles(ctx, dir).catch(() => [])) {
    const loaded = await loadProfile(ctx, dir, name).catch(() => undefined);
    if (loaded !== undefined && loaded.profile.sourceProfile === undefined) names.push(name);
  }
  if (names.length === 0) throw new CliError("config", m.noSourceProfile);
  return names[await choose(ctx, m.selectSource, names) - 1];
}

/**
 * The credentials part of a profile from the answer flags (prompting for the
 * ones a given kind still lacks); `undefined` when no answer flag says the kind.
 */
async function credentialsFromFlags(
  ctx: Context,
  flags: ConfigureAnswers,
  dir: string,
  m: Messages,
): Promise<Profile | undefined> {
  const f = (name: keyof ConfigureAnswers) => str(flags[name]);
  const need = async (name: keyof ConfigureAnswers, question: string, secret = false) =>
    f(name) ?? await ask(ctx, question, secret, name);
  if (f("profile-command")) {
    return { profileCommand: f("profile-command"), mfaOTPCommand: f("mfa-otp-command") };
  }
  if (f("source-profile")) {
    await checkSource(ctx, dir, f("source-profile")!, m);
    return {
      sourceProfile: f("source-profile"),
      operatorId: await need("operator-id", m.qSwitchOperatorId),
      username: await need("user-name", m.qSwitchUsername),
    };
  }
  if (f("auth-key-id") || f("auth-key")) {
    return {
      authKeyId: await need("auth-key-id", m.qAuthKeyId),
      authKey: await need("auth-key", m.qAuthKey, true),
    };
  }
  if (f("email")) {
    return {
      email: f("email"),
      password: await need("password", m.qPassword, true),
      mfaOTPCommand: f("mfa-otp-command"),
    };
  }
  if (f("operator-id") || f("user-name")) {
    return {
      operatorId: await need("operator-id", m.qOperatorId),
      username: await need("user-name", m.qUsername),
      password: await need("password", m.qPassword, true),
      mfaOTPCommand: f("mfa-otp-command"),
    };
  }
  return undefined;
}

/** Asks for the credentials of authentication method `method` (1-6, as the menu numbers them). */
async function askCredentials(
  ctx: Context,
  method: number,
  dir: string,
  m: Messages,
): Promise<Profile> {
  switch (method) {
    case 1:
      return {
        authKeyId: await ask(ctx, m.qAuthKeyId),
        authKey: await ask(ctx, m.qAuthKey, true),
      };
    case 2:
      return {
        email: await ask(ctx, m.qEmail),
        password: await ask(ctx, m.qPassword, true),
        ...await mfaStep(ctx, m),
      };
    case 3:
      return {
        operatorId: await ask(ctx, m.qOperatorId),
        username: await ask(ctx, m.qUsername),
        password: await ask(ctx, m.qPassword, true),
        ...await mfaStep(ctx, m),
      };
    case 4: {
      const sourceProfile = await askSource(ctx, dir, m);
      const operatorId = await ask(ctx, m.qSwitchOperatorId);
      const username = await ask(ctx, m.qSwitchUsername);
      return { sourceProfile, operatorId, username };
    }
    case 5: {
      const item = await ask(ctx, m.qOpItem);
      const kind = await choose(ctx, m.selectOpKind, m.opKinds) === 1 ? "sam" : "root";
      const otp = await ctx.prompt(m.qOpHasOtp, { stdinOk: true });
      return onePasswordProfile(item, kind, !/^n/i.test(otp?.trim() ?? ""));
    }
    default:
      return { profileCommand: await ask(ctx, m.qProfileCommand) };
  }
}

/** Asks before replacing a profile (default No); without a terminal, only --overwrite replaces. */
async function confirmOverwrite(ctx: Context, path: string, name: string, m: Messages) {
  if ((await ctx.fs.stat(path)) === null) return;
  const answer = await ctx.prompt(m.configureOverwrite(name), { stdinOk: true });
  if (answer === undefined) throw new CliError("usage", m.configureExists(name));
  if (!/^y(es)?$/i.test(answer.trim())) throw new CliError("aborted", said("abort"));
}

/**
 * Logs in with `profile` as profile `name` (before it is saved; the session is
 * cached) and says who it is; the error when the login failed.
 */
async function tryLogin(
  ctx: Context,
  loaded: { name: string; path: string; profile: Profile },
  m: Messages,
): Promise<CliError | undefined> {
  const { prepareProfile } = await import("../../auth/invocation.ts");
  const { sessionProvider } = await import("../../auth/credentials.ts");
  const { obtainSession } = await import("../../auth/session.ts");
  try {
    const session = await obtainSession(ctx, await sessionProvider(prepareProfile(ctx, loaded)));
    const who = [session.operatorId, session.userName].filter(Boolean).join(" ");
    ctx.stderr.write(`${forStderr(ctx, m.configureLoggedIn(who))}\n`);
    return undefined;
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return e;
  }
}

/** The login was refused for its credentials (not for a network or a server failure). */
function refused(e: CliError): boolean {
  return e.kind === "auth" && e.status === 401;
}

/** How many times configure asks again for credentials that were not accepted. */
const CREDENTIAL_TRIES = 3;

/** What configure settled before the credentials: where and how the profile goes. */
interface Plan {
  readonly name: string;
  readonly dir: string;
  readonly path: string;
  readonly coverageType: string;
  /** The menu's method, when the credentials were asked for (and can be asked again). */
  readonly method?: number;
  /** Try the credentials before saving them (on a terminal, without --no-login). */
  readonly check: boolean;
}

/**
 * Saves the profile made of `credentials`, once a login with it worked (when
 * `plan.check`): credentials the API refuses are asked for again (menu
 * answers) or refused unsaved (flags); a login that fails otherwise (offline)
 * still saves, and says why the login failed.
 */
async function settle(
  ctx: Context,
  flags: ConfigureFlags,
  plan: Plan,
  first: Profile,
  m: Messages,
): Promise<void> {
  let credentials = first;
  for (let tries = 1;; tries++) {
    const profile: Profile = {
      sandbox: false,
      coverageType: plan.coverageType,
      ...credentials,
      endpoint: str(flags.endpoint),
      registerPaymentMethod: false,
    };
    const failure = plan.check
      ? await tryLogin(ctx, { name: plan.name, path: plan.path, profile }, m)
      : undefined;
    if (failure === undefined || !refused(failure)) {
      await saveProfile(ctx, plan.dir, plan.name, profile);
      if (failure === undefined) return;
      const why = m.configureLoginFailed(failure.textIn(ctx.lang));
      throw new CliError(failure.kind, why, { hint: failure.hint, cause: failure });
    }
    if (plan.method === undefined || tries >= CREDENTIAL_TRIES) {
      const why = m.configureNotSaved(failure.textIn(ctx.lang));
      throw new CliError(failure.kind, why, { hint: failure.hint, cause: failure });
    }
    ctx.stderr.write(`${forStderr(ctx, m.configureTryAgain(tries + 1))}\n`);
    credentials = await askCredentials(ctx, plan.method, plan.dir, m);
  }
}

/**
 * `configure`: asks (or takes flags), tries the credentials on a terminal,
 * and saves the profile.
 */
export async function runConfigure(ctx: Context, flags: ConfigureFlags): Promise<void> {
  const m = messages(ctx.lang);
  const name = selectedProfileName(ctx, globalOptions(flags));
  const dir = profileDir(ctx);
  const path = profilePath(dir, name);
  const answers = Object.keys(ANSWER_FLAGS) as (keyof ConfigureAnswers)[];
  const scripted = answers.some((k) => str(flags[k]) !== undefined);
  // Nothing is printed when nobody could answer: only the error naming the flags.
  if (!scripted && !ctx.stdinIsTerminal()) throw new CliError("usage", m.configureNeedsTerminal);
  if (flags.overwrite !== true) await confirmOverwrite(ctx, path, name, m);
  if (!scripted) ctx.stderr.write(`${forStderr(ctx, m.configureIntro(path, dir))}\n`);
  const coverageType = str(flags["coverage-type"]) ??
    (scripted ? "jp" : ["g", "jp"][await choose(ctx, m.selectCoverage, m.coverages) - 1]);
  const fromFlags = await credentialsFromFlags(ctx, flags, dir, m);
  const method = fromFlags ? undefined : await choose(ctx, m.selectMethod, m.methods);
  const first = fromFlags ?? await askCredentials(ctx, method!, dir, m);
  const check = ctx.stdinIsTerminal() && flags["no-login"] !== true;
  await settle(ctx, flags, { name, dir, path, coverageType, method, check }, first, m);
  ctx.stderr.write(`${forStderr(ctx, m.configureSaved(name))}\n`);
}

/** The `configure` command. */
export function configureCommand(): Command {
  return defineCommand<OwnFlags<ConfigureFlags>>({
    flags: CONFIGURE_FLAGS,
    run: (ctx, flags) => runConfigure(ctx, flags),
  });
}

/** `configure get`: the profile as soracom-cli prints it (its key order, tab indent). */
export async function runConfigureGet(ctx: Context, flags: GlobalFlagValues): Promise<void> {
  const name = selectedProfileName(ctx, globalOptions(flags));
  const { profile } = await loadProfile(ctx, profileDir(ctx), name);
  const out: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) {
    const value = profile[key];
    if (key === "sandbox" || key === "registerPaymentMethod") out[key] = value ?? false;
    else if (key === "coverageType") out[key] = value || "jp";
    else if (value !== undefined && value !== "") out[key] = value;
  }
  ctx.stdout.write(`${JSON.stringify(out, null, "\t")}\n`);
}

/** The `configure get` command. */
export function configureGetCommand(): Command {
  return defineCommand<Record<never, never>>({
    flags: {},
    run: (ctx, flags) => runConfigureGet(ctx, flags),
  });
}

/** The flags of `unconfigure`. */
export interface UnconfigureFlags extends GlobalFlagValues {
  /** Remove without asking. */
  readonly yes?: boolean;
}

/** `unconfigure`: asks (or takes `--yes`), logs the session out and removes the profile. */
export async function runUnconfigure(ctx: Context, flags: UnconfigureFlags): Promise<void> {
  const name = selectedProfileName(ctx, globalOptions(flags));
  const dir = profileDir(ctx);
  const path = profilePath(dir, name);
  // A profile that is not there is said at once: there is nothing to ask about.
  if ((await ctx.fs.stat(path)) === null) throw await missingProfile(ctx, dir, name);
  if (flags.yes !== true) {
    const answer = await ctx.prompt(messages(ctx.lang).unconfigureConfirm(name), {
      stdinOk: true,
    });
    if (answer === undefined) {
      throw new CliError("usage", said("unconfigureNeedsTerminal"));
    }
    if (!["y", "Y"].includes(answer.trim())) return;
  }
  await forgetSession(ctx, name);
  if (!await ctx.fs.remove(path)) {
    throw new CliError("config", said("removeMissing", path));
  }
  await removeLeftoverProfiles(ctx, dir);
}

/**
 * Revokes and deletes the cached session of profile `name`, which is about to
 * go: nobody could log it out afterwards. A failure to revoke is said, not fatal.
 */
async function forgetSession(ctx: Context, name: string): Promise<void> {
  const { prepare } = await import("../../auth/invocation.ts");
  const { sessionProvider } = await import("../../auth/credentials.ts");
  const { cacheSlot, revokeCached } = await import("../../auth/session.ts");
  let slot;
  let inv;
  try {
    // The profile's own session, even inside `soracom exec`.
    inv = { ...await prepare(ctx, { profile: name }), environment: undefined };
    slot = await cacheSlot(ctx, await sessionProvider(inv), true);
  } catch {
    return; // a profile that cannot be read has no session to find
  }
  if (slot === undefined) return;
  try {
    await revokeCached(ctx, inv, slot.cache, slot.key);
  } catch (e) {
    await slot.cache.forget(slot.key).catch(() => {});
    const why = e instanceof Error ? e.message : String(e);
    ctx.stderr.write(`${messages(ctx.lang).unconfigureNotRevoked(name, why)}\n`);
  }
}

/** The `unconfigure` command. */
export function unconfigureCommand(): Command {
  return defineCommand<OwnFlags<UnconfigureFlags>>({
    flags: { yes: booleanFlag() },
    run: (ctx, flags) => runUnconfigure(ctx, flags),
  });
}
