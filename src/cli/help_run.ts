/**
 * Which help page a command line asks for, and the text it needs: the root
 * text, and the catalogue group files of the commands the page lists (a
 * command's own page reads its own group only).
 *
 * @module
 */

import { groupOf } from "../catalog/catalog.ts";
import type { CatalogOperation } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { type Lang, messages } from "../messages.ts";
import type { CommandTree } from "./command.ts";
import type { FlagSpecs } from "./flags.ts";
import {
  commandPage,
  type Entry,
  type Example,
  type FlagDoc,
  globalDocs,
  groupPage,
  type GroupText,
  handWrittenFlagDocs,
  type Layout,
  operationFlagDocs,
  rootPage,
  type RootText,
} from "./help.ts";

/** Pages are never narrower than this, nor wider than that. */
const MIN_WIDTH = 40;
const MAX_WIDTH = 120;

/** The root text (`help/_root.json`): groups, hand-written commands, global flags. */
export async function rootText(): Promise<RootText> {
  const { HELP_ROOT } = await import("../catalog/help.generated.ts");
  return (await HELP_ROOT()).default as RootText;
}

/** The help text of `op`'s group (`help/GROUP.json`). */
export async function groupTextOf(op: CatalogOperation): Promise<GroupText> {
  const { HELP_GROUPS } = await import("../catalog/help.generated.ts");
  return (await HELP_GROUPS[groupOf(op)]()).default as GroupText;
}

/** How a page is laid out for this run: its language, and the terminal's width (80 off one). */
export function layoutFor(ctx: Context): Layout {
  const lang = ctx.lang;
  const columns = ctx.terminalWidth() ?? 80;
  return { lang, m: messages(lang), width: Math.max(MIN_WIDTH, Math.min(MAX_WIDTH, columns)) };
}

/** The summary of command or group `name` on a list. */
async function entryOf(
  tree: CommandTree,
  root: RootText,
  name: string,
  layout: Layout,
): Promise<string> {
  const { lang } = layout;
  const hand = root.handWritten[lang][name];
  if (hand) return hand;
  const op = tree.isCommand(name) ? tree.op(name) : undefined;
  if (op) return (await groupTextOf(op)).operations[op.operationId]?.summary[lang] ?? "";
  // Every group and sub-group has a summary (scripts/gen_help_text.ts refuses one without).
  return root.groups[lang][name]?.summary ?? "";
}

/**
 * The one-line summaries of commands or groups `names` in the user's language,
 * as the help lists show them (for completion's descriptions).
 */
export async function summariesOf(
  ctx: Context,
  tree: CommandTree,
  names: readonly string[],
): Promise<string[]> {
  const layout = layoutFor(ctx);
  const root = await rootText();
  return await Promise.all(
    names.map(async (name) =>
      root.groups[layout.lang][name]?.summary ?? await entryOf(tree, root, name, layout)
    ),
  );
}

async function entries(
  tree: CommandTree,
  root: RootText,
  name: string,
  layout: Layout,
): Promise<Entry[]> {
  const children = [...tree.children(name) ?? []].sort();
  return await Promise.all(
    children.map(async (c) => ({
      name: c,
      summary: await entryOf(tree, root, name === "" ? c : `${name} ${c}`, layout),
    })),
  );
}

/**
 * The help page for command words `words` ([] for the root). `specs` are the
 * command's flags when `words` name a command.
 */
export async function helpPage(
  ctx: Context,
  tree: CommandTree,
  words: readonly string[],
  specs: FlagSpecs | undefined,
): Promise<string> {
  const layout = layoutFor(ctx);
  const { lang } = layout;
  const root = await rootText();
  const name = words.join(" ");
  if (name === "") return rootPage(root, [...tree.children("") ?? []].sort(), layout);
  if (!tree.isCommand(name) || specs === undefined) {
    const top = root.groups[lang][name]?.summary;
    const summary = top ?? await entryOf(tree, root, name, layout);
    return groupPage(name, summary, await entries(tree, root, name, layout), layout);
  }
  const op = tree.op(name);
  const text = op ? await groupTextOf(op) : undefined;
  const hand = root.handWritten[lang][name];
  const own = ownFlagDocs(name, specs, op, text, root, lang);
  const examples: readonly Example[] = text?.examples[name] ?? root.examples[name] ?? [];
  const subcommands = tree.children(name) ? await entries(tree, root, name, layout) : [];
  return commandPage(
    {
      name,
      summary: hand ?? (op ? text?.operations[op.operationId]?.summary[lang] ?? "" : ""),
      op,
      details: root.details[lang][name],
      examples,
      subcommands,
    },
    own,
    root,
    layout,
  );
}

/**
 * The docs of command `name`'s own flags: an operation's (from its group's
 * text), then a hand-written command's own.
 */
function ownFlagDocs(
  name: string,
  specs: FlagSpecs,
  op: CatalogOperation | undefined,
  text: GroupText | undefined,
  root: RootText,
  lang: Lang,
): FlagDoc[] {
  const own = op && text ? operationFlagDocs(op, specs, text, root, lang) : [];
  if (root.handWritten[lang][name] === undefined) return own;
  const extra = handWrittenFlagDocs(name, specs, root, lang);
  return [...own, ...extra.filter((d) => !own.some((o) => o.name === d.name))];
}

/**
 * What each flag of command `name` is for (the global flags, `--help` and
 * `--version` too), in the reader's language, as its help page says it: for
 * completion's descriptions. `name` is "" for a group or the root.
 */
export async function flagTexts(
  ctx: Context,
  tree: CommandTree,
  name: string,
  specs: FlagSpecs,
): Promise<Map<string, string>> {
  const { lang } = ctx;
  const root = await rootText();
  const op = name === "" ? undefined : tree.op(name);
  const text = op ? await groupTextOf(op) : undefined;
  const own = name === "" ? [] : ownFlagDocs(name, specs, op, text, root, lang);
  const docs = [...own, ...globalDocs(root, lang, new Set(own.map((d) => d.name)))];
  // `dry-run[=curl]`: a page shows how the value is given; completion offers the name.
  return new Map(docs.map((d) => [d.name.replace(/\[.*$/, ""), d.text]));
}
