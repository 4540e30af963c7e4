/**
 * The one reader of argv. Running a command (`app.ts`) and completing one
 * (`complete.ts`) both go through it, so they agree on where the command words
 * end, which tokens are flag values and which are arguments:
 *
 * 1. {@link helpWord} finds the first command word (`help` there means `--help`);
 * 2. {@link scanWords} takes the command words, knowing only the global flags;
 * 3. {@link splitFlags} splits the rest into flag uses and arguments, knowing
 *    the command's flags;
 * 4. {@link readFlags} turns the uses into the values the command receives,
 *    and refuses (in our words) what no command takes.
 *
 * Rules shared by all: global flags (and their values) may come before, between
 * or after the command words; an unknown flag or an argument after a command
 * word ends the command path (it may take the next word as its value); `--`
 * ends the flags.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { scanWords } from "./argv.ts";
 *
 * const groups = new Set(["soralets", "soralets list"]);
 * const { words, rest } = scanWords(
 *   ["--profile", "sam", "soralets", "list", "--limit", "3"],
 *   (w) => groups.has(w.join(" ")),
 * );
 * assert.equal(words.join(" "), "soralets list");
 * assert.equal(rest.join(" "), "--profile sam --limit 3");
 * ```
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import {
  type FlagSpec,
  type FlagSpecs,
  type FlagValues,
  GLOBAL_FLAGS,
  GLOBAL_VALUE_FLAGS,
} from "./flags.ts";
import { closest } from "../suggest.ts";

/** One flag as written: its name and where its tokens are (`--x v`, `--x=v` or `--x`). */
export interface FlagUse {
  /** The name without dashes or `=value`. */
  readonly name: string;
  /** Its index in the tokens it was found in. */
  readonly at: number;
  /** How many tokens it takes: 2 for `--x v`, else 1. */
  readonly count: number;
}

/** Tokens split by {@link splitFlags}. */
export interface SplitFlags {
  /** The flags, in order. */
  readonly flags: FlagUse[];
  /** The arguments (tokens that are neither flags nor their values), `--` and what follows it. */
  readonly positional: string[];
  /** The last token is a flag that takes a value, and the value is still to come. */
  readonly dangling?: FlagUse;
  /** A `--` was seen: nothing after it is a flag. */
  readonly terminated: boolean;
}

/** `--name`, `-name` or `--name=value` -> `name`. */
export function flagName(token: string): string {
  const body = token.replace(/^--?/, "");
  const eq = body.indexOf("=");
  return eq < 0 ? body : body.slice(0, eq);
}

/** Whether `token` is written as a flag (`-` alone is an argument: "stdin"). */
function isFlag(token: string): boolean {
  return token.startsWith("-") && token !== "-";
}

/** `specs[name]`, but only for the object's own keys (`constructor` is not a flag). */
export function own(specs: Readonly<FlagSpecs>, name: string): FlagSpec | undefined {
  return Object.hasOwn(specs, name) ? specs[name] : undefined;
}

/**
 * The index of the first command word, skipping the values of global flags
 * (`--profile completion soralets list` starts at `soralets`); -1 when none.
 */
export function firstWordAt(argv: readonly string[]): number {
  return argv.findIndex((a, i) =>
    !a.startsWith("-") && !(i > 0 && GLOBAL_VALUE_FLAGS.has(argv[i - 1].replace(/^--?/, "")))
  );
}

/**
 * `argv` with a first command word `help` taken out (`soracom help sims get`
 * is `soracom sims get --help`), and whether it was there.
 */
export function helpWord(argv: readonly string[]): { argv: string[]; help: boolean } {
  const at = firstWordAt(argv);
  if (at < 0 || argv[at] !== "help") return { argv: [...argv], help: false };
  return { argv: [...argv.slice(0, at), ...argv.slice(at + 1)], help: true };
}

/**
 * Splits argv into command words and the rest (flags and arguments, in
 * order). `isPrefix(words)` says whether `words` lead to a command or group.
 * Only global flags are known here: an unknown flag after a command word ends
 * the words, since it may take the next word as its value. `ended` says that
 * something after a command word ended them (no more words may follow).
 */
export function scanWords(
  argv: readonly string[],
  isPrefix: (words: readonly string[]) => boolean,
): { words: string[]; rest: string[]; ended: boolean } {
  const words: string[] = [];
  const rest: string[] = [];
  let frozen = false;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i];
    if (token === "--") {
      rest.push(...argv.slice(i));
      break;
    }
    if (isFlag(token)) {
      rest.push(token);
      const name = token.replace(/^--?/, "");
      if (GLOBAL_VALUE_FLAGS.has(name) && i + 1 < argv.length) rest.push(argv[++i]);
      else if (!name.includes("=") && !(name in GLOBAL_FLAGS) && words.length > 0) frozen = true;
      continue;
    }
    if (!frozen && isPrefix([...words, token])) words.push(token);
    else {
      rest.push(token);
      if (words.length > 0) frozen = true;
    }
  }
  return { words, rest, ended: frozen };
}

/**
 * Splits the non-command tokens into flag uses and arguments, using the
 * command's flag definitions to know which flags take a value.
 */
export function splitFlags(rest: readonly string[], specs: Readonly<FlagSpecs>): SplitFlags {
  const flags: FlagUse[] = [];
  const positional: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    const token = rest[i];
    if (token === "--") {
      positional.push(...rest.slice(i + 1));
      return { flags, positional, terminated: true };
    }
    if (!isFlag(token)) {
      positional.push(token);
      continue;
    }
    const name = flagName(token);
    const spec = own(specs, name);
    const wantsValue = spec?.kind === "parsed" && spec.optionalValue === undefined &&
      !token.includes("=");
    const use = { name, at: i, count: wantsValue && i + 1 < rest.length ? 2 : 1 };
    flags.push(use);
    if (wantsValue && use.count === 1) {
      return { flags, positional, dangling: use, terminated: false };
    }
    i += use.count - 1;
  }
  return { flags, positional, terminated: false };
}

/** `--help`, `-h` (or `--h`, `-help`): help asked for. */
export function isHelp(use: FlagUse): boolean {
  return use.name === "help" || use.name === "h";
}

/** What a command line hands a command: its flags' values and its arguments. */
export interface Reading {
  /** Every flag of the specs, by name: its value, or `undefined` when not given. */
  readonly values: FlagValues;
  /** The arguments, those after `--` included. */
  readonly args: readonly string[];
}

/** pflag's words for a switch's value (`--fetch-all=false`), in any case. */
const TRUE_WORDS: ReadonlySet<string> = new Set(["1", "t", "true"]);
const FALSE_WORDS: ReadonlySet<string> = new Set(["0", "f", "false"]);

function parseSwitch(flag: string, input: string): boolean {
  const word = input.toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  throw new CliError("usage", said("notABoolean", input, flag));
}

/** The spec of the flag `token` uses, or a usage error naming the closest flags. */
function specOf(token: string, name: string, specs: Readonly<FlagSpecs>): FlagSpec {
  const spec = own(specs, name);
  // Only `--name` is a long flag (pflag reads `-name` as the short flags n, a, m, e).
  if (spec && token.startsWith("--")) return spec;
  const written = token.slice(0, token.includes("=") ? token.indexOf("=") : undefined);
  const names = Object.keys(specs).filter((n) => !specs[n].hidden);
  const near = spec ? [name] : closest(name, [...names, "help"]);
  throw new CliError("usage", said("unknownFlag", written, near));
}

/**
 * Reads the flags and arguments after the command words against the command's
 * flags, as soracom-cli does: `--name value`, `--name=value` (a value may
 * start with `-`), `--name` alone for a switch (or `--name=true|false`) and for
 * a flag of optional value; the last of a repeated flag wins, except for a
 * repeatable one, which keeps every value in order; `--` ends the flags.
 * `--help` and `--version` are the dispatcher's: it looks for them first.
 *
 * @throws CliError (`usage`) for an unknown flag, a flag without its value, or
 * a value its flag refuses
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { readFlags } from "./argv.ts";
 * import { booleanFlag, stringFlag } from "./flags.ts";
 *
 * const specs = { name: stringFlag(), loud: booleanFlag() };
 * const { values, args } = readFlags(["--name", "a", "x", "--name=b", "--loud", "--", "-y"], specs);
 * assert.deepEqual(values, { name: "b", loud: true });
 * assert.deepEqual(args, ["x", "-y"]);
 * ```
 */
export function readFlags(
  rest: readonly string[],
  specs: Readonly<FlagSpecs>,
  split: SplitFlags = splitFlags(rest, specs),
): Reading {
  const values: FlagValues = {};
  for (const name of Object.keys(specs)) values[name] = undefined;
  for (const use of split.flags) {
    const token = rest[use.at];
    const spec = specOf(token, use.name, specs);
    if (use === split.dangling) throw new CliError("usage", said("flagNeedsValue", use.name));
    const eq = token.indexOf("=");
    const input = eq >= 0 ? token.slice(eq + 1) : use.count === 2 ? rest[use.at + 1] : undefined;
    if (spec.kind === "boolean") {
      values[use.name] = input === undefined ? true : parseSwitch(use.name, input);
      continue;
    }
    // splitFlags took the next word as the value unless the flag's value is optional.
    const value = spec.parse(input ?? spec.optionalValue ?? "");
    values[use.name] = spec.variadic
      ? [...(values[use.name] as unknown[] | undefined ?? []), value]
      : value;
  }
  return { values, args: split.positional };
}
