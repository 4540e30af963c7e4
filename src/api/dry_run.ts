/**
 * `--dry-run`: the request an API command would send, printed instead of
 * sent, with no login. As HTTP (`--dry-run`) the session's headers show as
 * `<hidden>`; as a curl command (`--dry-run=curl`) they read
 * `$SORACOM_API_KEY` and `$SORACOM_API_TOKEN`, which `soracom auth export`
 * sets. An operator ID the profile does not name reads `$SORACOM_OPERATOR_ID`.
 * Secrets in the body (a password, an AuthKey) are hidden by name.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { describeRequest } from "./dry_run.ts";
 * import type { CatalogOperation } from "../catalog/types.ts";
 *
 * const op: CatalogOperation = {
 *   operationId: "listSubscribers",
 *   tag: "Subscriber",
 *   names: ["subscribers list"],
 *   method: "GET",
 *   path: "/subscribers",
 *   params: [{ name: "limit", flag: "limit", in: "query", type: "integer", required: false }],
 *   auth: true,
 * };
 * const target = { endpoint: "https://api.soracom.io", lang: "en" as const, extraHeaders: {}, retry: true };
 * const curl = describeRequest(target, op, { values: { limit: 2 } }, undefined, true);
 * assert.match(curl, /^curl -X GET 'https:\/\/api\.soracom\.io\/v1\/subscribers\?limit=2'/);
 * assert.match(curl, /-H "X-Soracom-API-Key: \$SORACOM_API_KEY"/);
 * ```
 *
 * @module
 */

import type { CatalogOperation } from "../catalog/types.ts";
import { posixQuote } from "../profile/shell_words.ts";
import { isSecretHeader, redactText } from "../redact.ts";
import { type ApiCall, type ApiTarget, buildHttpRequest } from "./client.ts";
import { hidePassword } from "./http.ts";
import { buildApiCall, type RequestInput } from "./request.ts";

/** Stand-ins for what only a login would give; none of them needs escaping in a path. */
const OPERATOR = "__SORACOM_OPERATOR_ID__";
const API_KEY = "__SORACOM_API_KEY__";
const TOKEN = "__SORACOM_API_TOKEN__";

/** The stand-ins' text: shell variables for curl, the same names for reading. */
function filled(text: string): string {
  return text.replaceAll(OPERATOR, "$SORACOM_OPERATOR_ID").replaceAll(API_KEY, "$SORACOM_API_KEY")
    .replaceAll(TOKEN, "$SORACOM_API_TOKEN");
}

/** A header's value as printed: the session's as stand-ins, other secrets hidden. */
function shownValue(name: string, value: string, curl: boolean): string {
  if (value === API_KEY || value === TOKEN) return curl ? value : "<hidden>";
  return isSecretHeader(name.toLowerCase()) ? "<hidden>" : value;
}

/** `text` as one shell word, with `$SORACOM_...` stand-ins left for the shell to expand. */
function shellWord(text: string): string {
  return /__SORACOM_[A-Z_]+__/.test(text)
    ? `"${filled(text).replace(/["\\`]/g, "\\$&")}"`
    : posixQuote(text);
}

/**
 * The request for `op` with `input`, as HTTP text or a curl command line
 * (`curl`). `operatorId` fills the path where the flags do not (a profile's).
 */
export function describeRequest(
  target: ApiTarget,
  op: CatalogOperation,
  input: RequestInput,
  operatorId: string | undefined,
  curl: boolean,
): string {
  return describeCall(target, buildApiCall(op, input, operatorId ?? OPERATOR), op.auth, curl);
}

/**
 * `call` as HTTP text or a curl command line; `auth`: it carries the
 * session's headers. `{operator_id}` in its path stands for the operator.
 */
export function describeCall(
  target: ApiTarget,
  apiCall: ApiCall,
  auth: boolean,
  curl: boolean,
): string {
  const call = { ...apiCall, path: apiCall.path.replaceAll("{operator_id}", OPERATOR) };
  const credentials = auth ? { apiKey: API_KEY, token: TOKEN } : undefined;
  const req = buildHttpRequest(target, call, credentials);
  const body = req.body === undefined
    ? undefined
    : redactText(typeof req.body === "string" ? req.body : new TextDecoder().decode(req.body));
  const headers = req.headers.map(([name, value]) => [name, shownValue(name, value, curl)]);
  if (!curl) {
    const url = filled(hidePassword(req.url));
    const lines = [`${req.method} ${url}`, ...headers.map(([n, v]) => `${n}: ${v}`)];
    return `${lines.join("\n")}\n${body === undefined ? "" : `\n${body}\n`}`;
  }
  const words = ["curl", "-X", req.method, shellWord(hidePassword(req.url))];
  for (const [name, value] of headers) words.push("-H", shellWord(`${name}: ${value}`));
  if (body !== undefined) words.push("--data-binary", posixQuote(body));
  return `${words.join(" ")}\n`;
}
