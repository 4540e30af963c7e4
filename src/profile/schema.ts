/**
 * Profile fields and their validation.
 *
 * Keys are matched case-insensitively, as soracom-cli (Go `encoding/json`) does:
 * `userName`, `UserName` and `username` all fill `username`. Unknown keys are
 * ignored. A wrong type names the field.
 *
 * Profiles are flat, so they are checked against the {@link PROFILE_FIELDS}
 * table by hand rather than with zod: every API command reads a profile, and
 * loading zod would cost it about 50 ms of start-up.
 *
 * @module
 */

import { CliError } from "../errors.ts";

/** What a profile field holds: `headers` is an object of strings. */
export type FieldKind = "string" | "boolean" | "integer" | "headers";

/**
 * Every profile field and its kind, in the order soracom-cli writes them.
 *
 * @example
 * ```ts
 * PROFILE_FIELDS.tokenTimeoutSeconds; // "integer"
 * ```
 */
export const PROFILE_FIELDS = {
  sandbox: "boolean",
  coverageType: "string",
  email: "string",
  password: "string",
  authKeyId: "string",
  authKey: "string",
  username: "string",
  operatorId: "string",
  endpoint: "string",
  registerPaymentMethod: "boolean",
  profileCommand: "string",
  sourceProfile: "string",
  tokenTimeoutSeconds: "integer",
  mfaOTPCode: "string",
  headers: "headers",
  /** Ours: a command that prints only the current OTP. */
  mfaOTPCommand: "string",
  /** Ours: `false` turns the session cache off for this profile. */
  sessionCache: "boolean",
} as const satisfies Record<string, FieldKind>;

type ValueOf<K extends FieldKind> = K extends "string" ? string
  : K extends "boolean" ? boolean
  : K extends "integer" ? number
  : Record<string, string>;

/** A profile, as read from a file or from a profileCommand's output. */
export type Profile = {
  -readonly [F in keyof typeof PROFILE_FIELDS]?: ValueOf<(typeof PROFILE_FIELDS)[F]>;
};

/**
 * The profile keys in the order soracom-cli writes them.
 *
 * @example
 * ```ts
 * PROFILE_KEYS[0]; // "sandbox"
 * ```
 */
export const PROFILE_KEYS: readonly (keyof Profile)[] = Object.keys(
  PROFILE_FIELDS,
) as (keyof Profile)[];

const keyByLowerCase = new Map(PROFILE_KEYS.map((key) => [key.toLowerCase(), key]));

/**
 * Maps keys to their canonical spelling; an exact match beats a case-insensitive one.
 * Unknown keys are dropped.
 */
function canonicalKeys(raw: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const exact = new Set<string>();
  for (const [key, value] of Object.entries(raw)) {
    const canonical = keyByLowerCase.get(key.toLowerCase());
    // null leaves a field unset, as in Go (jq prints null for a missing field).
    if (canonical === undefined || value === null) continue;
    if (key === canonical) {
      out[canonical] = value;
      exact.add(canonical);
    } else if (!exact.has(canonical)) {
      out[canonical] = value;
    }
  }
  return out;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return `a ${typeof value}`;
}

/** The first value in `data` of the wrong kind: its dotted path, what it must be, and the value. */
function firstWrongField(
  data: Record<string, unknown>,
): { field: string; expected: string; got: unknown } | undefined {
  for (const key of PROFILE_KEYS) {
    if (!Object.hasOwn(data, key)) continue;
    const value = data[key];
    switch (PROFILE_FIELDS[key] as FieldKind) {
      case "string":
        if (typeof value !== "string") return { field: key, expected: "a string", got: value };
        break;
      case "boolean":
        if (typeof value !== "boolean") return { field: key, expected: "a boolean", got: value };
        break;
      case "integer":
        if (!Number.isSafeInteger(value)) return { field: key, expected: "an integer", got: value };
        break;
      case "headers": {
        if (value === null || typeof value !== "object" || Array.isArray(value)) {
          return { field: key, expected: "a record", got: value };
        }
        for (const [name, header] of Object.entries(value)) {
          if (typeof header !== "string") {
            return { field: `${key}.${name}`, expected: "a string", got: header };
          }
        }
        break;
      }
    }
  }
  return undefined;
}

/**
 * Validates a parsed JSON value as a profile.
 *
 * @param where names the source in errors, e.g. the file path or "the output of profileCommand"
 * @throws CliError (`config`) naming the field with the wrong type
 */
export function toProfile(value: unknown, where: string): Profile {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError("config", `${where}: expected a JSON object, got ${describeType(value)}`);
  }
  const data = canonicalKeys(value as Record<string, unknown>);
  const wrong = firstWrongField(data);
  if (wrong !== undefined) {
    throw new CliError(
      "config",
      `${where}: field '${wrong.field}' must be ${wrong.expected}, got ${describeType(wrong.got)}`,
    );
  }
  // In the fields' order, so every reader sees the same profile whatever the file's order.
  const profile: Record<string, unknown> = {};
  for (const key of PROFILE_KEYS) if (Object.hasOwn(data, key)) profile[key] = data[key];
  return profile as Profile;
}
