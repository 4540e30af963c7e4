/**
 * Calling the SORACOM API: the URL (`endpoint` + `/v1` + path + query), the
 * standard headers, credentials, and turning error statuses into errors.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError, type ErrorKind } from "../errors.ts";
import { type Lang, said } from "../messages.ts";
import { parseJsonData } from "../json/mod.ts";
import { isSecretHeader } from "../redact.ts";
import { type HttpRequest, send, USER_AGENT } from "./http.ts";
import { bodyText, MAX_TEXT_BYTES } from "./body.ts";

/** Where and how to call. */
export interface ApiTarget {
  /** Without `/v1`, e.g. `https://api.soracom.io`. */
  readonly endpoint: string;
  /** The user's language, for the errors of this call. */
  readonly lang: Lang;
  /** The profile's `headers`, added to every request. */
  readonly extraHeaders: Readonly<Record<string, string>>;
  /** `false` for `--no-retry-on-error`. */
  readonly retry: boolean;
}

/** An API key and token pair. */
export interface ApiCredentials {
  /** The API key of the session. */
  readonly apiKey: string;
  /** The API token of the session. */
  readonly token: string;
}

/** One API call, before the URL is assembled. */
export interface ApiCall {
  /** `GET`, `POST`, ... */
  readonly method: string;
  /** Below `/v1`, already filled, e.g. `/subscribers/440100000000001`. */
  readonly path: string;
  /** Pairs in the order to send them (a key may repeat). */
  readonly query?: readonly (readonly [string, string])[];
  /** The request body, when there is one. */
  readonly body?: Uint8Array | string;
  /** The body's content type (`application/json` when not said). */
  readonly contentType?: string;
}

/** Encodes query pairs as Go's `url.Values.Encode` does: sorted by key, `+` for spaces. */
export function encodeQuery(query: readonly (readonly [string, string])[]): string {
  const sorted = [...query].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  return sorted.map(([k, v]) => `${encodeQueryComponent(k)}=${encodeQueryComponent(v)}`).join("&");
}

function encodeQueryComponent(s: string): string {
  return encodeURIComponent(s).replace(/%20/g, "+").replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/** The full request for `call`, with the standard headers. */
export function buildHttpRequest(
  target: ApiTarget,
  call: ApiCall,
  credentials?: ApiCredentials,
): HttpRequest {
  const query = call.query && call.query.length > 0 ? `?${encodeQuery(call.query)}` : "";
  const headers: [string, string][] = [["User-Agent", USER_AGENT]];
  if (call.contentType) headers.push(["Content-Type", call.contentType]);
  if (credentials) {
    headers.push(["X-Soracom-API-Key", credentials.apiKey], ["X-Soracom-Token", credentials.token]);
  }
  headers.push(["X-Soracom-Lang", target.lang]);
  for (const [name, value] of Object.entries(target.extraHeaders)) headers.push([name, value]);
  return {
    method: call.method,
    url: `${target.endpoint}/v1${call.path}${query}`,
    headers,
    body: call.body,
  };
}

const MAX_REDIRECTS = 5;

/**
 * Calls that carry a password, an OTP, an AuthKey or a session in their body
 * or make one: a redirect of these is refused, never followed. (Logging in,
 * switching user, renewing a token, logging out, creating a sandbox operator.)
 */
const NEVER_REDIRECTED = /^\/(?:auth(?:\/.*)?|operators\/[^/]+\/token|sandbox\/init)$/;

/** The next request of a redirect, or why it is refused. */
function redirected(
  request: HttpRequest,
  status: number,
  location: string,
): HttpRequest | CliError {
  const from = new URL(request.url);
  const next = new URL(location, request.url);
  if (from.protocol === "https:" && next.protocol !== "https:") {
    return new CliError("api", said("redirectDowngrade", next.origin));
  }
  const sameOrigin = next.origin === from.origin;
  // A body goes on (307, 308) only to the origin it was meant for.
  const keepBody = (status === 307 || status === 308) && sameOrigin;
  const method = status === 307 || status === 308
    ? request.method
    : (request.method === "HEAD" ? "HEAD" : "GET");
  if (!keepBody && request.body !== undefined && method !== "GET" && method !== "HEAD") {
    return new CliError(
      "api",
      said("redirectDropsBody", `${request.method} ${from.pathname}`, next.origin),
    );
  }
  return {
    method,
    url: next.href,
    headers: request.headers.filter(([name]) =>
      (sameOrigin || !isSecretHeader(name.toLowerCase())) &&
      (keepBody || name.toLowerCase() !== "content-type")
    ),
    body: keepBody ? request.body : undefined,
  };
}

/**
 * Sends one call (with retries unless the target says not to) and follows
 * redirects (`files get` answers 302 to a download URL), except for the calls
 * that carry credentials ({@link NEVER_REDIRECTED}). Credentials, and any
 * header of the profile's named like a secret, are never sent to another
 * origin; a body never goes to another origin; https never goes on as http.
 */
export async function callApi(
  ctx: Context,
  target: ApiTarget,
  call: ApiCall,
  credentials?: ApiCredentials,
  options?: { retry?: boolean; announceRetries?: boolean },
): Promise<Response> {
  const sendOptions = {
    retry: options?.retry ?? target.retry,
    announceRetries: options?.announceRetries,
    lang: target.lang,
  };
  if (credentials) ctx.secrets.add(credentials.apiKey, credentials.token);
  let request = buildHttpRequest(target, call, credentials);
  let response = await send(ctx, request, sendOptions);
  for (let hops = 0; hops < MAX_REDIRECTS; hops++) {
    const location = response.headers.get("location");
    if (![301, 302, 303, 307, 308].includes(response.status) || location === null) break;
    await response.body?.cancel();
    if (NEVER_REDIRECTED.test(call.path)) {
      const where = new URL(location, request.url).origin;
      throw new CliError("api", said("redirectRefused", `${call.method} /v1${call.path}`, where));
    }
    const next = redirected(request, response.status, location);
    if (next instanceof CliError) throw next;
    request = next;
    response = await send(ctx, request, sendOptions);
  }
  return response;
}

/**
 * The error for a failed response: its body as the message, as soracom-cli
 * prints it, or the status when the body is empty.
 */
export async function responseError(
  response: Response,
  kind: ErrorKind = "api",
): Promise<CliError> {
  const text = (await bodyText(response, MAX_TEXT_BYTES)).trim();
  const message = text === "" ? `HTTP ${response.status} ${response.statusText}`.trim() : text;
  return new CliError(kind, message, { status: response.status });
}

/**
 * The operator ID inside an API token (a JWT whose payload holds
 * `operator.operatorId`), or `undefined` when it cannot be read.
 */
export function operatorIdFromToken(token: string): string | undefined {
  const payload = token.split(".")[1];
  if (!payload) return undefined;
  try {
    // base64url, padded or not; the payload is UTF-8 JSON.
    const json = new TextDecoder().decode(
      Uint8Array.fromBase64(payload, { alphabet: "base64url" }),
    );
    const value: unknown = parseJsonData(json);
    if (value !== null && typeof value === "object" && "operator" in value) {
      const operator = (value as { operator: unknown }).operator;
      if (operator !== null && typeof operator === "object" && "operatorId" in operator) {
        const id = (operator as { operatorId: unknown }).operatorId;
        return typeof id === "string" ? id : undefined;
      }
    }
  } catch {
    return undefined;
  }
  return undefined;
}
