/**
 * Putting a new executable in place of the running one, so that the file is
 * either the old or the new executable, never a mix.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";

/**
 * The folder, the name and the separator of `path` (either separator counts,
 * for Windows paths).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { splitPath } from "./replace.ts";
 *
 * assert.deepEqual(splitPath("C:\\bin\\soracom.exe"), { dir: "C:\\bin", base: "soracom.exe", sep: "\\" });
 * assert.deepEqual(splitPath("/soracom"), { dir: "/", base: "soracom", sep: "/" });
 * assert.deepEqual(splitPath("soracom"), { dir: ".", base: "soracom", sep: "/" });
 * ```
 */
export function splitPath(path: string): { dir: string; base: string; sep: string } {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const sep = slash >= 0 ? path[slash] : "/";
  return {
    dir: slash >= 0 ? path.slice(0, slash) || sep : ".",
    base: slash >= 0 ? path.slice(slash + 1) : path,
    sep,
  };
}

/**
 * Replaces the file at `target` with `data` (mode 0755): a temp file in the
 * same folder, fsync, then a rename over the target. Windows refuses to
 * overwrite a running executable but lets it be renamed, so there the old one
 * is first moved aside (and moved back if the new one cannot be put in place);
 * leftovers from an earlier update are removed first.
 */
export async function replaceExecutable(
  ctx: Context,
  target: string,
  data: Uint8Array,
): Promise<void> {
  if (ctx.os !== "windows") {
    await ctx.fs.writeFileAtomic(target, data, 0o755);
    return;
  }
  const executable = ctx.executable;
  if (!executable) throw new CliError("internal", said("cannotRename"));
  const { dir, base, sep } = splitPath(target);
  const join = (name: string) => (dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`);
  for (const name of await ctx.fs.readDir(dir)) {
    if (name.startsWith(`.${base}.`) && name.endsWith(".old")) {
      await ctx.fs.remove(join(name)).catch(() => false);
    }
  }
  const aside = join(`.${base}.${crypto.randomUUID()}.old`);
  await executable.rename(target, aside);
  try {
    await ctx.fs.writeFileAtomic(target, data, 0o755);
  } catch (e) {
    await executable.rename(aside, target).catch(() => {});
    throw e;
  }
  // Still running, so Windows may refuse; the next update removes it.
  await ctx.fs.remove(aside).catch(() => false);
}
