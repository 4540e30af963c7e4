/**
 * The dispatcher: reads argv (`argv.ts`), finds the command in the tree
 * (`tree.ts`), and hands the run to the help pages (`help_run.ts`), the fast
 * path of API commands (`api_run.ts`) or stricli (`stricli_run.ts`). Any error
 * that escapes is reported by `report.ts` as one `Error:` line and an exit code.
 *
 * @module
 */

import type { CliCommand } from "./flags.ts";
import { type Context, Ended } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { VERSION_LINE } from "../version.ts";
import {
  explicitValues,
  firstWordAt,
  helpWord,
  lastUseWins,
  own,
  plainFlags,
  scanWords,
  splitFlags,
} from "./argv.ts";
import type { FlagUse } from "./argv.ts";
import { type FlagSpecs, GLOBAL_FLAGS } from "./flags.ts";
import { HAND_WRITTEN } from "./commands/registry.ts";
import type { CatalogOperation } from "../catalog/types.ts";
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

/** What argv names: the command, its flags and arguments. */
interface Invocation {
  readonly tree: Tree;
  readonly words: string[];
  readonly rest: string[];
  /** The words name a command (it may be a group too). */
  readonly isLeaf: boolean;
  /** The command's operation and runner, for an API command. */
  readonly api?: { op: CatalogOperation; module: typeof import("./api_run.ts") };
  /** A hand-written command, built. */
  readonly leaf?: CliCommand;
  /** The command's flags (the global ones for a group or nothing). */
  readonly specs: Readonly<FlagSpecs>;
  readonly used: readonly FlagUse[];
  readonly positional: readonly string[];
  readonly wantsHelp: boolean;
  /** Every flag used is one of the command's (or help). */
  readonly allKnown: boolean;
  /** `exec` takes a command after `--`; no other command takes arguments. */
  readonly takesArguments: boolean;
}

/** Reads argv against the command tree, loading only the part it names. */
async function invocation(argv: readonly string[], ctx: Context): Promise<Invocation> {
  const { argv: args, help } = helpWord(argv);
  if (help) args.push("--help");
  const first = args[firstWordAt(args)] as string | undefined;
  // Hand-written commands without API commands under them need no catalogue.
  const handOnly = !help && first !== undefined && first !== "auth" && first !== "logout" &&
    Object.keys(HAND_WRITTEN).some((n) => n.split(" ")[0] === first);
  const tree = await buildTree(ctx, !handOnly);
  const { words, rest } = scanWords(args, (w) => tree.isPrefix(w));
  const leafName = words.join(" ");
  await tree.load(leafName); // the command's group of the catalogue, not all of it
  const isLeaf = words.length > 0 && tree.isCommand(leafName);
  const op = isLeaf ? tree.apiOp(leafName) : undefined;
  const api = op && { op, module: await import("./api_run.ts") };
  const leaf = isLeaf && !api ? await tree.build(leafName) : undefined;
  const specs = api?.module.commandFlags(api.op) ??
    (leaf?.parameters.flags ?? GLOBAL_FLAGS) as Readonly<FlagSpecs>;
  const { flags: used, positional } = splitFlags(rest, specs);
  const wantsHelp = used.some((u) => u.name === "help" || u.name === "h");
  const allKnown = used.every((u) => own(specs, u.name) || u.name === "help" || u.name === "h");
  const takesArguments = (leaf?.parameters.positional as { kind?: string } | undefined)?.kind ===
    "array";
  return {
    tree,
    words,
    rest,
    isLeaf,
    api,
    leaf,
    specs,
    used,
    positional,
    wantsHelp,
    allKnown,
    takesArguments,
  };
}

/** Refuses a flag named like an object property, and arguments no command takes. */
function checkArguments(inv: Invocation): void {
  const inherited = inv.used.find((u) => !own(inv.specs, u.name) && u.name in Object.prototype);
  if (inherited) throw new CliError("usage", said("unknownFlag", inherited.name, []));
  if (
    (inv.leaf || inv.api) && inv.allKnown && inv.positional.length > 0 && !inv.wantsHelp &&
    !inv.takesArguments
  ) {
    // soracom-cli's message; flag values are never listed.
    throw new CliError("usage", said("unexpectedArguments", inv.positional.join(" ")));
  }
}

/** Help asked for, or a group (or nothing) named without a command, as soracom-cli shows it. */
function showsHelp(inv: Invocation): boolean {
  return inv.positional.length === 0 &&
    (inv.isLeaf ? inv.wantsHelp : inv.allKnown || inv.wantsHelp);
}

async function dispatch(argv: readonly string[], ctx: Context): Promise<number> {
  const inv = await invocation(argv, ctx);
  // `--version` is ours everywhere except where a command has its own (`soralets delete-version`).
  if (inv.used.some((u) => u.name === "version") && !own(inv.specs, "version") && !inv.wantsHelp) {
    ctx.stdout.write(VERSION_LINE);
    return 0;
  }
  checkArguments(inv);
  if (showsHelp(inv)) {
    const { helpPage } = await import("./help_run.ts");
    ctx.stdout.write(await helpPage(ctx, inv.tree, inv.words, inv.isLeaf ? inv.specs : undefined));
    return 0;
  }
  const tokens = explicitValues(lastUseWins(inv.rest, inv.used, inv.specs), inv.specs);
  // An API command with plain flags runs without stricli: building the routes and the
  // application, and scanning, take longer than the rest of a warm call's own work.
  const plain = inv.api && !inv.wantsHelp ? plainFlags(tokens, inv.specs) : undefined;
  if (inv.api && plain) {
    await inv.api.module.runApiCommand(ctx, inv.api.op, plain);
    return 0;
  }
  const leaf = inv.leaf ?? (inv.isLeaf ? await inv.tree.build(inv.words.join(" ")) : undefined);
  const { runWithStricli } = await import("./stricli_run.ts");
  return await runWithStricli(ctx, { ...inv, leaf, tokens });
}
