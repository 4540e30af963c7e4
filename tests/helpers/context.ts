/**
 * A {@link Context} for in-process tests: the real file system and child
 * processes, with environment, streams, clock, prompts and stdin scripted.
 *
 * @module
 */

import { runCli } from "../../src/cli/app.ts";
import { type Context, realContext } from "../../src/context.ts";
import type { RunResult } from "./run.ts";

/** What a test can set. */
export interface TestContextOptions {
  readonly env?: Record<string, string>;
  readonly now?: () => number;
  /** Answers for prompts, in order; `undefined` means "no terminal". */
  readonly prompts?: string[];
  readonly stdin?: string;
  readonly stderrIsTerminal?: boolean;
  readonly fetch?: (req: Request) => Promise<Response>;
  readonly sleep?: (ms: number) => Promise<void>;
  /** Columns of a pretend terminal on stdout; none (not a terminal) by default. */
  readonly terminalWidth?: number;
}

/** A test context plus what it captured. */
export interface TestContext {
  readonly ctx: Context;
  stdout(): string;
  stderr(): string;
  /** The prompts that were shown. */
  readonly asked: string[];
}

/** A JSON response, as a fake `fetch` gives it. */
export function jsonResponse(body: string, headers: Record<string, string> = {}): Response {
  return new Response(body, { headers: { "content-type": "application/json", ...headers } });
}

/** Builds a {@link TestContext}. */
export function testContext(options: TestContextOptions = {}): TestContext {
  const real = realContext();
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const decoder = new TextDecoder();
  const capture = (sink: string[], terminal: boolean) => ({
    write: (d: string | Uint8Array) => {
      sink.push(typeof d === "string" ? d : decoder.decode(d));
    },
    isTerminal: () => terminal,
  });
  const prompts = options.prompts === undefined ? undefined : [...options.prompts];
  const env = options.env ?? {};
  const ctx: Context = {
    ...real,
    env: (name) => env[name],
    stdout: capture(out, false),
    stderr: capture(err, options.stderrIsTerminal ?? false),
    readStdin: () => Promise.resolve(new TextEncoder().encode(options.stdin ?? "")),
    stdinIsTerminal: () => false,
    terminalWidth: () => options.terminalWidth,
    prompt: (message) => {
      asked.push(message);
      return Promise.resolve(prompts?.shift());
    },
    fetch: options.fetch ?? real.fetch,
    now: options.now ?? real.now,
    sleep: options.sleep ?? real.sleep,
    homeDir: () => env.HOME,
    // Children see the scripted environment too (PATH with the stand-in `op`, FAKE_OP_LOG).
    run: (argv, runOptions) =>
      real.run(argv, { ...runOptions, env: { ...runOptions.env, ...env } }),
    runAttached: (argv, childEnv) => real.runAttached(argv, { ...env, ...childEnv }),
  };
  return { ctx, stdout: () => out.join(""), stderr: () => err.join(""), asked };
}

/** Runs `soracom ARGS` in process, in a {@link testContext} built from `options`. */
export async function runInProcess(
  args: readonly string[],
  options: TestContextOptions = {},
): Promise<RunResult> {
  const t = testContext(options);
  const code = await runCli(args, t.ctx);
  return { code, stdout: t.stdout(), stderr: t.stderr() };
}
