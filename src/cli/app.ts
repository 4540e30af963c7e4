/**
 * The dispatcher, one path for every command: reads argv (`argv.ts`), finds
 * the command in the tree (`tree.ts`) and builds it (an API command or a
 * hand-written one, both a `Command`), then shows the version or help
 * (`help_run.ts`) when asked, or reads the command's flags and runs it. Any
 * error that escapes is reported by `report.ts` as one `Error:` line and an
 * exit code.
 *
 * @module
 */

import { type Context, Ended } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { VERSION_LINE } from "../version.ts";
import {
  firstWordAt,
  helpWord,
  isHelp,
  own,
  readFlags,
  scanWords,
  type SplitFlags,
  splitFlags,
} from "./argv.ts";
import type { Command } from "./command.ts";
import { type FlagSpecs, GLOBAL_FLAGS } from "./flags.ts";
import { HAND_WRITTEN } from "./commands/registry.ts";
import { closest } from "../suggest.ts";
import { buildTree, type Tree } from "./tree.ts";

/**
 * Runs the CLI with `argv` and returns the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { runCli } from "./app.ts";
 *
 * const fake = fakeContext();
 * assert.equal(await runCli(["soralets", "list", "--bogus"], fake.ctx), 2);
 * assert.match(fake.stderr(), /^Error: /);
 * ```
 */
export async function runCli(argv: readonly string[], ctx: Context): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "version")) {
    ctx.stdout.write(VERSION_LINE);
    return 0;
  }
  try {
    // Shell completion: answered before the tree is built (its words may hold any flag).
    if (argv[0] === "__complete") {
      return await (await import("./complete.ts")).runComplete(ctx, argv.slice(1));
    }
    return await dispatch(argv, ctx);
  } catch (e) {
    if (e instanceof Ended) return e.code; // quietly: nobody is reading, or a signal came
    // Loaded only to report: a run that goes well never needs it.
    const { asReported, errorLine, exitCodeOf } = await import("./report.ts");
    ctx.stderr.write(`${errorLine(asReported(e), ctx)}\n`);
    return exitCodeOf(e);
  }
}

/** What argv names: the command (or group), and the tokens after its words. */
interface CommandLine {
  readonly tree: Tree;
  /** The command words (none for the root). */
  readonly words: readonly string[];
  /** The flags and arguments, in order. */
  readonly rest: readonly string[];
  /** The command the words name, built; `undefined` for a group or the root. */
  readonly command?: Command;
  /** The command's flags, or the global ones for a group or the root. */
  readonly specs: Readonly<FlagSpecs>;
  /** `rest` split by `specs`. */
  readonly split: SplitFlags;
}

/** Reads argv against the command tree, loading only the part it names. */
async function commandLine(argv: readonly string[], help: boolean): Promise<CommandLine> {
  const first = argv[firstWordAt(argv)] as string | undefined;
  // Hand-written commands without API commands under them need no catalogue.
  const handOnly = !help && first !== undefined && first !== "auth" && first !== "logout" &&
    Object.keys(HAND_WRITTEN).some((n) => n.split(" ")[0] === first);
  const tree = await buildTree(!handOnly);
  const { words, rest } = scanWords(argv, (w) => tree.isPrefix(w));
  const name = words.join(" ");
  await tree.load(name); // the command's group of the catalogue, not all of it
  const command = words.length > 0 && tree.isCommand(name) ? await tree.build(name) : undefined;
  const specs = command?.flags ?? GLOBAL_FLAGS;
  return { tree, words, rest, command, specs, split: splitFlags(rest, specs) };
}

/** Help asked for: `help` as the first word, or `--help` (`-h`) among the flags. */
function asksHelp(line: CommandLine, helpWordSeen: boolean): boolean {
  return helpWordSeen || line.split.flags.some(isHelp);
}

/**
 * `--version` given, and not the command's own flag (`soralets delete-version
 * --version 1`); help, asked for too, wins.
 */
function asksVersion(line: CommandLine, helpWordSeen: boolean): boolean {
  return line.split.flags.some((u) => u.name === "version") && !own(line.specs, "version") &&
    !asksHelp(line, helpWordSeen);
}

/** A group this small has its commands listed when a word names none of them. */
const LISTED_CHILDREN = 8;

/**
 * Refuses words that name no command under a group (or the root, or a
 * command that is a group too: `auth statu`), with the closest ones, or the
 * group's commands when there are few (`completion tcsh`: the shells).
 */
function refuseUnknownCommand(line: CommandLine, input = line.split.positional[0]): void {
  if (input === undefined) return;
  const where = ["soracom", ...line.words].join(" ");
  const children = [...line.tree.children(line.words.join(" ")) ?? []].sort();
  let near = closest(input, children);
  // Every one of a few commands "close": that says nothing; they are listed instead.
  if (near.length === children.length && children.length > 1) near = [];
  const listed = near.length === 0 && children.length <= LISTED_CHILDREN ? children : [];
  throw new CliError("usage", said("unknownCommand", input, where, near, listed));
}

/** The help page of the command or group `line` names (the root's for none). */
async function showHelp(ctx: Context, line: CommandLine): Promise<number> {
  const { helpPage } = await import("./help_run.ts");
  ctx.stdout.write(await helpPage(ctx, line.tree, line.words, line.command?.flags));
  return 0;
}

async function dispatch(argv: readonly string[], ctx: Context): Promise<number> {
  const { argv: args, help } = helpWord(argv);
  const line = await commandLine(args, help);
  if (asksVersion(line, help)) {
    ctx.stdout.write(VERSION_LINE);
    return 0;
  }
  const { command } = line;
  if (!command && asksHelp(line, help) && line.split.positional.length > 0) {
    // Help for words that name no command: the commands they describe (`soracom help speed`).
    const { showMatches } = await import("./search.ts");
    await showMatches(ctx, line.tree, [...line.words, ...line.split.positional]);
    return 0;
  }
  if (!command) refuseUnknownCommand(line);
  // Help is shown whatever else the line holds (`soracom sims get foo --help`).
  if (asksHelp(line, help)) return await showHelp(ctx, line);
  const { values, args: rest } = readFlags(line.rest, line.specs, line.split);
  // A group (or the root) named alone shows its page and succeeds, as in soracom-cli.
  if (!command) return await showHelp(ctx, line);
  if (rest.length > 0 && !command.takesArguments) {
    // A word under a command that is a group too names a command that is not there.
    if (line.tree.children(line.words.join(" ")) && !line.split.terminated) {
      refuseUnknownCommand(line, rest[0]);
    }
    // Flag values are never listed: only the arguments.
    const where = ["soracom", ...line.words].join(" ");
    throw new CliError("usage", said("unexpectedArguments", rest, where));
  }
  return await command.run(ctx, values, rest);
}
