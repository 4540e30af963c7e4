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

/**
 * Parts of names that hold secrets (compared without `-` and `_`, any case):
 * password, authKey, authKeySecret, mfaOTPCode, token, apiKey, privateKey,
 * passphrase, psk, authorization, credentials, cookie...
 */
const SECRET_PART =
  /password|passwd|passphrase|secret|token|apikey|authkey|otp|privatekey|psk|authorization|credential|cookie/;

/** Names that are secrets only whole, or as a word at the end (`key`, `pin`, `sim_pin`, `simPin`). */
const SECRET_WORD = /^(?:key|pin)$|[_-](?:key|pin)$|[a-z](?:Key|Pin)$/;

/** Keys that name a place in a list, not a secret (`lastEvaluatedKey`, `x-soracom-next-key`). */
const NOT_SECRET = /(?:evaluated|next|tag|sort|partition|object)[_-]?key$/i;

/** True for a name that holds a secret; identifiers (`authKeyId`) and list keys do not. */
function isSecretName(name: string): boolean {
  if (/id$/i.test(name) || NOT_SECRET.test(name)) return false;
  return SECRET_PART.test(name.toLowerCase().replace(/[-_]/g, "")) || SECRET_WORD.test(name);
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
    return text
      // A credential header's whole value (`Authorization: Bearer abc`), to the end of its line.
      .replace(
        /^(\s*(?:proxy-)?(?:authorization|cookie|set-cookie|x-soracom-api-key|x-soracom-token)\s*:\s*).*$/gim,
        "$1<hidden>",
      )
      .replace(/[^\n]+/g, redactPairs);
  }
}

/**
 * One line with the value of every `name=value` or `name: value` pair under a
 * secret name hidden. A pair's value is never taken for the next pair's name
 * and left unread (`vault: password=hunter2` hides `hunter2`).
 */
function redactPairs(line: string): string {
  const pair = /("?)([A-Za-z_-]+)("?\s*[:=]\s*)/g;
  let out = "";
  let at = 0;
  for (let m = pair.exec(line); m !== null; m = pair.exec(line)) {
    if (!isSecretName(m[2])) continue;
    const start = m.index + m[0].length;
    const value = /^(?:"[^"]*"|[^\s&,}]+)/.exec(line.slice(start))?.[0] ?? "";
    if (value === "" || value === "<hidden>") continue;
    out += `${line.slice(at, start)}<hidden>`;
    at = start + value.length;
    pair.lastIndex = at;
  }
  return out + line.slice(at);
}
