/**
 * `soracom self-update`: its flag, the confirmation and what it prints; the
 * update itself (which release, its signature, the download, replacing the
 * executable) is `src/update/`.
 *
 * @module
 */

import type { Context } from "../../context.ts";
import { CliError } from "../../errors.ts";
import { messages, said } from "../../messages.ts";
import { checkForUpdate, installUpdate, type Update } from "../../update/update.ts";
import { VERSION } from "../../version.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";
import { booleanFlag, type GlobalFlagValues } from "../flags.ts";

/** The flags of `self-update`. */
export interface SelfUpdateFlags extends GlobalFlagValues {
  /** Update without asking. */
  readonly yes?: boolean;
}

/** Asks on the terminal whether to install `update`: anything but yes aborts. */
async function confirm(ctx: Context, update: Update): Promise<void> {
  const m = messages(ctx.lang);
  ctx.stderr.write(`${m.updateAvailable(update.latest, VERSION, update.notes, update.target)}\n`);
  const answer = await ctx.prompt(m.updateNow, { stdinOk: true });
  if (answer === undefined) throw new CliError("usage", said("updateNeedsTerminal"));
  if (!["y", "yes"].includes(answer.trim().toLowerCase())) {
    throw new CliError("aborted", said("abort"));
  }
}

/**
 * `self-update`: finds the latest release and, when newer (and confirmed, or
 * `--yes`), replaces this executable with it.
 */
export async function runSelfUpdate(ctx: Context, flags: SelfUpdateFlags): Promise<void> {
  const m = messages(ctx.lang);
  const found = await checkForUpdate(ctx);
  if (found.kind === "script") {
    ctx.stdout.write(`${m.updateUnderDeno(VERSION, found.repository)}\n`);
    return;
  }
  if (found.kind === "current") {
    ctx.stdout.write(`${m.upToDate(VERSION, found.latest)}\n`);
    return;
  }
  const update = found.update;
  if (flags.yes !== true) await confirm(ctx, update);
  await installUpdate(ctx, update);
  ctx.stdout.write(`${m.updated(VERSION, update.latest, update.target)}\n`);
}

/** The `self-update` command. */
export function selfUpdateCommand(): Command {
  return defineCommand<OwnFlags<SelfUpdateFlags>>({
    flags: { yes: booleanFlag() },
    run: (ctx, flags) => runSelfUpdate(ctx, flags),
  });
}
