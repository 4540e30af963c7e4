/**
 * Hiding secrets in text shown to the user: verbose request and response
 * dumps, and the stderr excerpt of a failed profileCommand.
 *
 * @example
 * ```ts
 * redactText(`{"authKeyId":"keyId-1","authKey":"s"}`); // {"authKeyId":"keyId-1","authKey":"<hidden>"}
 * redactText("vault locked password=hunter2"); // "vault locked password=<hidden>"
 * ```
 *
 * @module
 */

import { parseJsonData } from "./api/json.ts";

/** Names that hold secrets: password, authKey, authKeySecret, mfaOTPCode, token, apiKey... */
const SECRET_NAME = /password|secret|token|api_?key|auth_?key|otp/i;

/**
 * True for a field whose string value is a secret; identifiers (`authKeyId`) and
 * numbers (`tokenTimeoutSeconds`) are not.
 */
export function isSecretField(name: string, value: unknown): boolean {
  return typeof value === "string" && SECRET_NAME.test(name) && !/id$/i.test(name);
}

function redactValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redactValue);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, isSecretField(k, v) ? "<hidden>" : redactValue(v)]),
    );
  }
  return value;
}

/** Hides secret fields: by name in JSON, or in `key=value` / `"key": "value"` pairs in other text. */
export function redactText(text: string): string {
  try {
    return JSON.stringify(redactValue(parseJsonData(text)));
  } catch {
    return text.replace(
      /("?)([A-Za-z_]*)("?\s*[:=]\s*)("[^"]*"|[^\s&,}]+)/g,
      (all, open: string, name: string, sep: string) =>
        isSecretField(name, "") ? `${open}${name}${sep}<hidden>` : all,
    );
  }
}
