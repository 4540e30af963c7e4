/**
 * Hiding secrets in text shown to the user: verbose request and response
 * dumps, and the stderr excerpt of a failed profileCommand. The same rule for
 * headers ({@link isSecretHeader}) keeps them from following a redirect to
 * another origin.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(
 *   redactText(`{"authKeyId":"keyId-1","authKey":"s"}`),
 *   '{"authKey":"<hidden>","authKeyId":"keyId-1"}',
 * );
 * assert.deepEqual(redactText("vault locked password=hunter2"), "vault locked password=<hidden>");
 * ```
 *
 * @module
 */

import { type JsonValue, parseJson, RawNumber, stringifyCompact } from "./json/mod.ts";

/** Names that hold secrets: password, authKey, authKeySecret, mfaOTPCode, token, apiKey... */
const SECRET_NAME = /password|secret|token|api_?key|auth_?key|otp/i;

/** True for a name that holds a secret; identifiers (`authKeyId`) do not. */
function isSecretName(name: string): boolean {
  return SECRET_NAME.test(name) && !/id$/i.test(name);
}

const SECRET_HEADERS: ReadonlySet<string> = new Set([
  "x-soracom-api-key",
  "x-soracom-token",
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
]);

/**
 * True for a header that carries a secret: the known ones, and any named like
 * a secret (a profile's own `headers`). Their values are hidden in dumps and
 * never follow a redirect to another origin.
 *
 * @param lower the header's name in lower case
 */
export function isSecretHeader(lower: string): boolean {
  return SECRET_HEADERS.has(lower) || isSecretName(lower.replaceAll("-", "_"));
}

/** True for a JSON field whose value is a secret: a string under a secret name (not `tokenTimeoutSeconds: 900`). */
function isSecretField(name: string, value: unknown): boolean {
  return typeof value === "string" && isSecretName(name);
}

function redactValue(value: JsonValue): JsonValue {
  if (value instanceof RawNumber) return value;
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecretField(k, v) ? "<hidden>" : redactValue(v)]),
    );
  }
  return value;
}

/**
 * Hides secret fields: by name in JSON (printed compact, keys sorted, numbers
 * as written), or in `key=value` / `"key": "value"` pairs in other text.
 */
export function redactText(text: string): string {
  try {
    return stringifyCompact(redactValue(parseJson(text)));
  } catch {
    return text.replace(
      /("?)([A-Za-z_]*)("?\s*[:=]\s*)("[^"]*"|[^\s&,}]+)/g,
      (all, open: string, name: string, sep: string) =>
        isSecretName(name) ? `${open}${name}${sep}<hidden>` : all,
    );
  }
}
