/**
 * The program as one bundled file, run as the release runs it: with exactly
 * the release permission flags (`src/permissions.ts`), no config, lock, npm
 * or remote modules. One bundle per test file that asks for it.
 *
 * @module
 */

import { bundle } from "../../scripts/bundle.ts";
import { PERMISSION_FLAGS } from "../../src/permissions.ts";
import { RELEASE_PUBLIC_KEYS } from "../../src/update/release_key.ts";
import { TEST_RELEASE_KEY } from "../../scripts/fake_releases.ts";
import { DENO_DIR, type RunResult, tempDir } from "./run.ts";
import { systemEnv } from "./platform.ts";

/** One bundle for the whole file, in a folder of its own (no deno.json beside it). */
let bundled: Promise<string> | undefined;
export function bundlePath(): Promise<string> {
  bundled ??= (async () => {
    const dir = await tempDir();
    globalThis.addEventListener("unload", () => Deno.removeSync(dir, { recursive: true }));
    return await bundle(`${dir}/soracom.js`);
  })();
  return bundled;
}

/**
 * The bundle with the tests' release key in place of the built-in one, so a
 * release signed in a test is trusted: self-update's whole path, as shipped,
 * under the release permissions. (Only the key's text differs.)
 */
export async function testKeyBundlePath(): Promise<string> {
  const file = await bundlePath();
  const text = await Deno.readTextFile(file);
  const builtIn = RELEASE_PUBLIC_KEYS[0];
  if (!text.includes(builtIn)) throw new Error("the bundle does not hold the built-in release key");
  const copy = file.replace(/\.js$/, ".test-key.js");
  await Deno.writeTextFile(copy, text.replaceAll(builtIn, TEST_RELEASE_KEY.publicKey));
  return copy;
}

/**
 * The command line that runs the bundle as a release runs (its permission
 * flags, no config): for a child that starts `soracom` itself (`exec`, a
 * shell), or a test that spawns it.
 */
export async function bundleArgv(): Promise<string[]> {
  return [
    Deno.execPath(),
    "run",
    "--quiet",
    "--no-config",
    ...PERMISSION_FLAGS,
    await bundlePath(),
  ];
}

/**
 * `deno run FLAGS soracom.js ARGS` from the bundle's folder, without the
 * project's config, npm or remote modules (so only the file itself can run),
 * with a clean environment.
 */
/** `deno run --quiet --no-prompt ARGS` with only `env` (and PATH, DENO_DIR) set. */
export async function denoRun(
  args: readonly string[],
  env: Record<string, string>,
  cwd?: string,
): Promise<RunResult> {
  const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["run", "--quiet", "--no-prompt", ...args],
    cwd,
    env: {
      ...systemEnv(),
      PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
      DENO_DIR,
      NO_COLOR: "1",
      ...env,
    },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const decoder = new TextDecoder();
  return { code, stdout: decoder.decode(stdout), stderr: decoder.decode(stderr) };
}

export async function runBundle(
  args: readonly string[],
  env: Record<string, string>,
  flags: readonly string[] = PERMISSION_FLAGS,
  file?: string,
): Promise<RunResult> {
  file ??= await bundlePath();
  return await denoRun(
    ["--no-config", "--no-lock", "--no-npm", "--no-remote", ...flags, file, ...args],
    env,
    file.slice(0, file.lastIndexOf("/")),
  );
}

/** A running `soracom emulator` (the bundle's, under the release permissions) and its URL. */
export interface BundledEmulator extends AsyncDisposable {
  readonly url: string;
  readonly child: Deno.ChildProcess;
  /** Everything it printed on stdout so far. */
  output(): string;
}

/**
 * Starts the bundle's `soracom emulator ARGS` (on a free port unless ARGS say) and waits for
 * its first lines. Disposing of it stops it with Ctrl-C (SIGINT).
 */
export async function startBundledEmulator(args: readonly string[]): Promise<BundledEmulator> {
  const file = await bundlePath();
  const child = new Deno.Command(Deno.execPath(), {
    args: [
      "run",
      "--quiet",
      "--no-prompt",
      "--no-config",
      "--no-lock",
      "--no-npm",
      "--no-remote",
      ...PERMISSION_FLAGS,
      file,
      "emulator",
      "--port",
      "0",
      ...args,
    ],
    env: { ...systemEnv(), PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin", DENO_DIR, NO_COLOR: "1" },
    clearEnv: true,
    stdin: "null",
    stdout: "piped",
    stderr: "inherit",
  }).spawn();
  let text = "";
  const reader = child.stdout.pipeThrough(new TextDecoderStream()).getReader();
  const reading = (async () => {
    for (let r = await reader.read(); !r.done; r = await reader.read()) text += r.value;
  })();
  // A guard against a hang (not a timing assertion): give up after about 30 s.
  for (let i = 0; i < 3000 && !/Ctrl-C/.test(text); i++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(text)?.[1];
  if (url === undefined) {
    child.kill("SIGKILL");
    throw new Error(`the emulator did not start: ${text}`);
  }
  return {
    url,
    child,
    output: () => text,
    async [Symbol.asyncDispose]() {
      try {
        child.kill("SIGINT");
      } catch { /* already gone */ }
      await child.status;
      await reading;
    },
  };
}
