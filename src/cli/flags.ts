/**
 * Flag definitions as data: the global flags every command has, and the
 * parsers that turn flag text into typed values (with errors that list enum
 * values and name the flag).
 *
 * @module
 */

import type { CommandContext } from "@stricli/core";
import type { GlobalOptions } from "../auth/credentials.ts";
import type { ParamType } from "../catalog/types.ts";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";

/** The stricli context: stricli's streams plus our {@link Context}. */
export interface AppContext extends CommandContext {
  readonly ctx: Context;
  /** Sets the exit code of a command that ends without an error (`exec`, `auth status`). */
  setExitCode(code: number): void;
}

/** The global flags as a command receives them (see {@link GLOBAL_FLAGS}). */
export interface GlobalFlagValues {
  readonly profile?: string;
  readonly "coverage-type"?: string;
  readonly "api-key"?: string;
  readonly "api-token"?: string;
  readonly "auth-key-id"?: string;
  readonly "auth-key"?: string;
  readonly "profile-command"?: string;
  readonly "mfa-otpcode"?: string;
  readonly "raw-output"?: boolean;
  readonly "no-retry-on-error"?: boolean;
  readonly "no-session-cache"?: boolean;
}

/** One stricli flag definition, loosely typed (flags are built from data). */
export type FlagSpec =
  | {
    readonly kind: "boolean";
    readonly optional: true;
    readonly withNegated: false;
    readonly brief: string;
    readonly hidden?: boolean;
  }
  | {
    readonly kind: "parsed";
    readonly parse: (input: string) => unknown;
    readonly optional: true;
    readonly variadic?: boolean;
    readonly brief: string;
    readonly placeholder?: string;
    readonly hidden?: boolean;
  };

/** Flag name -> definition. */
export type FlagSpecs = Record<string, FlagSpec>;

/** A flag that takes a value; `variadic` ones may repeat. */
function parsedFlag(
  brief: string,
  placeholder: string,
  parse: (input: string) => unknown,
  variadic = false,
): FlagSpec {
  return {
    kind: "parsed",
    parse,
    optional: true,
    brief,
    placeholder,
    ...(variadic ? { variadic } : {}),
  };
}

/** A string flag. */
export function stringFlag(brief: string, placeholder = "string"): FlagSpec {
  return parsedFlag(brief, placeholder, String);
}

/** A boolean flag (`--x`, `--x=true`, `--x=false`). */
export function booleanFlag(brief: string): FlagSpec {
  return { kind: "boolean", optional: true, withNegated: false, brief };
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
    throw new CliError("usage", said("notAllowed", input, flag, values.join(", ")));
  };
}

function parseEnumList(flag: string, values: readonly string[]) {
  const one = parseEnum(flag, values);
  return (input: string): string => {
    for (const part of input.split(",")) if (part !== "") one(part);
    return input;
  };
}

/** A flag for an API parameter of the given type. */
export function typedFlag(
  flag: string,
  type: ParamType,
  brief: string,
  enumValues?: readonly string[],
): FlagSpec {
  switch (type) {
    case "boolean":
      return booleanFlag(brief);
    case "integer":
      return parsedFlag(brief, "int", parseNumeric(flag, Number.isSafeInteger, "notAnInteger"));
    case "number":
      return parsedFlag(brief, "number", parseNumeric(flag, Number.isFinite, "notANumber"));
    case "array":
      return parsedFlag(
        brief,
        "strings",
        enumValues ? parseEnumList(flag, enumValues) : String,
        true,
      );
    case "string":
      return parsedFlag(
        brief,
        enumValues ? enumValues.join("|") : "string",
        enumValues ? parseEnum(flag, enumValues) : String,
      );
  }
}

/** The global flags, on every command. */
export const GLOBAL_FLAGS: FlagSpecs = {
  "profile": stringFlag("profile name (default: $SORACOM_PROFILE or 'default')", "name"),
  "coverage-type": typedFlag("coverage-type", "string", "coverage type: jp (Japan) or g (Global)", [
    "jp",
    "g",
  ]),
  "api-key": stringFlag("use this API key (with --api-token)", "key"),
  "api-token": stringFlag("use this API token (with --api-key)", "token"),
  "auth-key-id": stringFlag("log in with this AuthKeyId (with --auth-key)", "id"),
  "auth-key": stringFlag("log in with this AuthKey (with --auth-key-id)", "secret"),
  "profile-command": stringFlag("command that prints a profile as JSON", "command"),
  "mfa-otpcode": stringFlag("MFA one-time code for the login", "code"),
  "raw-output": booleanFlag("print the response body as it came"),
  "no-retry-on-error": booleanFlag("do not retry on network errors, 429 or 5xx"),
  "no-session-cache": booleanFlag("log in every time and keep no session"),
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
  flags: Readonly<Record<string, unknown>> | GlobalFlagValues,
  shadowed: ReadonlySet<string> = new Set(),
): GlobalOptions {
  const all = flags as Readonly<Record<string, unknown>>;
  const get = (name: string) => (shadowed.has(name) ? undefined : all[name]);
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
  };
}
