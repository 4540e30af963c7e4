/**
 * `soracom`: argv in, exit code out. The only place that ends the process.
 *
 * @module
 */

import { runCli } from "./src/cli/app.ts";
import { Ended } from "./src/context.ts";
import { realContext } from "./src/system/real.ts";

/** Runs the CLI on this process's arguments; resolves to the exit code. */
export async function main(): Promise<number> {
  try {
    return await runCli(Deno.args, realContext());
  } catch (e) {
    // A run that had to stop at once (stdout's reader gone, a signal during a prompt), even
    // while reporting an error; anything else would have been reported by runCli.
    return e instanceof Ended ? e.code : 70;
  }
}

if (import.meta.main) {
  Deno.exit(await main());
}
