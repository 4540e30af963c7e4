/**
 * In-process runs of `soracom` for tests that need the real disk and child
 * processes (profile files in a temporary HOME, the stand-in `op`), with the
 * rest scripted: {@link fakeContext} with only `fs`, `run` and `runAttached`
 * taken from the real world. Tests that need neither use `fakeContext` alone.
 *
 * @module
 */

import { TEST_RELEASE_KEY } from "../../scripts/fake_releases.ts";
import { runCli } from "../../src/cli/app.ts";
import { type Context, fakeContext } from "../../src/context.ts";
import { runAttached, runChild } from "../../src/system/children.ts";
import { realFileSystem } from "../../src/system/files.ts";
import { serveHttp } from "../../src/system/serve.ts";
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
  /** Settles when the test presses Ctrl-C; by default never. */
  readonly interrupted?: Promise<string>;
  /** Whether stdout is a pretend pipe (by default a file). */
  readonly stdoutIsPiped?: boolean;
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

/** Builds a {@link TestContext}: the fake, on the real disk, with real child processes. */
export function testContext(options: TestContextOptions = {}): TestContext {
  const env = options.env ?? {};
  const fake = fakeContext({
    env,
    prompts: options.prompts,
    stdin: options.stdin,
    stderrIsTerminal: options.stderrIsTerminal,
    terminalWidth: options.terminalWidth,
    stdoutIsPiped: options.stdoutIsPiped,
    fetch: options.fetch ?? ((req) => fetch(req)),
  });
  const ctx: Context = {
    ...fake.ctx,
    now: options.now ?? (() => Date.now()),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    fs: realFileSystem(),
    // Releases signed by the tests' key (scripts/fake_releases.ts).
    releaseKeys: [TEST_RELEASE_KEY.publicKey],
    // The real disk's files are this process's user's, as in the real Context.
    userId: () => Deno.uid() ?? undefined,
    // Children see the scripted environment too (PATH with the stand-in `op`, FAKE_OP_LOG).
    run: (argv, runOptions) =>
      runChild(argv, { ...runOptions, env: { ...runOptions.env, ...env } }),
    runAttached: (argv, childEnv) => runAttached(argv, { ...env, ...childEnv }),
    serve: serveHttp,
    interrupted: () => options.interrupted ?? new Promise<string>(() => {}),
  };
  return { ctx, stdout: fake.stdout, stderr: fake.stderr, asked: fake.asked };
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
