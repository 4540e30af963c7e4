/**
 * The Context one tool call runs in: the server's, with what the command
 * prints captured instead of written (stdout is the protocol's), no stdin
 * (the protocol's too), no terminal, and questions (a login's one-time code)
 * asked through the client. Every answer from the API is seen on its way, so
 * the call can say where the next page starts.
 *
 * @module
 */

import type { Context, Output } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { redactText } from "../redact.ts";
import { hidingSecrets } from "../secrets.ts";

/** Asks the user for one line of text through the client; `undefined` when they gave none. */
export type Ask = (question: string, secret: boolean) => Promise<string | undefined>;

/** A captured run: its Context and what it printed. */
export interface Capture {
  /** The Context to run with. */
  readonly ctx: Context;
  /** What it printed on stdout. */
  stdout(): string;
  /** What it printed on stderr (every known secret already hidden). */
  stderr(): string;
  /** The headers of the last answer from the API, if any. */
  lastHeaders(): Headers | undefined;
}

function collector(sink: string[]): Output {
  const decoder = new TextDecoder();
  return {
    write: (d) => void sink.push(typeof d === "string" ? d : decoder.decode(d)),
    isTerminal: () => false,
  };
}

/**
 * A Context for one call. `ask` puts a question to the user through the
 * client; without it nobody is asked (as with no terminal).
 */
export function capture(ctx: Context, ask?: Ask): Capture {
  const out: string[] = [];
  const err: string[] = [];
  let headers: Headers | undefined;
  const callCtx: Context = {
    ...ctx,
    stdout: collector(out),
    stderr: hidingSecrets(collector(err), ctx.secrets),
    readStdin: () => Promise.reject(new CliError("usage", said("mcpBodyFromHere"))),
    stdinChunks: async function* () {},
    stdinIsTerminal: () => false,
    terminalWidth: () => undefined,
    stdoutIsPiped: () => false,
    stderrWidth: () => undefined,
    prompt: async (question, options) => await ask?.(question, options?.secret === true),
    fetch: async (request) => {
      const response = await ctx.fetch(request);
      headers = response.headers;
      return response;
    },
  };
  return {
    ctx: callCtx,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
    lastHeaders: () => headers,
  };
}

/**
 * Text fit to hand to the client: every secret the run has seen hidden by
 * value, fields named like secrets hidden by name (JSON comes back compact).
 */
export function shownToClient(ctx: Context, text: string): string {
  return ctx.secrets.hide(redactText(ctx.secrets.hide(text)));
}
