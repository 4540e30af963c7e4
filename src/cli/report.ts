/**
 * How an error reaches the user: one `Error: …` line in their language (and a
 * `hint:` line when the error has one), and the exit code of its kind. Loaded
 * by the dispatcher (`app.ts`) only when a run fails.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError, EXIT_CODES, oneLine } from "../errors.ts";
import { messages, said } from "../messages.ts";
import { stderrLine as shown } from "../output/stderr.ts";

/**
 * The one-line message for an error, and its hint line if any (no final
 * newline), each wrapped to the terminal on one. Anything that is not a
 * {@link CliError} is a bug of ours, said as such; `SORACOM_VERBOSE` adds its
 * stack.
 */
export function errorLine(exc: unknown, ctx: Context): string {
  const { lang } = ctx;
  const m = messages(lang);
  if (exc instanceof CliError) {
    const line = shown(ctx, `Error: ${oneLine(exc.textIn(lang))}`);
    return exc.hint ? `${line}\n${shown(ctx, `${m.hint}: ${oneLine(exc.hint)}`)}` : line;
  }
  const message = exc instanceof Error ? exc.message : String(exc);
  // This runs while reporting another error: it must not throw one of its own.
  let verbose: string | undefined;
  try {
    verbose = ctx.env("SORACOM_VERBOSE");
  } catch {
    verbose = undefined;
  }
  const detail = verbose && exc instanceof Error && exc.stack ? `${exc.stack}\n` : "";
  return `${detail}${shown(ctx, `Error: ${m.unexpectedError(oneLine(message))}`)}`;
}

/**
 * A missing Deno permission, on `exc` or one of its causes (the API client wraps
 * fetch errors), as one line naming the flag to add. `deno run` says "run again
 * with the --allow-net flag" and a compiled executable names the `deno compile`
 * flag; either way the message carries the flag. An OS "permission denied" has
 * no flag and stays as it is.
 */
export function permissionError(exc: unknown): CliError | undefined {
  let e: unknown = exc;
  for (let depth = 0; e instanceof Error && depth < 8; depth++, e = e.cause) {
    if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
      const match = /(--allow-[a-z]+)/.exec(e.message);
      if (!match) return;
      return new CliError(
        "permission",
        said("needsPermission", match[1], oneLine(e.message.split(",")[0])),
      );
    }
  }
  return;
}

/** The error as the user should see it: a missing permission said as one, else as it is. */
export function asReported(exc: unknown): unknown {
  return permissionError(exc) ?? exc;
}

/** The exit code for an error that ended the run (see `EXIT_CODES`). */
export function exitCodeOf(exc: unknown): number {
  const err = asReported(exc);
  return err instanceof CliError ? err.exitCode : EXIT_CODES.internal;
}
