/**
 * Runs a profileCommand (or an mfaOTPCommand): argv from shell words, no shell,
 * the user's terminal on stdin and stderr so a password manager can prompt,
 * stdout captured up to 1 MiB, stopped after `SORACOM_PROFILE_COMMAND_TIMEOUT`
 * seconds (default 120). Errors name the program and its exit status, never
 * its stdout: that may hold secrets.
 *
 * @module
 */

import { parseJsonData } from "../api/json.ts";
import type { Context } from "../context.ts";
import { CliError, excerpt } from "../errors.ts";
import { redactText } from "../redact.ts";
import type { Profile } from "./schema.ts";
import { toProfile } from "./schema.ts";
import { splitShellWords } from "./shell_words.ts";

/** stdout beyond this is refused. */
export const MAX_COMMAND_OUTPUT_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_SECONDS = 120;

function timeoutMs(ctx: Context): number {
  const raw = ctx.env("SORACOM_PROFILE_COMMAND_TIMEOUT");
  if (raw === undefined || raw === "") return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError(
      "config",
      `SORACOM_PROFILE_COMMAND_TIMEOUT must be a positive number of seconds, got ${
        JSON.stringify(raw)
      }`,
    );
  }
  return seconds * 1000;
}

/**
 * Runs `command` and returns its stdout as text.
 *
 * @param label how errors name it, e.g. "profileCommand"
 */
export async function runUserCommand(
  ctx: Context,
  command: string,
  label: string,
): Promise<string> {
  let argv: string[];
  try {
    argv = splitShellWords(command);
  } catch (e) {
    throw new CliError("config", `${label}: ${(e as Error).message}`);
  }
  const program = argv[0];
  const limit = timeoutMs(ctx);
  let result;
  try {
    result = await ctx.run(argv, {
      timeoutMs: limit,
      maxStdoutBytes: MAX_COMMAND_OUTPUT_BYTES,
      interactive: ctx.stderr.isTerminal(),
    });
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) {
      throw new CliError("config", `${label}: program not found: ${program}`);
    }
    if (e instanceof CliError) {
      throw new CliError("auth", `${label} '${program}' ${e.message}`);
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new CliError("config", `${label}: cannot run ${program}: permission denied`);
    }
    throw e;
  }
  if (result.code !== 0) {
    const stderr = result.stderr ? new TextDecoder().decode(result.stderr).trim() : "";
    const detail = stderr ? `: ${excerpt(redactText(stderr), 200)}` : "";
    throw new CliError(
      "auth",
      `${label} '${program}' failed with exit status ${result.code}${detail}`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(result.stdout);
  } catch {
    throw new CliError("auth", `${label} '${program}' printed output that is not UTF-8`);
  }
}

/**
 * Runs a profileCommand and validates what it printed as a profile.
 * A `profileCommand` inside the output is ignored (no recursion).
 */
export async function profileFromCommand(ctx: Context, command: string): Promise<Profile> {
  const text = await runUserCommand(ctx, command, "profileCommand");
  const program = splitShellWords(command)[0];
  const where = `the output of profileCommand '${program}'`;
  if (text.trim() === "") throw new CliError("auth", `${where} is empty`);
  let value: unknown;
  try {
    value = parseJsonData(text);
  } catch {
    throw new CliError("auth", `${where} is not valid JSON`);
  }
  let profile: Profile;
  try {
    profile = await toProfile(value, where);
  } catch (e) {
    throw new CliError("auth", (e as Error).message);
  }
  const { profileCommand: _ignored, ...rest } = profile;
  return rest;
}

/** Runs an mfaOTPCommand; its trimmed stdout is the code. */
export async function otpFromCommand(ctx: Context, command: string): Promise<string> {
  const code = (await runUserCommand(ctx, command, "mfaOTPCommand")).trim();
  if (!/^\S+$/.test(code)) {
    throw new CliError("auth", "mfaOTPCommand did not print a one-time code");
  }
  return code;
}
