/**
 * Sending one HTTP request: retries with exponential backoff and jitter on
 * network errors, 429 and 5xx (honouring `Retry-After`, bounded in total time),
 * a timeout, and the `SORACOM_VERBOSE` dump with every secret hidden.
 *
 * @module
 */

import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { type Lang, messages, type NetworkFailure, said } from "../messages.ts";
import { isSecretHeader, redactText } from "../redact.ts";
import { VERSION } from "../version.ts";
import { bodyText } from "./body.ts";

/** A request ready to send. */
export interface HttpRequest {
  /** `GET`, `POST`, ... */
  readonly method: string;
  /** The whole URL, query included. */
  readonly url: string;
  /** Header pairs; a name may repeat (profile headers add to built-in ones). */
  readonly headers: readonly (readonly [string, string])[];
  /** The body, when there is one. */
  readonly body?: Uint8Array | string;
}

/** How to send it. */
export interface SendOptions {
  /** `false` for `--no-retry-on-error`: one attempt. */
  readonly retry: boolean;
  /** Say on a terminal when a retry is coming (a login, where the wait would look like a hang). */
  readonly announceRetries?: boolean;
  /** The language of that line. */
  readonly lang?: Lang;
}

/** The retry schedule: attempts, delays and the total budget, in milliseconds. */
export interface RetryPolicy {
  /** How many times a request is sent at most. */
  readonly attempts: number;
  /** The first wait before a retry; it doubles each time. */
  readonly baseDelayMs: number;
  /** The longest wait before a retry. */
  readonly maxDelayMs: number;
  /** The most time all attempts and waits may take together. */
  readonly budgetMs: number;
}

/** Five attempts, 1 s doubling to at most 20 s per wait, 90 s in all (requests included). */
export const RETRY_POLICY: RetryPolicy = {
  attempts: 5,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
  budgetMs: 90_000,
};

const DEFAULT_TIMEOUT_SECONDS = 120;
/** Query parameters of signed URLs (S3 and the like) that act as credentials. */
const SECRET_QUERY = /sig|credential|token|secret|password|key-pair-id|policy/i;

/** `User-Agent` sent on every request. */
export const USER_AGENT = `soracom-cli-ts/${VERSION}`;

/** True when `SORACOM_VERBOSE` asks for request and response dumps. */
export function isVerbose(ctx: Context): boolean {
  const v = ctx.env("SORACOM_VERBOSE");
  return v !== undefined && v !== "" && v !== "0";
}

/** A URL with the values of credential-like query parameters hidden. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    for (const key of [...u.searchParams.keys()]) {
      if (SECRET_QUERY.test(key)) u.searchParams.set(key, "hidden");
    }
    return u.href;
  } catch {
    return url;
  }
}

/** `url` as written, unless it holds a password (`https://user:pw@host`): then with it hidden. */
export function hidePassword(url: string): string {
  if (!URL.canParse(url)) return url;
  const u = new URL(url);
  if (u.password === "") return url;
  u.password = "hidden";
  return u.href;
}

function dumpHeaders(headers: Iterable<readonly [string, string]>): string {
  let out = "";
  for (const [name, value] of headers) {
    const lower = name.toLowerCase();
    const shown = isSecretHeader(lower)
      ? "<hidden>"
      : lower === "location"
      ? redactUrl(value)
      : value;
    out += `${name}: ${shown}\n`;
  }
  return out;
}

/** The body for a dump: text as text, anything else as its size. */
function requestText(req: HttpRequest): string {
  const body = req.body;
  if (body === undefined) return "";
  const type = req.headers.find(([n]) => n.toLowerCase() === "content-type")?.[1] ??
    "application/json";
  if (!/json|text|xml/i.test(type)) {
    return `<${body.length} bytes of ${type}>`;
  }
  return typeof body === "string" ? body : new TextDecoder().decode(body);
}

function timeoutMs(ctx: Context): number {
  const raw = ctx.env("SORACOM_TIMEOUT");
  const seconds = raw ? Number(raw) : DEFAULT_TIMEOUT_SECONDS;
  return (Number.isFinite(seconds) && seconds > 0 ? seconds : DEFAULT_TIMEOUT_SECONDS) * 1000;
}

/** Milliseconds to wait from a `Retry-After` header (seconds or an HTTP date). */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null) return undefined;
  const seconds = Number(header);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(header);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The wait before retry number `retry` (0-based): exponential, capped, with jitter. */
export function backoffMs(policy: RetryPolicy, retry: number, random: number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return Math.round(ceiling / 2 + (ceiling / 2) * random);
}

function isRetryable(status: number): boolean {
  return status === 429 || status >= 500;
}

/** What a failed fetch says: its message and its cause's (fetch's TypeError says little alone). */
function failureText(e: unknown): { message: string; cause: string } {
  const cause = e instanceof Error && e.cause instanceof Error ? e.cause.message : "";
  return { message: `${e instanceof Error ? e.message : String(e)} ${cause}`, cause };
}

/** A TLS failure: a certificate is not fixed by waiting. */
const TLS_FAILURE = /certificate|tls|handshake/i;
/** A header the request could not carry (CR, LF or NUL in it). */
const BAD_HEADER = /header (?:name|value)|invalid header/i;
/** A host name that does not resolve (offline, or a wrong endpoint). */
const DNS_FAILURE = /dns|lookup|resolve|name or service|nodename/i;

/** The kind of a failed fetch. */
export function failureKind(e: unknown): NetworkFailure {
  if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return "timeout";
  }
  const { message } = failureText(e);
  // Never the header itself in a message: its value may be a secret.
  if (BAD_HEADER.test(message)) return "badHeader";
  if (/refused/i.test(message)) return "refused";
  if (/reset/i.test(message)) return "reset";
  if (DNS_FAILURE.test(message)) return "dns";
  if (TLS_FAILURE.test(message)) return "tls";
  return "other";
}

/**
 * Whether a request that got no response may succeed if sent again: not when
 * the host name does not resolve (waiting seldom mends that: offline, or a
 * mistyped endpoint), the TLS handshake failed, or the request was malformed.
 */
function isTransient(failure: unknown): boolean {
  const kind = failureKind(failure);
  return kind !== "dns" && kind !== "tls" && kind !== "badHeader";
}

/** The library's own words for a failure of no known kind (its first line). */
function failureDetail(e: unknown): string {
  const { message, cause } = failureText(e);
  return (cause || message).split("\n")[0].trim();
}

/** The call as the user knows it: method and path, without the query. */
function callName(req: HttpRequest): { call: string; host: string } {
  const url = new URL(req.url);
  return { call: `${req.method} ${url.pathname}`, host: url.host };
}

/** One attempt: the response, or what went wrong when none came. */
async function attemptOnce(
  ctx: Context,
  req: HttpRequest,
): Promise<{ response?: Response; failure?: unknown }> {
  try {
    const response = await ctx.fetch(
      new Request(req.url, {
        method: req.method,
        headers: req.headers as [string, string][],
        body: req.body === undefined ? undefined : req.body as BodyInit,
        redirect: "manual",
        signal: AbortSignal.timeout(timeoutMs(ctx)),
      }),
    );
    return { response };
  } catch (e) {
    // A missing --allow-net is not a network fault: no retry will grant it.
    if (e instanceof Deno.errors.NotCapable || e instanceof Deno.errors.PermissionDenied) throw e;
    return { failure: e };
  }
}

/** `SORACOM_VERBOSE`: the response's status, headers and (JSON or text) body, redacted. */
async function dumpResponse(ctx: Context, response: Response): Promise<void> {
  ctx.stderr.write(`${response.status} ${response.statusText}\n${dumpHeaders(response.headers)}`);
  const type = response.headers.get("content-type") ?? "";
  if (/json|text/.test(type)) {
    const text = await bodyText(response.clone(), 65536);
    // On a terminal, stderr shows its control characters escaped (see terminal_text.ts).
    ctx.stderr.write(`\n${redactText(text)}\n`);
  }
  ctx.stderr.write("==========\n");
}

/** Says, before the wait, that another attempt is coming: which call, why, and when. */
function announceRetry(
  ctx: Context,
  options: SendOptions,
  verbose: boolean,
  why: { status?: number; failure?: unknown },
  wait: number,
  next: { call: string; attempt: number; of: number },
): void {
  const m = messages(options.lang ?? "en");
  const reason = why.status !== undefined
    ? `HTTP ${why.status}`
    : m.networkReason(failureKind(why.failure), failureDetail(why.failure));
  if (verbose) {
    ctx.stderr.write(`retrying in ${(wait / 1000).toFixed(1)} s (${reason})\n`);
  } else if (options.announceRetries && ctx.stderr.isTerminal()) {
    const seconds = Math.ceil(wait / 1000);
    ctx.stderr.write(`${m.retrying(next.call, reason, seconds, next.attempt, next.of)}\n`);
  }
}

/**
 * The error for a call that got no response after `tries` attempts: which
 * call, at which host, why, and whether it was retried (a hint for a host
 * name that does not resolve).
 */
function noResponse(
  req: HttpRequest,
  failure: unknown,
  tries: number,
  options: SendOptions,
): CliError {
  const { call, host } = callName(req);
  const kind = failureKind(failure);
  const retried = tries > 1 ? "retried" : options.retry ? "notRetried" : "retryOff";
  const hint = kind === "dns" ? messages(options.lang ?? "en").hintHostName : undefined;
  return new CliError(
    "network",
    said("networkFailed", call, host, kind, failureDetail(failure), tries, retried),
    { cause: failure, hint },
  );
}

/**
 * Sends `req`, retrying as {@link RETRY_POLICY} allows. Returns the last
 * response (which may be an error status); throws only when no response came.
 *
 * @throws CliError (`network`) when every attempt failed without a response
 */
export async function send(
  ctx: Context,
  req: HttpRequest,
  options: SendOptions,
  policy: RetryPolicy = RETRY_POLICY,
): Promise<Response> {
  const verbose = isVerbose(ctx);
  const attempts = options.retry ? policy.attempts : 1;
  const started = ctx.now();
  // The request is the same on every attempt: its dump is made once.
  const dump = verbose
    ? `${req.method} ${redactUrl(req.url)}\n${dumpHeaders(req.headers)}\n${
      redactText(requestText(req))
    }\n`
    : "";
  for (let attempt = 0;; attempt++) {
    if (verbose) ctx.stderr.write(dump);
    const { response, failure } = await attemptOnce(ctx, req);
    if (verbose && response) await dumpResponse(ctx, response);
    const retryable = response ? isRetryable(response.status) : isTransient(failure);
    const last = attempt + 1 >= attempts;
    if (!retryable || last) {
      if (response) return response;
      throw noResponse(req, failure, attempt + 1, options);
    }
    const hinted = response
      ? retryAfterMs(response.headers.get("retry-after"), ctx.now())
      : undefined;
    const wait = hinted ?? backoffMs(policy, attempt, Math.random());
    // The budget counts the whole time spent, requests included, not only the waits.
    if (ctx.now() - started + wait > policy.budgetMs) {
      if (response) return response;
      throw noResponse(req, failure, attempt + 1, options);
    }
    await response?.body?.cancel();
    const why = { status: response?.status, failure };
    const next = { call: callName(req).call, attempt: attempt + 2, of: attempts };
    announceRetry(ctx, options, verbose, why, wait, next);
    await ctx.sleep(wait);
  }
}
