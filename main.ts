/**
 * `soracom`: argv in, exit code out.
 *
 * @module
 */

import { runCli } from "./src/cli/app.ts";
import { realContext } from "./src/context.ts";

if (import.meta.main) {
  Deno.exit(await runCli(Deno.args, realContext()));
}
