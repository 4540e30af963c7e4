/**
 * The command tree and its run. Only the branch the arguments name is built
 * (with its flags); everything else is a cheap stub, so start-up stays fast
 * with 500 commands. Global flags may come before the command words, as with
 * soracom-cli (`soracom --profile sam soralets list`).
 *
 * @module
 */

import {
  ArgumentParseError,
  buildApplication,
  buildCommand,
  buildRouteMap,
  type Command,
  FlagNotFoundError,
  formatMessageForArgumentScannerError,
  type RouteMap,
  run,
  text_en,
  UnexpectedPositionalError,
} from "@stricli/core";
import type { Catalog } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { CliError, EXIT_CODES, oneLine } from "../errors.ts";
import { VERSION } from "../version.ts";
import { type AppContext, GLOBAL_FLAGS, GLOBAL_VALUE_FLAGS } from "./flags.ts";
import { HAND_WRITTEN, type HandWritten } from "./commands/registry.ts";

type Target = Command<AppContext> | RouteMap<AppContext>;

/** All command paths (hand-written and API) with how to build each. */
interface Tree {
  readonly catalog?: Catalog;
  /** Command path -> builder. */
  readonly commands: Map<string, () => Promise<Command<AppContext>>>;
  /** Command path -> one-line description. */
  readonly briefs: Map<string, string>;
  /** Group path ("" for the root) -> child words. */
  readonly children: Map<string, Set<string>>;
}

function addPath(tree: Tree, words: readonly string[]): void {
  for (let i = 0; i < words.length; i++) {
    const parent = words.slice(0, i).join(" ");
    let set = tree.children.get(parent);
    if (!set) tree.children.set(parent, set = new Set());
    set.add(words[i]);
  }
}

async function buildTree(ctx: Context, withCatalog: boolean): Promise<Tree> {
  const tree: Tree = { commands: new Map(), briefs: new Map(), children: new Map() };
  let catalog: Catalog | undefined;
  if (withCatalog) {
    const { loadCatalog } = await import("../catalog/catalog.ts");
    catalog = await loadCatalog();
    for (const op of catalog.operations) {
      for (const name of op.names) {
        tree.briefs.set(name, `${op.method} ${op.path}`);
        tree.commands.set(name, async () => {
          const { apiCommand } = await import("./api_command.ts");
          return apiCommand(ctx, op, name);
        });
        addPath(tree, name.split(" "));
      }
    }
  }
  for (const [name, entry] of Object.entries(HAND_WRITTEN) as [string, HandWritten][]) {
    tree.briefs.set(name, entry.brief);
    tree.commands.set(name, async () => (await entry.load())(ctx, catalog));
    addPath(tree, name.split(" "));
  }
  return { ...tree, catalog };
}

/** Splits argv into command words and the rest (flags and arguments, in order). */
export function scanWords(
  argv: readonly string[],
  isPrefix: (words: readonly string[]) => boolean,
): { words: string[]; rest: string[] } {
  const words: string[] = [];
  const rest: string[] = [];
  let frozen = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (token.startsWith("-") && token !== "-") {
      rest.push(token);
      const name = token.replace(/^--?/, "");
      if (GLOBAL_VALUE_FLAGS.has(name) && i + 1 < argv.length) rest.push(argv[++i]);
      // An unknown flag may take the next word as its value: stop collecting words.
      else if (!name.includes("=") && !(name in GLOBAL_FLAGS) && words.length > 0) frozen = true;
      continue;
    }
    if (!frozen && isPrefix([...words, token])) words.push(token);
    else {
      rest.push(token);
      if (words.length > 0) frozen = true;
    }
  }
  return { words, rest };
}

function groupBrief(children: Set<string>): string {
  const list = [...children].sort().join(", ");
  return list.length > 70 ? `${list.slice(0, 67)}...` : list;
}

/** A placeholder for a command or group off the path the arguments name. */
function stub(brief: string): Command<AppContext> {
  return buildCommand<Record<string, never>, [], AppContext>({
    func() {},
    parameters: {} as never,
    docs: { brief },
  });
}

/** Builds the routing target for `prefix`: full along `path`, stubs elsewhere. */
async function target(tree: Tree, prefix: string[], path: readonly string[]): Promise<Target> {
  const name = prefix.join(" ");
  const onPath = prefix.every((w, i) => path[i] === w);
  const children = tree.children.get(name);
  const build = tree.commands.get(name);
  const brief = tree.briefs.get(name) ?? (children ? groupBrief(children) : "");
  if (!children) {
    return onPath && build ? await build() : stub(brief);
  }
  // A path that is a command and a group at once (`auth`, `query subscribers`): the
  // words end here, so no subcommand is wanted and the command itself runs (and helps).
  if (onPath && build && prefix.length === path.length) return await build();
  const routes: Record<string, Target> = {};
  if (onPath) {
    for (const child of [...children].sort()) {
      routes[child] = await target(tree, [...prefix, child], path);
    }
  } else {
    routes["..."] = stub("");
  }
  return buildRouteMap({ routes, docs: { brief } });
}

function isUsageError(exc: unknown): boolean {
  return exc instanceof CliError && exc.kind === "usage";
}

/** The one-line message for an error (no newline: stricli adds it). */
function errorLine(exc: unknown, ctx: Context): string {
  if (exc instanceof CliError) return `Error: ${oneLine(exc.message)}`;
  const message = exc instanceof Error ? exc.message : String(exc);
  const verbose = ctx.env("SORACOM_VERBOSE");
  const detail = verbose && exc instanceof Error && exc.stack ? `${exc.stack}\n` : "";
  return `${detail}Error: unexpected error: ${
    oneLine(message)
  } (rerun with SORACOM_VERBOSE=1 for details)`;
}

/**
 * A missing Deno permission, on `exc` or one of its causes (the API client wraps
 * fetch errors), as one line naming the flag to add. `deno run` says "run again
 * with the --allow-net flag" and a compiled executable names the `deno compile`
 * flag; either way the message carries the flag. An OS "permission denied" has
 * no flag and stays as it is.
 */
function permissionError(exc: unknown): CliError | undefined {
  let e: unknown = exc;
  for (let depth = 0; e instanceof Error && depth < 8; depth++, e = e.cause) {
    if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) {
      const match = /(--allow-[a-z]+)/.exec(e.message);
      if (!match) return;
      return new CliError(
        "permission",
        `this needs the ${match[1]} permission (${oneLine(e.message.split(",")[0])})`,
      );
    }
  }
  return;
}

/**
 * Runs the CLI with `argv` and returns the exit code.
 *
 * @example
 * ```ts
 * const code = await runCli(["soralets", "list"], realContext());
 * ```
 */
export async function runCli(argv: readonly string[], ctx: Context): Promise<number> {
  if (argv.length === 1 && (argv[0] === "--version" || argv[0] === "version")) {
    ctx.stdout.write(`SORACOM API client v${VERSION}\n`);
    return 0;
  }
  try {
    // Shell completion: answered before the tree is built (its words may hold any flag).
    if (argv[0] === "__complete") {
      return await (await import("./complete.ts")).runComplete(ctx, argv.slice(1));
    }
    return await runTree(argv, ctx);
  } catch (e) {
    const err = permissionError(e) ?? e;
    ctx.stderr.write(`${errorLine(err, ctx)}\n`);
    return err instanceof CliError ? err.exitCode : EXIT_CODES.internal;
  }
}

async function runTree(argv: readonly string[], ctx: Context): Promise<number> {
  let args = [...argv];
  const firstWord = args.find((a) => !a.startsWith("-"));
  if (firstWord === "help") {
    args.splice(args.indexOf("help"), 1);
    args.push("--help");
  }
  const handOnly = firstWord !== undefined && firstWord !== "help" &&
    Object.keys(HAND_WRITTEN).some((n) => n.split(" ")[0] === firstWord) &&
    firstWord !== "auth" && firstWord !== "logout";
  const tree = await buildTree(ctx, !handOnly);
  const prefixes = new Set<string>();
  for (const key of tree.commands.keys()) {
    const w = key.split(" ");
    for (let i = 1; i <= w.length; i++) prefixes.add(w.slice(0, i).join(" "));
  }
  const { words, rest } = scanWords(args, (w) => prefixes.has(w.join(" ")));
  if (rest.includes("--version") && !rest.includes("--help")) {
    ctx.stdout.write(`SORACOM API client v${VERSION}\n`);
    return 0;
  }
  args = [...words, ...rest];
  const root = await target(tree, [], words) as RouteMap<AppContext>;
  let thrown: unknown;
  const app = buildApplication<AppContext>(root, {
    name: "soracom",
    scanner: { caseStyle: "original" },
    documentation: { disableAnsiColor: true },
    determineExitCode: (exc) => {
      thrown = exc;
      return permissionError(exc)?.exitCode ??
        (exc instanceof CliError ? exc.exitCode : EXIT_CODES.internal);
    },
    localization: {
      text: {
        ...text_en,
        noCommandRegisteredForInput: ({ input, corrections }) => {
          const where = ["soracom", ...words].join(" ");
          const hint = corrections.length > 0
            ? ` (did you mean ${
              corrections.map((c) => `"${c.replaceAll("`", "")}"`).join(" or ")
            }?)`
            : "";
          return `Error: unknown command "${input}" for "${where}"${hint}; run '${where} --help' for usage`;
        },
        exceptionWhileParsingArguments: (exc) => {
          if (exc instanceof UnexpectedPositionalError) {
            return `Error: unexpected arguments passed => [${
              rest.filter((r) => !r.startsWith("-")).join(" ")
            }]`;
          }
          if (exc instanceof CliError) return errorLine(exc, ctx);
          if (exc instanceof FlagNotFoundError) {
            const hint = exc.corrections.length > 0
              ? ` (did you mean ${exc.corrections.map((c) => `--${c}`).join(" or ")}?)`
              : "";
            return `Error: unknown flag: --${exc.input}${hint}`;
          }
          if (exc instanceof ArgumentParseError && exc.exception instanceof CliError) {
            return errorLine(exc.exception, ctx);
          }
          const message = exc instanceof Error && "_brand" in exc
            ? formatMessageForArgumentScannerError(exc as never, {})
            : exc instanceof Error
            ? exc.message
            : String(exc);
          return `Error: ${oneLine(message)}`;
        },
        exceptionWhileRunningCommand: (exc) => errorLine(permissionError(exc) ?? exc, ctx),
        exceptionWhileLoadingCommandFunction: (exc) => errorLine(exc, ctx),
        exceptionWhileLoadingCommandContext: (exc) => errorLine(exc, ctx),
        commandErrorResult: (err) => errorLine(err, ctx),
      },
    },
  });
  const process: {
    stdout: { write(s: string): void };
    stderr: { write(s: string): void };
    exitCode?: number;
  } = {
    stdout: { write: (s) => ctx.stdout.write(s) },
    stderr: { write: (s) => ctx.stderr.write(s) },
  };
  await run(app, args, { process, ctx } as AppContext & { process: typeof process });
  const code = Number(process.exitCode ?? 0);
  if (code >= 0) return code;
  // stricli's own negative codes: argument and routing problems are usage errors.
  if (code === -4 || code === -5) return EXIT_CODES.usage;
  return isUsageError(thrown) ? EXIT_CODES.usage : EXIT_CODES.internal;
}
