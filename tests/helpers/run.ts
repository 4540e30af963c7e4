/**
 * Runs `main.ts` in a child process, as a user would, with a clean
 * environment (only what the test passes, plus PATH and HOME).
 *
 * @module
 */

import { requireNeeds } from "./platform.ts";
import { installFakeOp as installOp } from "../../scripts/fake_op.ts";
import { TEST_OP_ITEMS } from "./accounts.ts";

/** The path of main.ts. */
export const MAIN = new URL("../../main.ts", import.meta.url).pathname;

/** Deno's module cache, which a child must be given when a test sets its HOME. */
export const DENO_DIR: string = Deno.env.get("DENO_DIR") ?? denoDir();

/** Deno's own cache folder, as `deno info` reports it (it differs by system). */
function denoDir(): string {
  const out = new Deno.Command(Deno.execPath(), { args: ["info", "--json"], stderr: "null" })
    .outputSync();
  try {
    return String(JSON.parse(new TextDecoder().decode(out.stdout)).denoDir ?? "");
  } catch {
    return "";
  }
}

/**
 * What the child needs from this environment whatever HOME a test sets: Deno's
 * module cache (it defaults to a folder under HOME), and how the registry is reached.
 */
function passThrough(): Record<string, string> {
  const env: Record<string, string> = { PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin" };
  env.DENO_DIR = DENO_DIR;
  for (const [k, v] of Object.entries(Deno.env.toObject())) {
    if (/^(DENO_|NPM_CONFIG_|SSL_CERT_|https?_proxy$|HTTPS?_PROXY$|NO_PROXY$|no_proxy$)/.test(k)) {
      env[k] = v;
    }
  }
  return env;
}

/** What a run printed and returned. */
export interface RunResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs `soracom ARGS`. */
export async function runSoracom(
  args: readonly string[],
  options: { env?: Record<string, string>; stdin?: string; killAfterMs?: number; cwd?: string } =
    {},
): Promise<RunResult> {
  requireNeeds("runSoracom", "setsid");
  // setsid: no controlling terminal, so a prompt can never wait for the person running the tests.
  const child = new Deno.Command("setsid", {
    args: ["-w", Deno.execPath(), "run", "--allow-all", "--quiet", MAIN, ...args],
    env: { ...passThrough(), NO_COLOR: "1", ...options.env },
    clearEnv: true,
    cwd: options.cwd,
    stdin: options.stdin === undefined ? "null" : "piped",
    stdout: "piped",
    stderr: "piped",
  }).spawn();
  if (options.stdin !== undefined) {
    const writer = child.stdin.getWriter();
    await writer.write(new TextEncoder().encode(options.stdin));
    await writer.close();
  }
  // A guard against a hang (not a timing assertion): a run that never ends is killed and fails.
  const guard = setTimeout(() => child.kill("SIGKILL"), options.killAfterMs ?? 120_000);
  const { code, stdout, stderr } = await child.output().finally(() => clearTimeout(guard));
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

export { tempDir, writeProfile } from "../../scripts/profile_files.ts";
export { opRuns } from "../../scripts/fake_op.ts";

/**
 * Puts a stand-in `op` (1Password CLI) knowing the tests' accounts into
 * `dir/bin` and returns a PATH with it first. Each run of `op` is logged to
 * `dir/op.log`.
 */
export function installFakeOp(dir: string): Promise<{ path: string; log: string }> {
  requireNeeds("installFakeOp", "/bin/sh");
  return installOp(dir, TEST_OP_ITEMS);
}
