/**
 * `soracom search WORDS`: the commands whose name, summary (in English or
 * Japanese) or flags have the words, best first. And `soracom help`, which
 * the dispatcher answers itself (`help WORDS` is a command's page, or a
 * search when the words name none): here it is a command too, so that `help
 * help` has a page.
 *
 * @module
 */

import { CliError } from "../../errors.ts";
import { said } from "../../messages.ts";
import { type Command, type CommandTree, defineCommand } from "../command.ts";

/** The `search` command; `tree` gives the commands it looks through. */
export function searchCommand(
  _catalog: unknown,
  tree: () => Promise<CommandTree>,
): Command {
  return defineCommand<Record<never, never>>({
    flags: {},
    takesArguments: true,
    run: async (ctx, _flags, words) => {
      if (words.length === 0) throw new CliError("usage", said("searchNeedsWords"));
      const { showMatches } = await import("../search.ts");
      await showMatches(ctx, await tree(), words);
    },
  });
}

/** The `help` command: the root page, or the matches for words. */
export function helpCommand(
  _catalog: unknown,
  whole: () => Promise<CommandTree>,
): Command {
  return defineCommand<Record<never, never>>({
    flags: {},
    takesArguments: true,
    run: async (ctx, _flags, words) => {
      const tree = await whole();
      if (words.length > 0) {
        await (await import("../search.ts")).showMatches(ctx, tree, words);
        return;
      }
      const { helpPage } = await import("../help_run.ts");
      ctx.stdout.write(await helpPage(ctx, tree, [], undefined));
    },
  });
}
