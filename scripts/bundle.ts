/**
 * `deno task bundle`: writes `dist/soracom.js`, the whole program (the API
 * catalogue and every lazily imported command included) as one JavaScript
 * file, with `deno bundle`. It is the same program `deno compile` embeds, and
 * it runs where `deno compile`'s per-platform runtime cannot be downloaded:
 *
 * ```sh
 * deno task bundle [--output FILE]
 * deno run <the flags it prints> dist/soracom.js --version
 * ```
 *
 * The script checks the file is self-contained (no import left) and prints
 * the `deno run` command with the release permissions.
 *
 * @module
 */

import { PERMISSION_FLAGS } from "../src/permissions.ts";
import { isAbsolutePath, REPO_ROOT } from "./file_path.ts";
import { readArgs } from "./args.ts";

/**
 * Why a bundle is not self-contained (an `import` left in it), or `undefined`
 * when it is.
 *
 * @example
 * ```ts
 * bundleProblem('const m = await import("./catalog.json");'); // 'it still imports "./catalog.json"'
 * bundleProblem(' * import { x } from "y";'); // undefined: a doc comment's example
 * ```
 */
export function bundleProblem(source: string): string | undefined {
  const imports =
    /(?:^|[;\s])(?:import\s*\(\s*|import\s[^;"'`]*?from\s*|import\s*)["'`]([^"'`]+)["'`]/gm;
  for (const left of source.matchAll(imports)) {
    // An import shown in a bundled package's doc comment (` * import { x } from "y"`) is no import.
    const line = source.slice(source.lastIndexOf("\n", left.index) + 1, left.index + 1);
    if (/^\s*(?:\*|\/\/|\/\*)/.test(line)) continue;
    return `it still imports ${JSON.stringify(left[1])}`;
  }
  return undefined;
}

/**
 * Bundles `main.ts` into `output` (relative to the repository root unless absolute).
 *
 * @throws Error when `deno bundle` fails or the result is not self-contained
 */
export async function bundle(output: string): Promise<string> {
  const root = REPO_ROOT;
  const path = isAbsolutePath(output) ? output : `${root}/${output}`;
  const { code, stderr } = await new Deno.Command(Deno.execPath(), {
    args: ["bundle", "--quiet", "--platform", "deno", "--output", path, "main.ts"],
    cwd: root,
    stdin: "null",
    stdout: "inherit",
    stderr: "piped",
  }).output();
  if (code !== 0) {
    throw new Error(
      `deno bundle failed (exit ${code}): ${new TextDecoder().decode(stderr).trim()}`,
    );
  }
  const problem = bundleProblem(await Deno.readTextFile(path));
  if (problem) throw new Error(`${path} is not self-contained: ${problem}`);
  return path;
}

async function main(args: readonly string[]): Promise<void> {
  let output: string;
  try {
    output =
      readArgs(args, { output: { type: "string", default: "dist/soracom.js" } }).values.output;
  } catch (e) {
    console.error(`Error: ${(e as Error).message}`);
    console.error("usage: deno task bundle [--output FILE]");
    Deno.exit(2);
  }
  try {
    const path = await bundle(output);
    console.log(path);
    console.error(`run it with: deno run ${PERMISSION_FLAGS.join(" ")} ${output} ARGS`);
  } catch (e) {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}

if (import.meta.main) await main(Deno.args);
