/**
 * The command tree and its run. Only the branch the arguments name is built
 * (with its flags); everything else is a cheap stub, so start-up stays fast
 * with 500 commands. Global flags may come before the command words, as with
 * soracom-cli (`soracom --profile sam soralets list`).
 *
 * @module
 */

import type { Command, RouteMap } from "@stricli/core";
import type { Context } from "../context.ts";
import { CliError, EXIT_CODES, oneLine } from "../errors.ts";
import { detectLang, type Lang, messages, said } from "../messages.ts";
import { VERSION } from "../version.ts";
import { type AppContext, type FlagSpec, GLOBAL_FLAGS, GLOBAL_VALUE_FLAGS } from "./flags.ts";
import { HAND_WRITTEN } from "./commands/registry.ts";
import { buildTree, type Tree } from "./tree.ts";

type Target = Command<AppContext> | RouteMap<AppContext>;
/** stricli, imported when a command tree is needed (`--version` does without it). */
type Stricli = typeof import("@stricli/core");

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

/** A placeholder for a command or group off the path the arguments name. */
function stub(s: Stricli, brief: string): Command<AppContext> {
  return s.buildCommand<Record<string, never>, [], AppContext>({
    func() {},
    parameters: {} as never,
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

function isUsageError(exc: unknown): boolean {
  return exc instanceof CliError && exc.kind === "usage";
}

/** The one-line message for an error, and its hint line if any (no final newline: stricli adds it). */
function errorLine(exc: unknown, ctx: Context): string {
  const lang = langOf(ctx);
  const m = messages(lang);
  if (exc instanceof CliError) {
    const line = `Error: ${oneLine(exc.textIn(lang))}`;
    return exc.hint ? `${line}\n${m.hint}: ${oneLine(exc.hint)}` : line;
  }
  const message = exc instanceof Error ? exc.message : String(exc);
  // This runs while reporting another error: it must not throw one of its own.
  let verbose: string | undefined;
  try {
    verbose = ctx.env("SORACOM_VERBOSE");
  } catch {
    verbose = undefined;
  }
  const detail = verbose && exc instanceof Error && exc.stack ? `${exc.stack}\n` : "";
  return `${detail}Error: ${m.unexpectedError(oneLine(message))}`;
}

/** The user's language; English when even that cannot be read (this runs while reporting). */
function langOf(ctx: Context): Lang {
  try {
    return detectLang((n) => ctx.env(n));
  } catch {
    return "en";
  }
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
        said("needsPermission", match[1], oneLine(e.message.split(",")[0])),
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

/** One flag as written: its name and where its tokens are (`--x v`, `--x=v` or `--x`). */
interface FlagUse {
  readonly name: string;
  readonly at: number;
  readonly count: number;
}

/**
 * Splits the non-command tokens into flag uses and positional arguments, using
 * the command's flag definitions to know which flags take a value.
 */
function splitFlags(
  rest: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
): { flags: FlagUse[]; positional: string[] } {
  const flags: FlagUse[] = [];
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (token === "--") {
      positional.push(...rest.slice(i + 1));
      break;
    }
    if (!token.startsWith("-") || token === "-") {
      positional.push(token);
      continue;
    }
    const name = token.replace(/^--?/, "").split("=")[0];
    const takesValue = specs[name]?.kind === "parsed" && !token.includes("=") &&
      i + 1 < rest.length;
    flags.push({ name, at: i, count: takesValue ? 2 : 1 });
    if (takesValue) i++;
  }
  return { flags, positional };
}

/**
 * pflag lets the last of a repeated flag win (aliases and wrappers rely on it);
 * stricli refuses, echoing both values. Drop all but the last use of flags that
 * take one value, keeping every other token in its place.
 */
function lastUseWins(
  rest: readonly string[],
  flags: readonly FlagUse[],
  specs: Readonly<Record<string, FlagSpec>>,
): string[] {
  const starts = new Map<number, { use: FlagUse; keep: boolean }>();
  flags.forEach((use, i) => {
    const spec = own(specs, use.name);
    const repeatable = spec?.kind === "parsed" && spec.variadic === true;
    const later = flags.slice(i + 1).some((next) => next.name === use.name);
    starts.set(use.at, { use, keep: repeatable || !later });
  });
  const out: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const start = starts.get(i);
    if (start === undefined) {
      out.push(rest[i]); // a positional argument, in its place
      continue;
    }
    const { use, keep } = start;
    // `--name=value`: as with pflag, a value may start with "-" (`--password -x`, `--body -`).
    if (keep && use.count === 2 && rest[i + 1].startsWith("-")) {
      out.push(`${rest[i]}=${rest[i + 1]}`);
    } else if (keep) {
      out.push(...rest.slice(i, i + use.count));
    }
    i += use.count - 1;
  }
  return out;
}

/**
 * The flags as stricli would hand them to the command, when every token is a
 * plain `--name value`, `--name=value` or `--name` (for a boolean) of `specs`
 * and every value parses; `undefined` otherwise (a repeated one-value flag
 * too), and stricli then runs the command and words any error.
 */
export function plainFlags(
  tokens: readonly string[],
  specs: Readonly<Record<string, FlagSpec>>,
): Record<string, unknown> | undefined {
  const flags: Record<string, unknown> = {};
  for (const name of Object.keys(specs)) flags[name] = undefined;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (!token.startsWith("--")) return undefined;
    const eq = token.indexOf("=");
    const name = token.slice(2, eq < 0 ? undefined : eq);
    const spec = own(specs, name);
    const repeatable = spec?.kind === "parsed" && spec.variadic === true;
    if (spec === undefined || (!repeatable && flags[name] !== undefined)) return undefined;
    if (spec.kind === "boolean") {
      if (eq >= 0) return undefined;
      flags[name] = true;
      continue;
    }
    const input = eq >= 0 ? token.slice(eq + 1) : tokens[++i];
    // stricli reads `--name -x` as two flags, and refuses `--name=`.
    if (input === undefined || input === "" || (eq < 0 && input.startsWith("-"))) return undefined;
    let value: unknown;
    try {
      value = spec.parse(input);
    } catch {
      return undefined;
    }
    flags[name] = repeatable ? [...(flags[name] as unknown[] | undefined ?? []), value] : value;
  }
  return flags;
}

/** `specs[name]`, but only for the object's own keys (`constructor` is not a flag). */
function own(specs: Readonly<Record<string, FlagSpec>>, name: string): FlagSpec | undefined {
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}

async function runTree(argv: readonly string[], ctx: Context): Promise<number> {
  let args = [...argv];
  // The first command word, skipping the values of global flags (`--profile completion soralets list`).
  const firstWord = args.find((a, i) =>
    !a.startsWith("-") && !(i > 0 && GLOBAL_VALUE_FLAGS.has(args[i - 1].replace(/^--?/, "")))
  );
  if (firstWord === "help") {
    args.splice(args.indexOf("help"), 1);
    args.push("--help");
  }
  const handOnly = firstWord !== undefined && firstWord !== "help" &&
    Object.keys(HAND_WRITTEN).some((n) => n.split(" ")[0] === firstWord) &&
    firstWord !== "auth" && firstWord !== "logout";
  const tree = await buildTree(ctx, !handOnly);
  const { words, rest } = scanWords(args, (w) => tree.isPrefix(w));
  const leafName = words.join(" ");
  // The command's operation: its group of the catalogue, not all of them.
  await tree.load(leafName);
  const isLeaf = words.length > 0 && tree.isCommand(leafName);
  const op = isLeaf ? tree.apiOp(leafName) : undefined;
  const api = op && { op, module: await import("./api_run.ts") };
  let leaf = isLeaf && !api ? await tree.build(leafName) : undefined;
  const specs = api?.module.commandFlags(api.op) ??
    (leaf?.parameters.flags ?? GLOBAL_FLAGS) as Readonly<Record<string, FlagSpec>>;
  const { flags: used, positional } = splitFlags(rest, specs);
  // `--version` is ours everywhere except where a command has its own (`soralets delete-version`).
  const wantsHelp = used.some((u) => u.name === "help" || u.name === "h");
  if (used.some((u) => u.name === "version") && !own(specs, "version") && !wantsHelp) {
    ctx.stdout.write(`SORACOM API client v${VERSION}\n`);
    return 0;
  }
  const inherited = used.find((u) => !own(specs, u.name) && u.name in Object.prototype);
  if (inherited) throw new CliError("usage", said("unknownFlag", inherited.name, []));
  const allKnown = used.every((u) => own(specs, u.name) || u.name === "help" || u.name === "h");
  // `exec` takes a command after `--`; no other command takes positional arguments.
  const takesArguments = (leaf?.parameters.positional as { kind?: string } | undefined)?.kind ===
    "array";
  if (
    (leaf || api) && allKnown && positional.length > 0 && !wantsHelp && !takesArguments
  ) {
    // No command takes positional arguments (soracom-cli's message; flag values never listed).
    throw new CliError("usage", said("unexpectedArguments", positional.join(" ")));
  }
  // Help: asked for, or a group (or nothing) named without a command, as soracom-cli shows it.
  if (
    positional.length === 0 && (isLeaf ? wantsHelp : allKnown || wantsHelp)
  ) {
    const { helpPage } = await import("./help_run.ts");
    ctx.stdout.write(await helpPage(ctx, tree, words, isLeaf ? specs : undefined));
    return 0;
  }
  const tokens = lastUseWins(rest, used, specs);
  // An API command with plain flags runs without stricli: building the routes and the
  // application, and scanning, take longer than the rest of a warm call's own work.
  const plain = api && !wantsHelp ? plainFlags(tokens, specs) : undefined;
  if (api && plain) {
    await api.module.runApiCommand(ctx, api.op, plain);
    return 0;
  }
  if (isLeaf) leaf ??= await tree.build(leafName);
  args = [...words, ...tokens];
  const stricli = await import("@stricli/core");
  const {
    ArgumentParseError,
    FlagNotFoundError,
    formatMessageForArgumentScannerError,
    text_en,
    UnexpectedPositionalError,
  } = stricli;
  // Help lists the routes off the path with their briefs; any other run needs only their names.
  const helping = leaf === undefined || wantsHelp;
  // A brief of an API command is its method and path: help loads every operation.
  if (helping) await tree.load("");
  const offPath = helping ? undefined : stub(stricli, "");
  const root = await target(stricli, tree, [], words, offPath, leaf) as RouteMap<AppContext>;
  let thrown: unknown;
  const app = stricli.buildApplication<AppContext>(root, {
    name: "soracom",
    scanner: { caseStyle: "original", allowArgumentEscapeSequence: takesArguments },
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
          const fixes = corrections.map((c) => c.replaceAll("`", ""));
          return `Error: ${messages(langOf(ctx)).unknownCommand(input, where, fixes)}`;
        },
        exceptionWhileParsingArguments: (exc) => {
          const m = messages(langOf(ctx));
          if (exc instanceof UnexpectedPositionalError) {
            return `Error: ${m.unexpectedArguments(positional.join(" "))}`;
          }
          if (exc instanceof CliError) return errorLine(exc, ctx);
          if (exc instanceof FlagNotFoundError) {
            return `Error: ${m.unknownFlag(exc.input, exc.corrections)}`;
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
  const setExitCode = (code: number) => {
    process.exitCode = code;
  };
  await stricli.run(
    app,
    args,
    { process, ctx, setExitCode } as AppContext & { process: typeof process },
  );
  const code = Number(process.exitCode ?? 0);
  if (code >= 0) return code;
  // stricli's own negative codes: argument and routing problems are usage errors.
  if (code === -4 || code === -5) return EXIT_CODES.usage;
  return isUsageError(thrown) ? EXIT_CODES.usage : EXIT_CODES.internal;
}
