/**
 * The real world, for `main.ts`: the {@link Context} whose effects reach the
 * OS. Each kind of effect has its own file here; tests use the in-memory
 * `fakeContext` of `../context.ts` instead.
 *
 * @module
 */

import { type Context, detectLang } from "../context.ts";
import { readCapped, realFileSystem } from "./files.ts";
import { isPiped, outputFor } from "./streams.ts";
import { fetchDirectToLoopback } from "./network.ts";
import { interrupted, serveHttp } from "./serve.ts";
import { hidingSecrets, KnownSecrets } from "../secrets.ts";
import { safeOnTerminal } from "../terminal_text.ts";

// Child processes and prompts are loaded when first used: most commands need neither.
const children = () => import("./children.ts");
const terminal = () => import("./terminal.ts");

/** The width of the terminal `stream` is, or `undefined` when it is none. */
function columnsOf(stream: { isTerminal(): boolean }): number | undefined {
  if (!stream.isTerminal()) return undefined;
  try {
    // A pseudo-terminal may have no size (0): as good as unknown.
    return Deno.consoleSize().columns || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The Context of this process: its environment, streams, terminal, network,
 * clock, files and child processes.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { realContext } from "./real.ts";
 *
 * const ctx = realContext();
 * assert.equal(typeof ctx.now(), "number");
 * ```
 */
export function realContext(): Context {
  const secrets = new KnownSecrets();
  // On a terminal, what comes from outside cannot drive it (control characters shown escaped).
  const stderr = hidingSecrets(safeOnTerminal(outputFor(Deno.stderr)), secrets);
  const env = (name: string) => Deno.env.get(name);
  return {
    env,
    lang: detectLang(env),
    stdout: safeOnTerminal(outputFor(Deno.stdout)),
    stderr,
    secrets,
    readStdin: (max) => readCapped(Deno.stdin, max),
    stdinChunks: () => Deno.stdin.readable,
    stdinIsTerminal: () => Deno.stdin.isTerminal(),
    stdoutIsPiped: () => !Deno.stdout.isTerminal() && isPiped("/dev/stdout"),
    terminalWidth: () => columnsOf(Deno.stdout),
    stderrWidth: () => columnsOf(Deno.stderr),
    prompt: async (message, options) => (await terminal()).prompt(stderr, message, options),
    fetch: fetchDirectToLoopback((name) => Deno.env.get(name)),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fs: realFileSystem(),
    homeDir: () => Deno.build.os === "windows" ? Deno.env.get("USERPROFILE") : Deno.env.get("HOME"),
    userId: () => Deno.uid() ?? undefined,
    run: async (argv, options) => (await children()).runChild(argv, options),
    runAttached: async (argv, env) => (await children()).runAttached(argv, env),
    serve: serveHttp,
    interrupted,
    os: Deno.build.os,
    arch: Deno.build.arch,
    executable: {
      path: async () => Deno.build.standalone ? await Deno.realPath(Deno.execPath()) : undefined,
      rename: (from, to) => Deno.rename(from, to),
    },
  };
}
