/**
 * The one reader of argv. Running a command (`app.ts`) and completing one
 * (`complete.ts`) both go through it, so they agree on where the command words
 * end, which tokens are flag values and which are arguments:
 *
 * 1. {@link helpWord} finds the first command word (`help` there means `--help`);
 * 2. {@link scanWords} takes the command words, knowing only the global flags;
 * 3. {@link splitFlags} splits the rest into flag uses and arguments, knowing
 *    the command's flags;
 * 4. {@link lastUseWins} and {@link plainFlags} turn the uses into what the
 *    command receives.
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

import { type FlagSpec, type FlagSpecs, GLOBAL_FLAGS, GLOBAL_VALUE_FLAGS } from "./flags.ts";

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

/**
 * pflag lets the last of a repeated flag win (aliases and wrappers rely on it);
 * stricli refuses, echoing both values. Drops all but the last use of flags that
 * take one value, keeping every other token in its place.
 */
export function lastUseWins(
  rest: readonly string[],
  flags: readonly FlagUse[],
  specs: Readonly<FlagSpecs>,
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
      out.push(rest[i]); // an argument, in its place
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
 * `tokens` with each flag of an optional value written alone given its value
 * (`--dry-run` -> `--dry-run=http`), for stricli, which knows no such flags.
 */
export function explicitValues(tokens: readonly string[], specs: Readonly<FlagSpecs>): string[] {
  return tokens.map((token) => {
    if (!token.startsWith("--") || token.includes("=")) return token;
    const spec = own(specs, token.slice(2));
    return spec?.kind === "parsed" && spec.optionalValue !== undefined
      ? `${token}=${spec.optionalValue}`
      : token;
  });
}

/** Flag name -> the value a command receives (`undefined` when not given). */
export type FlagValues = Record<string, unknown>;

/**
 * The flags as stricli would hand them to the command, when every token is a
 * plain `--name value`, `--name=value` or `--name` (for a boolean) of `specs`
 * and every value parses; `undefined` otherwise (a repeated one-value flag
 * too), and stricli then runs the command and words any error.
 */
export function plainFlags(
  tokens: readonly string[],
  specs: Readonly<FlagSpecs>,
): FlagValues | undefined {
  const flags: FlagValues = {};
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
    const input = eq >= 0 ? token.slice(eq + 1) : spec.optionalValue ?? tokens[++i];
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
