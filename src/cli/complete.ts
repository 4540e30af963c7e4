/**
 * The hidden `soracom __complete WORDS... CURRENT` command behind the shell
 * completion scripts: given the words typed after `soracom` (the last one is
 * the word being completed, possibly empty), it prints one candidate per line
 * as `VALUE<TAB>DESCRIPTION`.
 *
 * It is answered before the command tree is built (the words may contain
 * flags and `--help`), loads the catalogue once, and reads the words with the
 * same scanner as a run (`argv.ts`); a command is built only to read its flags,
 * so group navigation stays quick.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { runComplete } from "./complete.ts";
 *
 * const fake = fakeContext();
 * await runComplete(fake.ctx, ["subscribers", "lis"]);
 * assert.ok(fake.stdout().startsWith("list\t"));
 * ```
 *
 * @module
 */

import { type Commands, loadCommands } from "../catalog/catalog.ts";
import type { CatalogOperation } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { Tree } from "./tree.ts";
import { type FlagSpec, type FlagSpecs, GLOBAL_FLAGS } from "./flags.ts";
import { flagName, helpWord, scanWords, splitFlags } from "./argv.ts";

/** One completion candidate. */
export interface Candidate {
  /** The word to insert. */
  readonly value: string;
  /** What it is, shown beside it by zsh and fish. */
  readonly description?: string;
}

/** What the completer needs to know about the command tree. */
export interface CompletionTree {
  /** The words that may follow `path` (subcommands and subgroups), with descriptions. */
  children(path: readonly string[]): Candidate[];
  /**
   * The one-line summaries, in the user's language, of the commands and groups
   * `words` under `path` (those it has none for keep what `children` said).
   */
  summaries?(path: readonly string[], words: readonly string[]): Promise<Map<string, string>>;
  /** Whether `path` names a runnable command (it may be a group too). */
  isCommand(path: readonly string[]): boolean;
  /** The flags of the command at `path`; the global flags for a group or the root. */
  flags(path: readonly string[]): Promise<FlagSpecs>;
  /**
   * What each flag of the command at `path` (or of a group or the root, for
   * `[]`) is for, in the user's language, by name (`help` and `version` too).
   */
  flagTexts?(path: readonly string[]): Promise<ReadonlyMap<string, string>>;
  /** The values worth offering for `--flag` of the command at `path` (none: free text). */
  values(path: readonly string[], flag: string, spec: FlagSpec): Promise<readonly string[]>;
}

/** Values a shell could insert without quoting (others, like `(null value)`, are not offered). */
const PLAIN_WORD = /^[A-Za-z0-9._@%+,\/-]+$/;

function startingWith(candidates: readonly Candidate[], prefix: string): Candidate[] {
  return candidates.filter((c) => c.value.startsWith(prefix));
}

function byValue(a: Candidate, b: Candidate): number {
  return a.value < b.value ? -1 : a.value > b.value ? 1 : 0;
}

async function valueCandidates(
  tree: CompletionTree,
  path: readonly string[],
  name: string,
  spec: FlagSpec | undefined,
  prefix: string,
): Promise<Candidate[]> {
  if (spec === undefined) return [];
  const values = spec.kind === "boolean" ? ["false", "true"] : await tree.values(path, name, spec);
  return startingWith(values.filter((v) => PLAIN_WORD.test(v)).map((value) => ({ value })), prefix);
}

/**
 * The candidates for the last of `args` (the words after `soracom`; the last
 * is the partial word under the cursor, `""` for a new word).
 *
 * Command words are walked as the CLI does: global flags (and their values)
 * may come before the command words; a word that names no subcommand, or an
 * unknown flag after a command word, ends the command path; after `--` nothing
 * is offered.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { complete, type CompletionTree } from "./complete.ts";
 * import { GLOBAL_FLAGS, stringFlag } from "./flags.ts";
 *
 * // A tree of one command, `sims get --sim-id`.
 * const tree: CompletionTree = {
 *   children: (path) => path.length === 0 ? [{ value: "sims" }] : path.length === 1 ? [{ value: "get" }] : [],
 *   isCommand: (path) => path.length === 2,
 *   flags: (path) =>
 *     Promise.resolve(path.length === 2 ? { ...GLOBAL_FLAGS, "sim-id": stringFlag() } : GLOBAL_FLAGS),
 *   // A flag's values: here, those its placeholder lists (`jp|g`).
 *   values: (_path, _flag, spec) =>
 *     Promise.resolve(spec.kind === "parsed" ? spec.placeholder?.split("|") ?? [] : []),
 * };
 * const flags = await complete(tree, ["sims", "get", "--sim"]);
 * assert.equal(flags.map((c) => c.value).join(), "--sim-id");
 * const coverages = await complete(tree, ["--coverage-type", ""]);
 * assert.equal(coverages.map((c) => c.value).join(), "jp,g");
 * ```
 */
export async function complete(
  tree: CompletionTree,
  args: readonly string[],
): Promise<Candidate[]> {
  const current = args.length > 0 ? args[args.length - 1] : "";
  // The words before the current one, read as a run reads them (argv.ts).
  // `help` as a first word is taken out: `soracom help sims g` completes as `soracom sims g`.
  const { argv: typed } = helpWord(args.slice(0, -1));
  const scan = scanWords(
    typed,
    (w) => tree.children(w.slice(0, -1)).some((c) => c.value === w[w.length - 1]),
  );
  const path = scan.words;
  const where = tree.isCommand(path) ? path : [];
  const flags = await tree.flags(where);
  const split = splitFlags(scan.rest, flags);
  if (split.terminated) return [];
  const used = new Set(split.flags.map((f) => f.name));
  const frozen = scan.ended || split.positional.length > 0;
  const pending = split.dangling &&
    { name: split.dangling.name, spec: flags[split.dangling.name] };
  if (pending) return await valueCandidates(tree, where, pending.name, pending.spec, current);
  if (current.startsWith("-")) {
    const eq = current.indexOf("=");
    if (eq >= 0) {
      const name = flagName(current);
      const values = await valueCandidates(tree, where, name, flags[name], current.slice(eq + 1));
      return values.map((v) => ({ value: `${current.slice(0, eq + 1)}${v.value}` }));
    }
    const names = ["help", ...path.length === 0 ? ["version"] : []];
    for (const [name, spec] of Object.entries(flags)) {
      if (spec.hidden || (used.has(name) && !(spec.kind === "parsed" && spec.variadic))) continue;
      names.push(name);
    }
    const found = startingWith(names.map((name) => ({ value: `--${name}` })), current);
    const texts = found.length > 0 ? await tree.flagTexts?.(where) : undefined;
    return found.map((c) => ({ ...c, description: texts?.get(c.value.slice(2)) })).sort(byValue);
  }
  if (frozen) return [];
  const children = tree.children(path);
  const found = startingWith(children, current).sort(byValue);
  const summaries = await tree.summaries?.(path, found.map((c) => c.value));
  return found.map((c) => ({ ...c, description: summaries?.get(c.value) ?? c.description }));
}

/** `path` as a command name (the tree's key). */
function key(path: readonly string[]): string {
  return path.join(" ");
}

function enumOf(op: CatalogOperation | undefined, flag: string): readonly string[] | undefined {
  if (!op) return undefined;
  return op.params.find((p) => p.flag === flag)?.enum ??
    op.body?.props?.find((p) => p.flag === flag)?.enum;
}

/**
 * The completion tree of the real CLI: the catalogue's commands plus the
 * hand-written ones (which replace generated ones of the same path).
 */
function catalogTree(ctx: Context, commands: Commands): CompletionTree {
  const tree = new Tree(commands);
  const flagsByPath = new Map<string, FlagSpecs>();
  return {
    isCommand: (path) => tree.isCommand(key(path)),
    async summaries(path, words) {
      // The help pages' summaries (one group's text, loaded for this): not `METHOD /path`.
      const { summariesOf } = await import("./help_run.ts");
      const texts = await summariesOf(ctx, tree, words.map((w) => key([...path, w])));
      return new Map(words.map((w, i) => [w, texts[i]] as const).filter(([, text]) => text !== ""));
    },
    children(path) {
      const words = tree.children(key(path)) ?? [];
      return [...words].map((w) => ({ value: w }));
    },
    async flagTexts(path) {
      // The help pages' texts (the root text, and the command's group for an API command).
      const { flagTexts } = await import("./help_run.ts");
      return await flagTexts(ctx, tree, key(path), await this.flags(path));
    },
    async flags(path) {
      const known = flagsByPath.get(key(path));
      if (known) return known;
      // The command is the one source of its flags, as for a run.
      const flags = tree.isCommand(key(path)) ? (await tree.build(key(path))).flags : GLOBAL_FLAGS;
      flagsByPath.set(key(path), flags);
      return flags;
    },
    async values(path, flag, spec) {
      // The global --profile (a command's own --profile would mean something else).
      if (spec === GLOBAL_FLAGS["profile"] || flag === "source-profile") {
        try {
          // Loaded here only: the profile code (zod) would slow every other completion.
          const { listProfiles, profileDir } = await import("../profile/store.ts");
          return await listProfiles(ctx, profileDir(ctx));
        } catch {
          return [];
        }
      }
      const fromCatalog = enumOf(tree.op(key(path)), flag);
      if (fromCatalog) return fromCatalog;
      // flags.ts gives a string flag with allowed values the placeholder `a|b|c`.
      if (spec.kind === "parsed" && spec.placeholder?.includes("|")) {
        return spec.placeholder.split("|");
      }
      return [];
    },
  };
}

function clean(text: string): string {
  return text.replace(/\s+/g, " ").trim();
}

/**
 * Runs `soracom __complete ARGS`: prints the candidates for the last of `args`,
 * one per line as `VALUE<TAB>DESCRIPTION`. Returns the exit code.
 */
export async function runComplete(ctx: Context, args: readonly string[]): Promise<number> {
  const commands = await loadCommands();
  await commands.load("");
  const tree = catalogTree(ctx, commands);
  const candidates = await complete(tree, args.length > 0 ? args : [""]);
  const lines = candidates.map((c) =>
    c.description ? `${clean(c.value)}\t${clean(c.description)}` : clean(c.value)
  );
  if (lines.length > 0) ctx.stdout.write(`${lines.join("\n")}\n`);
  return 0;
}
