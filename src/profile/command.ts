/**
 * Runs a profileCommand (or an mfaOTPCommand): argv from shell words, no shell,
 * the user's terminal on stdin and stderr so a password manager can prompt,
 * stdout captured up to 1 MiB, stopped after `SORACOM_PROFILE_COMMAND_TIMEOUT`
 * seconds (default 120). Errors name the program and its exit status, never
 * its stdout: that may hold secrets.
 *
 * @module
 */

import { parseJsonData } from "../json/mod.ts";
import type { Context } from "../context.ts";
import { CliError, excerpt } from "../errors.ts";
import { escapeControls } from "../terminal_text.ts";
import { messages, type Said, said } from "../messages.ts";
import { redactText } from "../redact.ts";
import type { Profile } from "./schema.ts";
import { toProfile } from "./schema.ts";
import { splitShellWords } from "./shell_words.ts";

/** stdout beyond this is refused. */
const MAX_COMMAND_OUTPUT_BYTES = 1024 * 1024;
const DEFAULT_TIMEOUT_SECONDS = 120;

function timeoutMs(ctx: Context): number {
  const raw = ctx.env("SORACOM_PROFILE_COMMAND_TIMEOUT");
  if (raw === undefined || raw === "") return DEFAULT_TIMEOUT_SECONDS * 1000;
  const seconds = Number(raw);
  if (!Number.isFinite(seconds) || seconds <= 0) {
    throw new CliError("config", said("commandTimeoutSetting", JSON.stringify(raw)));
  }
  return seconds * 1000;
}

/** How much of a failed command's stderr is shown. */
const STDERR_TAIL_BYTES = 2048;

/**
 * The last lines of what a command wrote on stderr (at most
 * {@link STDERR_TAIL_BYTES}, whole lines), secrets redacted and control
 * characters shown escaped; `undefined` when it wrote nothing.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(stderrTail(new TextEncoder().encode("jq: command not found\n")), "jq: command not found");
 * ```
 */
export function stderrTail(bytes: Uint8Array | undefined): string | undefined {
  if (bytes === undefined) return undefined;
  // Redacted whole, before any cut could part a secret from the name that marks it.
  let text = redactText(new TextDecoder().decode(bytes).replace(/\r\n?/g, "\n").trimEnd());
  if (text.length > STDERR_TAIL_BYTES) {
    text = text.slice(-STDERR_TAIL_BYTES);
    const cut = text.indexOf("\n");
    if (cut >= 0 && cut < text.length - 1) text = text.slice(cut + 1);
  }
  text = escapeControls(text);
  return text.trim() === "" ? undefined : text;
}

/** A command's run: stdout as text, and its captured stderr (none when it went to the terminal). */
interface UserCommandRun {
  readonly text: string;
  readonly stderr?: Uint8Array;
}

/**
 * Shows what a failed command wrote on stderr, when it was captured (stderr
 * is not a terminal, so the user has not seen it), before the error itself;
 * each line once. With `quoted`, the error quotes the last line, which is
 * returned and not shown here (a single line goes in the error alone).
 */
function showStderr(
  ctx: Context,
  label: string,
  program: string,
  stderr: Uint8Array | undefined,
  quoted = false,
): string {
  const tail = stderrTail(stderr);
  if (tail === undefined) return "";
  const lines = tail.split("\n");
  const last = quoted ? excerpt(lines.pop()!, 200) : "";
  if (lines.length > 0) {
    const head = messages(ctx.lang).commandStderrTail(label, program);
    ctx.stderr.write(`${head}\n${lines.map((l) => `  | ${l}`).join("\n")}\n`);
  }
  return last;
}

/** Words of a shell that start its script but are not the program that does the work. */
const SHELL_BUILTINS: ReadonlySet<string> = new Set([
  "trap",
  "set",
  "cd",
  "export",
  "unset",
  "umask",
  "ulimit",
  "eval",
  ".",
  "source",
]);

/** Shells whose `-c` script names the program that does the work. */
const SHELL = /^(?:.*\/)?(?:sh|bash|dash|zsh|ksh|ash)$/;

/**
 * The program a command runs, as the user knows it: the first of a shell's
 * script (`/bin/sh -c "op item get x | jq ..."` runs `op`), else the first
 * word.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { programOf } from "./command.ts";
 *
 * assert.equal(programOf(["/bin/sh", "-c", "op item get x --format json | jq ."]), "op");
 * assert.equal(programOf(["bw", "get", "item", "x"]), "bw");
 * ```
 */
export function programOf(argv: readonly string[]): string {
  const at = argv.indexOf("-c");
  if (SHELL.test(argv[0]) && at > 0 && at + 1 < argv.length) {
    try {
      const words = splitShellWords(argv[at + 1]);
      while (words.length > 1 && /^[A-Za-z_][A-Za-z0-9_]*=|^(?:exec|command)$/.test(words[0])) {
        words.shift();
      }
      // A program's name, not shell syntax (`( sleep 9 & )`) nor a builtin (`trap "" HUP; ...`).
      if (/^[\w./+-]+$/.test(words[0] ?? "") && !SHELL_BUILTINS.has(words[0])) return words[0];
    } catch { /* not plain words: the shell is the program */ }
  }
  return argv[0];
}

/** The program a shell could not find, from what it said on stderr (exit status 127). */
function missingProgram(stderr: Uint8Array | undefined): string | undefined {
  const text = new TextDecoder().decode(stderr ?? new Uint8Array());
  const found = /(?:^|: )([^\s:]+): (?:command )?not found/m.exec(text) ??
    /command not found: (\S+)/.exec(text);
  return found?.[1];
}

/**
 * Runs `command`: its stdout as text, and its stderr when it was captured.
 *
 * @param label how errors name it, e.g. "profileCommand"
 */
async function runUserCommand(
  ctx: Context,
  command: string,
  label: string,
): Promise<UserCommandRun> {
  let argv: string[];
  try {
    argv = splitShellWords(command);
  } catch (e) {
    throw new CliError("config", said("commandSplit", label, (e as Error).message));
  }
  const program = programOf(argv);
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
      throw new CliError("config", said("commandNotFound", label, program));
    }
    if (e instanceof CliError) {
      const stop = e.said?.key === "timedOut"
        ? said("commandTimedOut", label, program, e.said.args[0] as number)
        : e.said?.key === "outputTooLarge"
        ? said("commandTooMuchOutput", label, program, e.said.args[0] as number)
        : said("commandStopped", label, program, e.message);
      throw new CliError("auth", stop);
    }
    if (e instanceof Deno.errors.PermissionDenied) {
      throw new CliError("config", said("commandCannotRun", label, program));
    }
    throw e;
  }
  if (result.code !== 0) {
    const missing = result.code === 127 ? missingProgram(result.stderr) : undefined;
    if (missing !== undefined) {
      throw new CliError("config", said("commandNotFound", label, missing));
    }
    const last = showStderr(ctx, label, program, result.stderr, true);
    throw new CliError("auth", said("commandFailed", label, program, result.code, last));
  }
  try {
    return {
      text: new TextDecoder("utf-8", { fatal: true }).decode(result.stdout),
      stderr: result.stderr,
    };
  } catch {
    showStderr(ctx, label, program, result.stderr);
    throw new CliError("auth", said("commandNotUtf8", label, program));
  }
}

/**
 * Runs a profileCommand and validates what it printed as a profile.
 * A `profileCommand` inside the output is ignored (no recursion).
 */
export async function profileFromCommand(ctx: Context, command: string): Promise<Profile> {
  const { text, stderr } = await runUserCommand(ctx, command, "profileCommand");
  const program = programOf(splitShellWords(command));
  const where = `profileCommand '${program}'`;
  // It exited 0 but printed nothing useful: what it said on stderr usually tells why.
  const refuse = (message: string | Said) => {
    showStderr(ctx, "profileCommand", program, stderr);
    return new CliError("auth", message);
  };
  if (text.trim() === "") throw refuse(said("commandOutputEmpty", program));
  let value: unknown;
  try {
    value = parseJsonData(text);
  } catch {
    throw refuse(said("commandOutputNotJson", program));
  }
  let profile: Profile;
  try {
    profile = await toProfile(value, where);
  } catch (e) {
    throw refuse((e as Error).message);
  }
  const { profileCommand: _ignored, ...rest } = profile;
  return rest;
}

/** Runs an mfaOTPCommand; its trimmed stdout is the code (checked by the login). */
export async function otpFromCommand(ctx: Context, command: string): Promise<string> {
  const { text, stderr } = await runUserCommand(ctx, command, "mfaOTPCommand");
  const code = text.trim();
  if (code === "") {
    showStderr(ctx, "mfaOTPCommand", programOf(splitShellWords(command)), stderr);
    throw new CliError("auth", said("otpCommandEmpty"));
  }
  return code;
}
