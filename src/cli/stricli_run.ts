/**
 * Running a command through stricli, for everything the dispatcher does not
 * run itself (hand-written commands, and API commands whose flags are not
 * plain). Only the branch the command words name is built (with its flags);
 * everything else is a cheap stub, so start-up stays fast with 500 commands.
 * stricli's error texts are replaced by ours (`report.ts`), in the user's
 * language.
 *
 * @module
 */

import type { Command, RouteMap } from "@stricli/core";
import { type Context, Ended } from "../context.ts";
import { CliError, EXIT_CODES, oneLine } from "../errors.ts";
import { messages } from "../messages.ts";
import type { AppContext, CliCommand } from "./flags.ts";
import { errorLine, exitCodeOf, permissionError } from "./report.ts";
import type { Tree } from "./tree.ts";

type Target = Command<AppContext> | RouteMap<AppContext>;
/** stricli, imported when a command tree is needed (`--version` does without it). */
type Stricli = typeof import("@stricli/core");

/** What the dispatcher found, for stricli to run. */
export interface StricliRun {
  /** The command tree, with the words' group loaded. */
  readonly tree: Tree;
  /** The command words. */
  readonly words: readonly string[];
  /** The command the words name, built; `undefined` for a group or nothing. */
  readonly leaf: CliCommand | undefined;
  /** The flags and arguments, a repeated one-value flag reduced to its last use. */
  readonly tokens: readonly string[];
  /** The arguments among them, for the error about unexpected ones. */
  readonly positional: readonly string[];
  /** Help was asked for. */
  readonly wantsHelp: boolean;
  /** The command takes arguments (after `--`, as `exec` does). */
  readonly takesArguments: boolean;
}

/** A placeholder for a command or group off the path the arguments name. */
function stub(s: Stricli, brief: string): Command<AppContext> {
  return s.buildCommand<Record<string, never>, [], AppContext>({
    func() {},
    parameters: { flags: {}, positional: { kind: "tuple", parameters: [] } },
    docs: { brief },
  });
}

/**
 * Builds the routing target for `prefix`: full along `path`, stubs elsewhere.
 * Only help shows what is off the path; without help, `offPath` stands in for
 * all of it, so no brief is worked out and no stub built per route.
 */
async function target(
  s: Stricli,
  tree: Tree,
  prefix: string[],
  path: readonly string[],
  offPath: Command<AppContext> | undefined,
  leaf: Command<AppContext> | undefined,
): Promise<Target> {
  const name = prefix.join(" ");
  const onPath = prefix.every((w, i) => path[i] === w);
  if (!onPath && offPath) return offPath;
  // The words end here and name a command (`leaf`, built by the caller). A path that is a
  // command and a group at once (`auth`, `query subscribers`) runs (and helps) the command:
  // no subcommand is wanted.
  if (onPath && leaf && prefix.length === path.length) return leaf;
  const children = tree.children(name);
  const brief = tree.brief(name);
  // A command or group off the path is only listed (by its brief), so a stub says all that is
  // needed; as a command it reads `soracom GROUP` in the usage lines, not `soracom GROUP ... ...`.
  // (A command on the path before its last word always has children: the next word.)
  if (!onPath || !children) return stub(s, brief);
  const routes: Record<string, Target> = {};
  for (const child of [...children].sort()) {
    routes[child] = await target(s, tree, [...prefix, child], path, offPath, leaf);
  }
  return s.buildRouteMap({ routes, docs: { brief } });
}

/** stricli's error texts, in our words and the user's language. */
function errorTexts(s: Stricli, ctx: Context, run: StricliRun) {
  const { ArgumentParseError, FlagNotFoundError, UnexpectedPositionalError } = s;
  const scannerMessage = (exc: unknown): string =>
    exc instanceof Error && "_brand" in exc
      ? s.formatMessageForArgumentScannerError(
        exc as unknown as Parameters<typeof s.formatMessageForArgumentScannerError>[0],
        {},
      )
      : exc instanceof Error
      ? exc.message
      : String(exc);
  return {
    ...s.text_en,
    noCommandRegisteredForInput: (
      { input, corrections }: { input: string; corrections: readonly string[] },
    ) => {
      const where = ["soracom", ...run.words].join(" ");
      const fixes = corrections.map((c) => c.replaceAll("`", ""));
      return `Error: ${messages(ctx.lang).unknownCommand(input, where, fixes)}`;
    },
    exceptionWhileParsingArguments: (exc: unknown) => {
      const m = messages(ctx.lang);
      if (exc instanceof UnexpectedPositionalError) {
        return `Error: ${m.unexpectedArguments(run.positional.join(" "))}`;
      }
      if (exc instanceof CliError) return errorLine(exc, ctx);
      if (exc instanceof FlagNotFoundError) {
        return `Error: ${m.unknownFlag(exc.input, exc.corrections)}`;
      }
      if (exc instanceof ArgumentParseError && exc.exception instanceof CliError) {
        return errorLine(exc.exception, ctx);
      }
      return `Error: ${oneLine(scannerMessage(exc))}`;
    },
    exceptionWhileRunningCommand: (exc: unknown) => {
      if (exc instanceof Ended) throw exc; // the run stops here, quietly (see runCli)
      return errorLine(permissionError(exc) ?? exc, ctx);
    },
    exceptionWhileLoadingCommandFunction: (exc: unknown) => errorLine(exc, ctx),
    exceptionWhileLoadingCommandContext: (exc: unknown) => errorLine(exc, ctx),
    commandErrorResult: (err: Error) => errorLine(err, ctx),
  };
}

/** Runs the command (or help) through stricli; resolves to the exit code. */
export async function runWithStricli(ctx: Context, run: StricliRun): Promise<number> {
  const s = await import("@stricli/core");
  // Help lists the routes off the path with their briefs; any other run needs only their names.
  const helping = run.leaf === undefined || run.wantsHelp;
  // A brief of an API command is its method and path: help loads every operation.
  if (helping) await run.tree.load("");
  const offPath = helping ? undefined : stub(s, "");
  // Every CliCommand is a stricli Command (defineCommand builds them): here it goes back to stricli.
  const leaf = run.leaf as Command<AppContext> | undefined;
  const root = await target(s, run.tree, [], run.words, offPath, leaf) as RouteMap<AppContext>;
  let thrown: unknown;
  const app = s.buildApplication<AppContext>(root, {
    name: "soracom",
    scanner: { caseStyle: "original", allowArgumentEscapeSequence: run.takesArguments },
    documentation: { disableAnsiColor: true },
    determineExitCode: (exc) => {
      thrown = exc;
      return exitCodeOf(exc);
    },
    localization: { text: errorTexts(s, ctx, run) },
  });
  // stricli sets `process.exitCode`; a command that ends without an error may set it too.
  const process: {
    stdout: { write(s: string): void };
    stderr: { write(s: string): void };
    exitCode?: number;
  } = {
    stdout: { write: (text) => ctx.stdout.write(text) },
    stderr: { write: (text) => ctx.stderr.write(text) },
  };
  const setExitCode = (code: number) => void (process.exitCode = code);
  await s.run(app, [...run.words, ...run.tokens], { process, ctx, setExitCode });
  const code = Number(process.exitCode ?? 0);
  if (code >= 0) return code;
  // stricli's own negative codes: argument and routing problems are usage errors.
  if (code === -4 || code === -5) return EXIT_CODES.usage;
  return thrown instanceof CliError && thrown.kind === "usage"
    ? EXIT_CODES.usage
    : EXIT_CODES.internal;
}
