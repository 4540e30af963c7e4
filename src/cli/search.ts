/**
 * Finding a command by what it does: `soracom search WORDS`, and `soracom
 * help WORDS` when the words name no command. Every command and group is
 * matched against the words in its name, its summary in both languages and
 * its flags' names and texts; a word of the name counts most. Loaded only by
 * those two: the catalogue and every group's help text are read here, which
 * no other run needs.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { type Lang, messages, said } from "../messages.ts";
import { closest } from "../suggest.ts";
import { searchPage } from "./help.ts";
import type { CommandTree } from "./command.ts";
import { groupTextOf, layoutFor, rootText } from "./help_run.ts";

/** A command or group as the search sees it, its texts in lower case. */
export interface SearchDoc {
  /** The command or group path (`subscribers update-speed-class`). */
  readonly name: string;
  /** Its other names (aliases), matched like its name. */
  readonly aliases?: readonly string[];
  /** Its summaries, in both languages. */
  readonly summaries: readonly string[];
  /** Its flags' names and texts, in both languages. */
  readonly flags?: string;
  /** It is deprecated: listed after the others. */
  readonly deprecated?: boolean;
  /** It is a group: listed after the commands that match as well (they do the thing). */
  readonly group?: boolean;
}

/** How much a word found in each place counts. */
const WEIGHT = {
  lastWord: 12,
  nameWord: 8,
  name: 5,
  summaryStart: 2,
  summaryWord: 5,
  summary: 4,
  flags: 1,
};

/** The words of a command path: its words and their hyphenated parts. */
function nameWords(name: string): string[] {
  const words = name.split(" ");
  return [...words, ...words.flatMap((w) => w.split("-"))];
}

/** Whether `text` has `term` as a word of its own (or, for Japanese, anywhere). */
function hasWord(text: string, term: string): boolean {
  if (!/^[ -~]+$/.test(term)) return text.includes(term);
  const at = text.indexOf(term);
  if (at < 0) return false;
  const edge = (c: string | undefined) => c === undefined || !/[a-z0-9]/.test(c);
  return edge(text[at - 1]) && edge(text[at + term.length]);
}

/** How well `term` matches `doc`: 0 when it is nowhere. */
function termScore(doc: SearchDoc, term: string): number {
  let score = 0;
  const names = [doc.name, ...doc.aliases ?? []];
  if (names.some((n) => n.split(" ").at(-1) === term)) score += WEIGHT.lastWord;
  else if (names.some((n) => nameWords(n).includes(term))) score += WEIGHT.nameWord;
  else if (names.some((n) => n.includes(term))) score += WEIGHT.name;
  if (doc.summaries.some((s) => s.startsWith(term))) score += WEIGHT.summaryStart;
  if (doc.summaries.some((s) => hasWord(s, term))) score += WEIGHT.summaryWord;
  else if (doc.summaries.some((s) => s.includes(term))) score += WEIGHT.summary;
  // A flag's text only when nothing else has the word: every command has many flags.
  if (score === 0 && doc.flags?.includes(term)) score += WEIGHT.flags;
  return score;
}

/**
 * The docs that match every word of `query`, best first: a word of the name
 * counts most, then one of a summary, then a flag; deprecated commands last;
 * at the same score a command before a group (the command does the thing the
 * group's summary names: `速度` finds `subscribers update-speed-class` before
 * `subscribers`), then shorter names, then by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { rank } from "./search.ts";
 *
 * const docs = [
 *   { name: "subscribers list", summaries: ["list sims by imsi"], flags: "--speed-class-filter" },
 *   { name: "subscribers update-speed-class", summaries: ["change a sim's speed class"] },
 *   { name: "stats air get", summaries: ["data usage of a sim", "データ通信量の推移"] },
 *   { name: "stats", summaries: ["usage over time", "利用量の推移"], group: true },
 * ];
 * assert.deepEqual(rank("speed", docs), ["subscribers update-speed-class", "subscribers list"]);
 * assert.deepEqual(rank("推移", docs), ["stats air get", "stats"]);
 * assert.deepEqual(rank("通信量", docs), ["stats air get"]);
 * ```
 */
export function rank(query: string, docs: readonly SearchDoc[]): string[] {
  const terms = query.toLowerCase().split(/\s+/).filter((t) => t !== "");
  if (terms.length === 0) return [];
  const scored: [SearchDoc, number][] = [];
  for (const doc of docs) {
    const scores = terms.map((t) => termScore(doc, t));
    if (scores.every((s) => s > 0)) scored.push([doc, scores.reduce((a, b) => a + b, 0)]);
  }
  return scored.sort(([a, x], [b, y]) =>
    Number(a.deprecated ?? false) - Number(b.deprecated ?? false) || y - x ||
    Number(a.group ?? false) - Number(b.group ?? false) ||
    a.name.split(" ").length - b.name.split(" ").length || a.name.localeCompare(b.name)
  ).map(([doc]) => doc.name);
}

/** Every command and group, with its texts in both languages. */
export async function searchDocs(tree: CommandTree): Promise<SearchDoc[]> {
  await tree.load("");
  const root = await rootText();
  const docs: SearchDoc[] = [];
  const seen = new Set<string>();
  for (const name of tree.names()) {
    const op = tree.op(name);
    if (op === undefined || seen.has(op.operationId)) continue;
    seen.add(op.operationId);
    const text = (await groupTextOf(op)).operations[op.operationId];
    const params = Object.entries(text?.params ?? {});
    docs.push({
      name: op.names[0],
      aliases: op.names.slice(1),
      summaries: [text?.summary.en ?? "", text?.summary.ja ?? ""].map((s) => s.toLowerCase()),
      flags: params.map(([flag, t]) => `--${flag} ${t.en} ${t.ja}`).join(" ").toLowerCase(),
      deprecated: op.deprecated,
    });
  }
  for (const [name, en] of Object.entries(root.handWritten.en)) {
    if (tree.op(name) !== undefined) continue; // `auth`, `logout`: listed as the operations above
    const flags = Object.entries(root.handWrittenFlags.en[name] ?? {})
      .map(([flag, t]) => `--${flag} ${t} ${root.handWrittenFlags.ja[name]?.[flag] ?? ""}`);
    docs.push({
      name,
      summaries: [en, root.handWritten.ja[name] ?? ""].map((s) => s.toLowerCase()),
      flags: flags.join(" ").toLowerCase(),
    });
  }
  for (const [name, { summary }] of Object.entries(root.groups.en)) {
    if (docs.some((d) => d.name === name)) continue;
    const ja = root.groups.ja[name]?.summary ?? "";
    docs.push({ name, summaries: [summary.toLowerCase(), ja.toLowerCase()], group: true });
  }
  return docs;
}

/** At most this many commands are listed. */
export const SHOWN = 20;

/** What a search found: the first {@link SHOWN} names with their summaries, and how many more. */
export interface Matches {
  /** The best matches, best first, each with its summary in the reader's language. */
  readonly entries: readonly { readonly name: string; readonly summary: string }[];
  /** How many matched beyond those. */
  readonly more: number;
}

/**
 * The commands that match `words`, best first, with their summaries in
 * `lang`: what `soracom search` prints, and what `soracom mcp`'s search
 * tool answers.
 *
 * @throws CliError (`usage`) when none does, with the command words closest to them
 */
export async function findMatches(
  lang: Lang,
  tree: CommandTree,
  words: readonly string[],
): Promise<Matches> {
  const query = words.join(" ");
  const docs = await searchDocs(tree);
  const found = rank(query, docs);
  if (found.length === 0) {
    const vocabulary = new Set(docs.flatMap((d) => nameWords(d.name)));
    const near = words.flatMap((w) => closest(w.toLowerCase(), vocabulary));
    throw new CliError("usage", said("nothingFound", query, [...new Set(near)]));
  }
  const root = await rootText();
  const entries = await Promise.all(
    found.slice(0, SHOWN).map(async (name) => {
      const op = tree.isCommand(name) ? tree.op(name) : undefined;
      const summary = op
        ? (await groupTextOf(op)).operations[op.operationId]?.summary[lang]
        : root.handWritten[lang][name] ?? root.groups[lang][name]?.summary;
      return { name, summary: summary ?? "" };
    }),
  );
  return { entries, more: found.length - entries.length };
}

/**
 * Prints the commands that match `words`, best first.
 *
 * @throws CliError (`usage`) when none does, with the command words closest to them
 */
export async function showMatches(
  ctx: Context,
  tree: CommandTree,
  words: readonly string[],
): Promise<void> {
  const { entries, more } = await findMatches(ctx.lang, tree, words);
  const m = messages(ctx.lang);
  ctx.stdout.write(searchPage(m.searchTitle(words.join(" ")), entries, more, layoutFor(ctx)));
}
