/**
 * Runs `main.ts` in a child process, as a user would, with a clean
 * environment (only what the test passes, plus PATH and HOME).
 *
 * @module
 */

import { requireNeeds } from "./platform.ts";

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
  options: { env?: Record<string, string>; stdin?: string; killAfterMs?: number } = {},
): Promise<RunResult> {
  requireNeeds("runSoracom", "setsid");
  // setsid: no controlling terminal, so a prompt can never wait for the person running the tests.
  const child = new Deno.Command("setsid", {
    args: ["-w", Deno.execPath(), "run", "--allow-all", "--quiet", MAIN, ...args],
    env: { ...passThrough(), NO_COLOR: "1", ...options.env },
    clearEnv: true,
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

/** A fresh temporary folder (mode 0700) for profiles and sessions. */
export async function tempDir(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "soracom-test-" });
  if (Deno.build.os !== "windows") await Deno.chmod(dir, 0o700);
  return dir;
}

/** Writes a profile file with mode 0600. */
export async function writeProfile(dir: string, name: string, content: unknown): Promise<string> {
  const path = `${dir}/${name}.json`;
  await Deno.writeTextFile(path, typeof content === "string" ? content : JSON.stringify(content), {
    mode: 0o600,
  });
  if (Deno.build.os !== "windows") await Deno.chmod(path, 0o600);
  return path;
}

const FAKE_OP = new URL("../fake_soracom/fake_op.ts", import.meta.url).pathname;

/**
 * Puts a stand-in `op` (1Password CLI) into `dir/bin` and returns a PATH with
 * it first. Each run of `op` is logged to `dir/op.log`.
 */
export async function installFakeOp(dir: string): Promise<{ path: string; log: string }> {
  requireNeeds("installFakeOp", "/bin/sh");
  const bin = `${dir}/bin`;
  await Deno.mkdir(bin, { recursive: true });
  const script =
    `#!/bin/sh\nexec "${Deno.execPath()}" run --quiet --allow-env --allow-read --allow-write "${FAKE_OP}" "$@"\n`;
  await Deno.writeTextFile(`${bin}/op`, script, { mode: 0o755 });
  await Deno.chmod(`${bin}/op`, 0o755);
  return { path: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`, log: `${dir}/op.log` };
}

/** How many times the stand-in `op` ran. */
export async function opRuns(log: string): Promise<number> {
  try {
    return (await Deno.readTextFile(log)).split("\n").filter((l) => l !== "").length;
  } catch {
    return 0;
  }
}
