/**
 * Profile fields and their validation.
 *
 * Keys are matched case-insensitively, as soracom-cli (Go `encoding/json`) does:
 * `userName`, `UserName` and `username` all fill `username`. Unknown keys are
 * ignored. Values are checked against the zod schema in profile_zod.ts, through
 * the plain check generated from it; zod itself is loaded only to name the field
 * of a profile that check turns down.
 *
 * @module
 */

import { CliError } from "../errors.ts";
import { parseProfile } from "./validators.generated.ts";
import type { Profile } from "./profile_zod.ts";
import { said } from "../messages.ts";

export type { Profile };

/** The profile keys in the order soracom-cli writes them. */
export const PROFILE_KEYS: readonly (keyof Profile)[] = [
  "sandbox",
  "coverageType",
  "email",
  "password",
  "authKeyId",
  "authKey",
  "username",
  "operatorId",
  "endpoint",
  "registerPaymentMethod",
  "profileCommand",
  "sourceProfile",
  "tokenTimeoutSeconds",
  "mfaOTPCode",
  "headers",
  "mfaOTPCommand",
  "sessionCache",
  "allowInsecureEndpoint",
];

const keyByLowerCase: ReadonlyMap<string, string> = new Map(
  PROFILE_KEYS.map((key) => [key.toLowerCase(), key]),
);

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

/**
 * Validates a parsed JSON value as a profile.
 *
 * @param where names the source in errors, e.g. the file path or "profileCommand 'op'"
 * @throws CliError (`config`) naming the field with the wrong type
 */
export async function toProfile(value: unknown, where: string): Promise<Profile> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    throw new CliError("config", said("profileNotObject", where, describeType(value)));
  }
  const data = canonicalKeys(value as Record<string, unknown>);
  const checked = parseProfile(data);
  if (checked !== undefined) return checked;
  const { profileSchema } = await import("./profile_zod.ts");
  const result = profileSchema.safeParse(data);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const field = issue.path.map(String).join(".");
  const got = issue.path.reduce<unknown>(
    (
      v,
      k,
    ) => (v !== null && typeof v === "object" ? (v as Record<string, unknown>)[k as string] : v),
    data,
  );
  const fix = field === "tokenTimeoutSeconds" && typeof got === "number" ? "integer" : "";
  const type = fix || (issue.code === "invalid_type" ? String(issue.expected) : "");
  throw new CliError(
    "config",
    type
      ? said("profileFieldType", where, field, type, describeType(got))
      : said("profileFieldInvalid", where, field, describeType(got)),
  );
}
