/**
 * The error kinds `soracom` reports, their one-line messages and exit codes.
 *
 * Every failure a user can cause or meet is a {@link CliError}: `main.ts` prints
 * `Error: MESSAGE` on stderr and exits with the kind's code. Anything else that
 * escapes is a bug and is reported as `internal`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { CliError } from "./errors.ts";
 *
 * const e = new CliError("usage", "required parameter 'imsi' is not specified");
 * assert.equal(e.exitCode, 2);
 * ```
 *
 * @module
 */

import { type Lang, render, type Said } from "./messages.ts";
import { escapeControls } from "./terminal_text.ts";

/** What went wrong, in the user's terms. Each kind has its own exit code. */
export type ErrorKind =
  | "usage"
  | "config"
  | "auth"
  | "api"
  | "network"
  | "permission"
  | "limit"
  | "aborted"
  | "internal";

/**
 * Exit codes by kind (documented in README.md). soracom-cli exits 255 for every
 * error; scripts that test for non-zero keep working.
 */
export const EXIT_CODES: Readonly<Record<ErrorKind, number>> = {
  aborted: 1,
  usage: 2,
  config: 3,
  auth: 4,
  api: 5,
  network: 6,
  permission: 7,
  limit: 8,
  internal: 70,
};

/** An expected failure with a one-line message for the user. */
export class CliError extends Error {
  /** What kind of failure it is (it decides the exit code). */
  readonly kind: ErrorKind;
  /** HTTP status for `api` errors. */
  readonly status?: number;
  /** What to do about it: printed on its own line after the error. */
  readonly hint?: string;
  /** The message by key, so it can be printed in the user's language (`message` is English). */
  readonly said?: Said;

  /** An error of `kind`, said in our words (`said(...)`) or as a plain string. */
  constructor(
    kind: ErrorKind,
    message: string | Said,
    options?: { cause?: unknown; status?: number; hint?: string },
  ) {
    const text = typeof message === "string" ? message : render(message, "en");
    super(text, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = "CliError";
    this.kind = kind;
    this.status = options?.status;
    this.hint = options?.hint;
    if (typeof message !== "string") this.said = message;
  }

  /** The message in `lang`. */
  textIn(lang: Lang): string {
    return this.said ? render(this.said, lang) : this.message;
  }

  /** The process exit code for this error. */
  get exitCode(): number {
    return EXIT_CODES[this.kind];
  }
}

/**
 * Turns any message into one line, so no error can print a multi-line dump,
 * and shows control characters (C0 but tab, DEL, C1) as `\xNN`: a server's
 * or a command's text must not move the cursor, clear the screen or set the
 * terminal's title.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { oneLine } from "./errors.ts";
 *
 * assert.equal(oneLine("bad\n  thing \x1b]0;pwned\x07"), "bad thing \\x1b]0;pwned\\x07");
 * ```
 */
export function oneLine(message: string): string {
  return escapeControls(message.replace(/\s*[\r\n]+\s*/g, " ").trim());
}

/** Cuts text to `max` characters, marking the cut. */
export function excerpt(text: string, max = 200): string {
  const flat = oneLine(text);
  return flat.length > max ? `${flat.slice(0, max)}…` : flat;
}
