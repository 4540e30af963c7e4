/**
 * API commands from the catalogue as stricli commands, one per command name:
 * for help, and for flags written in forms only stricli reads. The run itself
 * is `api_run.ts`'s.
 *
 * @module
 */

import type { CliCommand } from "./flags.ts";
import { referenceUrl } from "../catalog/catalog.ts";
import type { CatalogOperation } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { operationFlags, runApiCommand } from "./api_run.ts";
import { defineCommand, type OperationFlagValues } from "./command.ts";

function helpText(op: CatalogOperation, name: string, lang: "en" | "ja"): string {
  const lines = [`${op.method} /v1${op.path}`];
  if (op.deprecated) lines.push("Deprecated.");
  if (op.alternative) lines.push(`Use \`soracom ${op.alternative}\` instead.`);
  const aliases = op.names.filter((n) => n !== name);
  if (aliases.length > 0) lines.push(`Also: soracom ${aliases.join(", soracom ")}`);
  lines.push(`API reference: ${referenceUrl(op, lang)}`);
  return lines.join("\n");
}

/** The stricli command for `name` (one of `op.names`). */
export function apiCommand(ctx: Context, op: CatalogOperation, name: string): CliCommand {
  return defineCommand<Record<never, never>, OperationFlagValues>({
    flags: {},
    operationFlags: operationFlags(op),
    run: ({ ctx }, flags) => runApiCommand(ctx, op, flags),
    docs: {
      brief: `${op.method} ${op.path}`,
      fullDescription: helpText(op, name, ctx.lang),
    },
  });
}
