/**
 * `soracom version`: prints `SORACOM API client vVERSION`, as soracom-cli does.
 *
 * @module
 */

import { buildCommand, type Command } from "@stricli/core";
import { VERSION } from "../../version.ts";
import type { AppContext } from "../flags.ts";
import { GLOBAL_FLAGS } from "../flags.ts";

/** The `version` command. */
export function versionCommand(): Command<AppContext> {
  return buildCommand<Record<string, unknown>, [], AppContext>({
    func(this: AppContext) {
      this.ctx.stdout.write(`SORACOM API client v${VERSION}\n`);
    },
    parameters: { flags: GLOBAL_FLAGS, positional: { kind: "tuple", parameters: [] } } as never,
    docs: { brief: "print the version" },
  });
}
