/**
 * `deno task install` / `deno task uninstall`: a `soracom` command from a
 * checkout, through `deno install -g` with exactly the release's permissions
 * (`src/permissions.ts`) and the flag that loads modules when imported, as the
 * executables do. It runs this checkout's `main.ts`, so a `git pull` updates it.
 *
 * ```sh
 * deno task install                 # into Deno's bin folder (~/.deno/bin)
 * deno task install --root DIR      # into DIR/bin
 * deno task uninstall [--root DIR]
 * ```
 *
 * @module
 */

import { PERMISSION_FLAGS, SOURCE_RUN_FLAGS } from "../src/permissions.ts";
import { REPO_ROOT } from "./file_path.ts";
import { readArgs } from "./args.ts";

/** The `deno install` arguments for `soracom` (into `root`/bin when given). */
export function installArgs(root?: string): string[] {
  return [
    "install",
    "--global",
    "--force",
    "--name",
    "soracom",
    ...(root ? ["--root", root] : []),
    "--config",
    `${REPO_ROOT}/deno.json`,
    ...PERMISSION_FLAGS,
    ...SOURCE_RUN_FLAGS,
    `${REPO_ROOT}/main.ts`,
  ];
}

/** The `deno uninstall` arguments. */
export function uninstallArgs(root?: string): string[] {
  return ["uninstall", "--global", ...(root ? ["--root", root] : []), "soracom"];
}

/**
 * The folder `deno install -g` puts commands in: `root`/bin, else
 * `$DENO_INSTALL_ROOT/bin`, else `~/.deno/bin`.
 */
export function binDir(
  root: string | undefined,
  env: (name: string) => string | undefined,
  windows = Deno.build.os === "windows",
): string {
  const home = env(windows ? "USERPROFILE" : "HOME") ?? "";
  return `${root ?? env("DENO_INSTALL_ROOT") ?? `${home}/.deno`}/bin`;
}

/** Whether `soracom` is installed in `bin` (a script, or `soracom.cmd` on Windows). */
async function installedIn(bin: string): Promise<boolean> {
  for (const name of ["soracom", "soracom.cmd"]) {
    if (await Deno.lstat(`${bin}/${name}`).then(() => true, () => false)) return true;
  }
  return false;
}

if (import.meta.main) {
  let uninstall: boolean, root: string | undefined;
  try {
    const { values } = readArgs(Deno.args, {
      uninstall: { type: "boolean", default: false },
      root: { type: "string" },
    });
    if (values.root === "") throw new Error("--root needs a value");
    ({ uninstall, root } = values);
  } catch (e) {
    console.error(`Error: ${(e as Error).message}`);
    console.error("usage: deno task install [--root DIR]  |  deno task uninstall [--root DIR]");
    Deno.exit(2);
  }
  const bin = binDir(root, (name) => Deno.env.get(name));
  if (uninstall && !await installedIn(bin)) {
    // One line, not `deno uninstall`'s error (and its backtrace under RUST_BACKTRACE).
    console.error(`soracom is not installed in ${bin}: nothing to uninstall`);
    Deno.exit(1);
  }
  const { code } = await new Deno.Command(Deno.execPath(), {
    args: uninstall ? uninstallArgs(root) : installArgs(root),
    env: { RUST_BACKTRACE: "0" },
    stdout: "inherit",
    stderr: "inherit",
  }).output();
  if (code === 0 && !uninstall) {
    console.error(
      "\nsoracom is installed. Tab completion: add to ~/.bashrc (or see 'soracom completion --help')\n" +
        '  eval "$(soracom completion bash)"',
    );
  }
  Deno.exit(code);
}
