/**
 * `soracom version`: prints `SORACOM API client vVERSION`, as soracom-cli does.
 *
 * @module
 */

import type { CliCommand } from "../flags.ts";
import { VERSION_LINE } from "../../version.ts";
import { defineCommand } from "../command.ts";

/** The `version` command. */
export function versionCommand(): CliCommand {
  return defineCommand<Record<never, never>>({
    flags: {},
    run: ({ ctx }) => ctx.stdout.write(VERSION_LINE),
    docs: { brief: "print the version" },
  });
}
