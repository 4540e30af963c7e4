/**
 * Flag definitions as data, names and types only: the global flags every
 * command has, and the parsers that turn flag text into typed values (with
 * errors that list enum values and name the flag). `argv.ts` reads a command
 * line against them; what a flag is for is said in `src/catalog/text/*.json`.
 *
 * @module
 */

import type { LoginOptions } from "../auth/invocation.ts";
import type { ParamType } from "../catalog/types.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";

/** The global flags as a command receives them (see {@link GLOBAL_FLAGS}). */
export interface GlobalFlagValues {
  /** `--profile`. */
  readonly profile?: string;
  /** `--coverage-type`: `jp` or `g`. */
  readonly "coverage-type"?: string;
  /** `--api-key`. */
  readonly "api-key"?: string;
  /** `--api-token`. */
  readonly "api-token"?: string;
  /** `--auth-key-id`. */
  readonly "auth-key-id"?: string;
  /** `--auth-key`. */
  readonly "auth-key"?: string;
  /** `--profile-command`. */
  readonly "profile-command"?: string;
  /** `--mfa-otpcode`. */
  readonly "mfa-otpcode"?: string;
  /** `--raw-output`. */
  readonly "raw-output"?: boolean;
  /** `--no-retry-on-error`. */
  readonly "no-retry-on-error"?: boolean;
  /** `--no-session-cache`. */
  readonly "no-session-cache"?: boolean;
  /** `--allow-insecure-endpoint`. */
  readonly "allow-insecure-endpoint"?: boolean;
}

/** The global options a command hands to the API layer: the login ones and `--raw-output`. */
export interface GlobalOptions extends LoginOptions {
  /** `--raw-output`: print the response body as it came. */
  readonly rawOutput?: boolean;
}

/** A flag without a value (`--x`; `--x=true` and `--x=false` too, as with pflag). */
export interface BooleanFlagSpec {
  /** A switch. */
  readonly kind: "boolean";
  /** Left out of help and completion. */
  readonly hidden?: boolean;
}

/** A flag with a value, which `parse` turns into a `T` (or refuses with a usage error). */
export interface ParsedFlagSpec<T = unknown> {
  /** A flag with a value. */
  readonly kind: "parsed";
  /** The value as the command receives it. */
  readonly parse: (input: string) => T;
  /** May be given more than once; the command receives every value, in order. */
  readonly variadic?: boolean;
  /** The value's name in usage lines (`a|b|c` lists allowed values). */
  readonly placeholder?: string;
  /**
   * The value of the flag written alone (`--dry-run` is `--dry-run=http`): it
   * then takes a value only as `--flag=value`, never from the next word.
   */
  readonly optionalValue?: string;
  /** The value a run takes when the flag is not given, for help to say (`default: json`). */
  readonly default?: string;
  /** Left out of help and completion. */
  readonly hidden?: boolean;
}

/** One flag's definition (flags are data: most are built from the catalogue). */
export type FlagSpec = BooleanFlagSpec | ParsedFlagSpec;

/** Flag name -> definition. */
export type FlagSpecs = Record<string, FlagSpec>;

/**
 * Flag name -> the value a command receives: what the spec's `parse` made,
 * `true` for a switch, an array for a repeatable flag, `undefined` when not given.
 */
export type FlagValues = Record<string, unknown>;

/**
 * The definitions a command with flags `F` must have: one per key of `F`, a
 * boolean flag for a boolean, a parser returning the key's type otherwise.
 * A command's spec typed with it cannot drift from the flags its code reads.
 */
export type FlagSpecsOf<F> = {
  readonly [K in keyof F]-?: [NonNullable<F[K]>] extends [boolean] ? BooleanFlagSpec
    : [NonNullable<F[K]>] extends [readonly (infer E)[]] ? ParsedFlagSpec<E> & { variadic: true }
    : ParsedFlagSpec<NonNullable<F[K]>>;
};

/** A flag that takes a value; `variadic` ones may repeat. */
function parsedFlag<T>(
  placeholder: string,
  parse: (input: string) => T,
  variadic = false,
): ParsedFlagSpec<T> {
  return {
    kind: "parsed",
    parse,
    placeholder,
    ...(variadic ? { variadic } : {}),
  };
}

/** A string flag; `placeholder` names its value in usage lines. */
export function stringFlag(placeholder = "string"): ParsedFlagSpec<string> {
  return parsedFlag(placeholder, String);
}

/** A whole-number flag: a value that is not one is a usage error naming the flag. */
export function integerFlag(flag: string, placeholder = "int"): ParsedFlagSpec<number> {
  return parsedFlag(placeholder, parseNumeric(flag, Number.isSafeInteger, "notAnInteger"));
}

/** A boolean flag (`--x`, `--x=true`, `--x=false`). */
export function booleanFlag(): BooleanFlagSpec {
  return { kind: "boolean" };
}

/** A parser for numeric flags: `accept` says which numbers are allowed, `refusal` what to say. */
function parseNumeric(
  flag: string,
  accept: (n: number) => boolean,
  refusal: "notAnInteger" | "notANumber",
) {
  return (input: string): number => {
    const n = Number(input.trim());
    if (input.trim() === "" || !accept(n)) throw new CliError("usage", said(refusal, input, flag));
    return n;
  };
}

function parseEnum(flag: string, values: readonly string[]) {
  return (input: string): string => {
    if (values.includes(input)) return input;
    throw new CliError("usage", said("notAllowed", input, flag, values));
  };
}

function parseEnumList(flag: string, values: readonly string[]) {
  const one = parseEnum(flag, values);
  return (input: string): string => {
    for (const part of input.split(",")) if (part !== "") one(part);
    return input;
  };
}

/** A string flag that may be given more than once (the command receives every value). */
export function repeatedStringFlag(
  placeholder: string,
): ParsedFlagSpec<string> & { variadic: true } {
  return { ...parsedFlag(placeholder, String, true), variadic: true };
}

/** A string flag that takes one of `values`; `byDefault` is the one a run takes without it. */
export function enumFlag(
  flag: string,
  values: readonly string[],
  byDefault?: string,
): ParsedFlagSpec<string> {
  const spec = parsedFlag(values.join("|"), parseEnum(flag, values));
  return byDefault === undefined ? spec : { ...spec, default: byDefault };
}

/** A flag whose value is optional: alone it means `values[0]`; `--flag=value` picks another. */
export function optionalValueFlag(flag: string, values: readonly string[]): ParsedFlagSpec<string> {
  return { ...enumFlag(flag, values), optionalValue: values[0] };
}

/** A flag for an API parameter of the given type. */
export function typedFlag(
  flag: string,
  type: ParamType,
  enumValues?: readonly string[],
): FlagSpec {
  switch (type) {
    case "boolean":
      return booleanFlag();
    case "integer":
      return parsedFlag("int", parseNumeric(flag, Number.isSafeInteger, "notAnInteger"));
    case "number":
      return parsedFlag("number", parseNumeric(flag, Number.isFinite, "notANumber"));
    case "array":
      return parsedFlag("strings", enumValues ? parseEnumList(flag, enumValues) : String, true);
    case "string":
      return parsedFlag(
        enumValues ? enumValues.join("|") : "string",
        enumValues ? parseEnum(flag, enumValues) : String,
      );
  }
}

/** The global flags, on every command (their text: `globalFlags` in `catalog/text/*.json`). */
export const GLOBAL_FLAGS: FlagSpecsOf<GlobalFlagValues> & FlagSpecs = {
  "profile": stringFlag("name"),
  "coverage-type": enumFlag("coverage-type", ["jp", "g"]),
  "api-key": stringFlag("key"),
  "api-token": stringFlag("token"),
  "auth-key-id": stringFlag("id"),
  "auth-key": stringFlag("secret"),
  "profile-command": stringFlag("command"),
  "mfa-otpcode": stringFlag("code"),
  "raw-output": booleanFlag(),
  "no-retry-on-error": booleanFlag(),
  "no-session-cache": booleanFlag(),
  "allow-insecure-endpoint": booleanFlag(),
};

/** Global flags that take a value (the command-word scanner skips their values). */
export const GLOBAL_VALUE_FLAGS: ReadonlySet<string> = new Set(
  Object.entries(GLOBAL_FLAGS).filter(([, spec]) => spec.kind === "parsed").map(([name]) => name),
);

/**
 * A command's flags: its own first (they shadow global flags of the same name,
 * as in soracom-cli), then the global ones.
 */
export function withGlobalFlags(local: FlagSpecs): FlagSpecs {
  const flags: FlagSpecs = { ...local };
  for (const [name, spec] of Object.entries(GLOBAL_FLAGS)) flags[name] ??= spec;
  return flags;
}

function str(value: unknown): string | undefined {
  return typeof value === "string" ? value : undefined;
}

/**
 * The global options from parsed flags. A command's own flag of the same name
 * shadows the global one, which then stays empty (as in soracom-cli).
 */
export function globalOptions(
  flags: GlobalFlagValues,
  shadowed: ReadonlySet<string> = new Set(),
): GlobalOptions {
  const get = (name: keyof GlobalFlagValues) => (shadowed.has(name) ? undefined : flags[name]);
  return {
    profile: str(get("profile")),
    coverageType: str(get("coverage-type")),
    apiKey: str(get("api-key")),
    apiToken: str(get("api-token")),
    authKeyId: str(get("auth-key-id")),
    authKey: str(get("auth-key")),
    profileCommand: str(get("profile-command")),
    mfaOtpcode: str(get("mfa-otpcode")),
    rawOutput: get("raw-output") === true,
    noRetryOnError: get("no-retry-on-error") === true,
    noSessionCache: get("no-session-cache") === true,
    allowInsecureEndpoint: get("allow-insecure-endpoint") === true,
  };
}
