/**
 * Asking on the terminal: a line from a piped stdin (the question is not
 * shown: no one is there to read it), or from the terminal (stdin, or
 * `/dev/tty` when stdin or stderr is redirected) with echo off for secrets.
 *
 * @module
 */

import { Ended, type Output } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { outputFor } from "./streams.ts";

/** One line from a pipe, read byte by byte so nothing after it is consumed; undefined at its end. */
async function readLine(input: typeof Deno.stdin): Promise<string | undefined> {
  const buf = new Uint8Array(1);
  const bytes: number[] = [];
  for (;;) {
    const n = await input.read(buf);
    if (n === null || n === 0) {
      return bytes.length > 0 ? new TextDecoder().decode(new Uint8Array(bytes)) : undefined;
    }
    if (buf[0] === 0x0a) break;
    bytes.push(buf[0]);
  }
  return new TextDecoder().decode(new Uint8Array(bytes)).replace(/\r$/, "");
}

/** Reads one line from a terminal file, optionally without echo. */
async function promptOn(
  input: Deno.FsFile | typeof Deno.stdin,
  output: Output,
  message: string,
  secret: boolean,
): Promise<string> {
  // Echo goes off before the prompt shows, so a secret typed at once is never echoed; a
  // SIGTERM or SIGHUP while it is off puts it back, and the run ends (exit 143).
  let interrupt: (e: Ended) => void = () => {};
  const interrupted = new Promise<never>((_, reject) => interrupt = reject);
  interrupted.catch(() => {});
  const restore = () => {
    input.setRaw(false);
    interrupt(new Ended(143, "a signal ended the prompt"));
  };
  const signals: Deno.Signal[] = secret && Deno.build.os !== "windows" ? ["SIGTERM", "SIGHUP"] : [];
  if (secret) input.setRaw(true);
  for (const signal of signals) Deno.addSignalListener(signal, restore);
  output.write(message);
  try {
    const buf = new Uint8Array(1);
    const bytes: number[] = [];
    while (true) {
      const n = await Promise.race([input.read(buf), interrupted]);
      if (n === null || n === 0) break;
      const c = buf[0];
      if (c === 0x0a || c === 0x0d) break;
      if (secret && c === 0x03) throw new CliError("aborted", said("aborted"));
      if (secret && c === 0x04 && bytes.length === 0) {
        throw new CliError("aborted", said("aborted"));
      }
      if (secret && c < 0x20 && c !== 0x7f && c !== 0x08) continue; // other control keys are not part of a secret
      if (secret && (c === 0x7f || c === 0x08)) {
        bytes.pop();
        continue;
      }
      bytes.push(c);
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, restore);
    if (secret) {
      input.setRaw(false);
      output.write("\n");
    }
  }
}

/** `Context.prompt` on the real terminal; `stderr` is where questions go. */
export async function prompt(
  stderr: Output,
  message: string,
  options?: { secret?: boolean; stdinOk?: boolean },
): Promise<string | undefined> {
  const secret = options?.secret ?? false;
  if (!Deno.stdin.isTerminal() && options?.stdinOk && !secret) {
    // An answer piped in (`echo y | soracom unconfigure`): nobody is there to read the question.
    return await readLine(Deno.stdin);
  }
  let tty: Deno.FsFile | undefined;
  if (!Deno.stdin.isTerminal() || !stderr.isTerminal()) {
    tty = Deno.build.os === "windows"
      ? undefined
      : await Deno.open("/dev/tty", { read: true, write: true }).catch(() => undefined);
    if (tty === undefined && !Deno.stdin.isTerminal()) return undefined;
  }
  try {
    // The question goes where the person is: stderr, or the terminal when stderr is redirected.
    const out: Output = stderr.isTerminal() || tty === undefined ? stderr : outputFor(tty);
    return await promptOn(Deno.stdin.isTerminal() ? Deno.stdin : tty!, out, message, secret);
  } finally {
    tty?.close();
  }
}
