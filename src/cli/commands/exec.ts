/**
 * Handing the session to other tools, as aws-vault does:
 *
 * - `soracom exec [--profile P] -- CMD ARGS…` runs CMD with `SORACOM_API_KEY`,
 *   `SORACOM_API_TOKEN`, `SORACOM_OPERATOR_ID`, `SORACOM_ENDPOINT` and
 *   `SORACOM_PROFILE` set from the cached (or a fresh) session, and exits
 *   with CMD's status. `soracom` run inside reads the first two, so it neither
 *   logs in nor asks for an OTP.
 * - `soracom auth export [--profile P] [--format env|json]` prints the same
 *   variables, for `eval "$(soracom auth export)"`.
 *
 * Neither prints a secret anywhere but to `auth export`'s stdout, which is
 * what it is for.
 *
 * @module
 */

import { stringifyPretty } from "../../json/mod.ts";
import { sessionProvider } from "../../auth/credentials.ts";
import { prepare } from "../../auth/invocation.ts";
import { obtainSession } from "../../auth/session.ts";
import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { messages } from "../../messages.ts";
import { posixQuote } from "../../profile/shell_words.ts";
import { type GlobalFlagValues, globalOptions, stringFlag } from "../flags.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";

/** A session handed to another tool needs at least this long left (as `soracom auth`). */
const HANDED_OUT_MIN_MS = 10 * 60_000;

/**
 * The variables that carry the selected profile's session, from the cache or a
 * login (with the OTP, once).
 */
async function sessionVariables(
  ctx: Context,
  flags: GlobalFlagValues,
): Promise<Record<string, string>> {
  const inv = await prepare(ctx, globalOptions(flags));
  const session = await obtainSession(ctx, await sessionProvider(inv), HANDED_OUT_MIN_MS);
  return {
    SORACOM_API_KEY: session.apiKey,
    SORACOM_API_TOKEN: session.token,
    SORACOM_OPERATOR_ID: session.operatorId,
    SORACOM_ENDPOINT: inv.target.endpoint,
    SORACOM_PROFILE: inv.profileName,
  };
}

/** The flags of `exec`. */
export type ExecFlags = GlobalFlagValues;

/**
 * Runs `command` with the session's variables and returns its exit status.
 *
 * @throws CliError (`usage`) when there is no command, or no such program
 */
export async function runExec(
  ctx: Context,
  flags: ExecFlags,
  command: readonly string[],
): Promise<number> {
  const m = messages(ctx.lang);
  if (command.length === 0) throw new CliError("usage", m.execNoCommand);
  const env = await sessionVariables(ctx, flags);
  try {
    return await ctx.runAttached(command, env);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new CliError("usage", m.execNotFound(command[0]));
    }
    throw e;
  }
}

/** The `exec` command. */
export function execCommand(): Command {
  return defineCommand<Record<never, never>>({
    flags: {},
    takesArguments: true,
    run: runExec,
  });
}

/** The flags of `auth export`. */
export interface AuthExportFlags extends GlobalFlagValues {
  /** `env` (default): `export NAME='value'` lines; `json`: one object. */
  readonly format?: string;
}

/** Prints the session's variables for `eval` (or as JSON). */
export async function runAuthExport(ctx: Context, flags: AuthExportFlags): Promise<void> {
  const format = flags.format ?? "env";
  if (format !== "env" && format !== "json") {
    throw new CliError("usage", messages(ctx.lang).exportFormat(format));
  }
  const env = await sessionVariables(ctx, flags);
  if (format === "json") {
    ctx.stdout.write(`${stringifyPretty(env)}\n`);
    return;
  }
  const lines = Object.entries(env).map(([k, v]) => `export ${k}=${posixQuote(v)}\n`);
  ctx.stdout.write(lines.join(""));
}

/** The `auth export` command. */
export function authExportCommand(): Command {
  return defineCommand<OwnFlags<AuthExportFlags>>({
    flags: { format: stringFlag("env|json") },
    run: (ctx, flags) => runAuthExport(ctx, flags),
  });
}
