/**
 * `soracom version`: prints `SORACOM API client vVERSION`, as soracom-cli does.
 *
 * @module
 */

import { VERSION_LINE } from "../../version.ts";
import { type Command, defineCommand } from "../command.ts";

/** The `version` command. */
export function versionCommand(): Command {
  return defineCommand<Record<never, never>>({
    flags: {},
    run: (ctx) => ctx.stdout.write(VERSION_LINE),
  });
}
