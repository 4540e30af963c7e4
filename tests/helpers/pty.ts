/**
 * Runs `soracom` inside a real pseudo-terminal (util-linux `script`) and
 * answers its prompts, as a person at a terminal would.
 *
 * @module
 */

import { DENO_DIR, MAIN } from "./run.ts";
import { requireNeeds } from "./platform.ts";
import { PERMISSION_FLAGS } from "../../src/permissions.ts";

/** What the terminal showed, and how the run ended. */
export interface PtyResult {
  readonly code: number;
  /** Everything the terminal showed (the program's stdout and stderr, and echoed input). */
  readonly screen: string;
}

/**
 * Runs `soracom ARGS` in a pseudo-terminal (from main.ts with -A, or the
 * bundle under the release permissions); for each `[prompt, answer]`, waits
 * until `prompt` is on screen, then types `answer` and Enter.
 */
export async function runInPty(
  args: readonly string[],
  env: Record<string, string>,
  dialogue: readonly (readonly [string, string])[],
  options: {
    readonly bundle?: string;
    /** The terminal's width (else whatever `script` gives it). */
    readonly columns?: number;
    /** The folder it runs in. */
    readonly cwd?: string;
    /** Shell text after the command, e.g. `> FILE` or `| cat`: stdout goes there. */
    readonly stdout?: string;
  } = {},
): Promise<PtyResult> {
  requireNeeds("runInPty", "script");
  const quote = (a: string) => `'${a.replaceAll("'", `'"'"'`)}'`;
  const quoted = args.map(quote).join(" ");
  // The bundle runs as a release does, with exactly the release permissions.
  const program = options.bundle
    ? `--no-config --no-lock --no-npm --no-remote ${
      PERMISSION_FLAGS.map(quote).join(" ")
    } "${options.bundle}"`
    : `-A "${MAIN}"`;
  const width = options.columns ? `stty cols ${options.columns}; ` : "";
  const command = `${width}"${Deno.execPath()}" run --quiet ${program} ${quoted} ${
    options.stdout ?? ""
  }`;
  const child = new Deno.Command("script", {
    args: ["-qec", command, "/dev/null"],
    env: { DENO_DIR, TERM: "dumb", ...env },
    cwd: options.cwd,
    stdin: "piped",
    stdout: "piped",
    stderr: "null",
  }).spawn();
  const writer = child.stdin.getWriter();
  const reader = child.stdout.getReader();
  const decoder = new TextDecoder();
  let screen = "";
  let seen = 0;
  for (const [prompt, answer] of dialogue) {
    while (screen.indexOf(prompt, seen) < 0) {
      const { value, done } = await reader.read();
      if (done) {
        throw new Error(`the prompt ${JSON.stringify(prompt)} never came; screen: ${screen}`);
      }
      screen += decoder.decode(value);
    }
    seen = screen.indexOf(prompt, seen) + prompt.length;
    await writer.write(new TextEncoder().encode(`${answer}\r`));
  }
  await writer.close();
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    screen += decoder.decode(value);
  }
  return { code: (await child.status).code, screen };
}
