/**
 * Getting release files: only over https from the release hosts (GitHub's, or
 * the origin of `SORACOM_RELEASES_URL`), redirects included, each no larger
 * than its cap, and an error answer's body cut short too, so no server can make
 * `self-update` hold more than a release file can be.
 *
 * @module
 */

import { USER_AGENT } from "../api/http.ts";
import { isLoopback } from "../api/endpoint.ts";
import { collectCapped, collectPrefix } from "../bytes.ts";
import type { Context } from "../context.ts";
import { CliError, excerpt, oneLine } from "../errors.ts";
import { messages, said } from "../messages.ts";
import { DEFAULT_RELEASES_URL } from "./release.ts";

/** Redirects followed for one file (GitHub sends one, to its download host). */
export const MAX_HOPS = 5;
/** The most of an error answer's body read, to quote its start. */
export const MAX_ERROR_BODY_BYTES = 4096;

/** Where release files may come from. */
export interface Sources {
  /** The releases API, without a trailing slash. */
  readonly base: string;
  /** True when a URL may be fetched. */
  readonly allows: (url: URL) => boolean;
  /** Where files may come from, for messages. */
  readonly described: string;
}

/** What to ask for, how long to wait, and the most to accept. */
export interface Fetched {
  /** The `accept` header. */
  readonly accept: string;
  /** The whole request's time limit, redirects and body included. */
  readonly timeoutMs: number;
  /** The name of what is fetched, for messages. */
  readonly name: string;
  /** The most bytes the body may have. */
  readonly max: number;
}

/**
 * The releases API and where its files may come from: GitHub's API, download
 * and asset hosts over https by default; with SORACOM_RELEASES_URL, only its
 * own origin (https, or http on this machine for tests).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { releaseSources } from "./download.ts";
 *
 * const sources = releaseSources(fakeContext().ctx);
 * assert.equal(sources.base, "https://api.github.com");
 * assert.ok(sources.allows(new URL("https://objects.githubusercontent.com/x")));
 * assert.ok(!sources.allows(new URL("http://github.com/x")));
 * ```
 */
export function releaseSources(ctx: Context): Sources {
  const given = ctx.env("SORACOM_RELEASES_URL");
  const base = (given || DEFAULT_RELEASES_URL).replace(/\/+$/, "");
  const url = URL.parse(base);
  if (url === null) throw new CliError("usage", said("releasesUrlInvalid"));
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    throw new CliError("usage", said("releasesUrlScheme"));
  }
  if (given) {
    return { base, allows: (u) => u.origin === url.origin, described: url.origin };
  }
  const github = (u: URL) =>
    u.protocol === "https:" && (
      u.hostname === "github.com" || u.hostname === "api.github.com" ||
      u.hostname.endsWith(".githubusercontent.com")
    );
  return { base, allows: github, described: "github.com" };
}

/**
 * A URL without credentials or query, for messages.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "../context.ts";
 * import { shownUrl } from "./download.ts";
 *
 * assert.equal(shownUrl(fakeContext().ctx, "https://u:p@h.example/a?t=1"), "https://h.example/a");
 * ```
 */
export function shownUrl(ctx: Context, url: string): string {
  const u = URL.parse(url);
  return u === null ? messages(ctx.lang).invalidUrl : `${u.origin}${u.pathname}`;
}

/** Why `e` stopped a request or a write, in the reader's language. */
export function describeFailure(ctx: Context, e: unknown): string {
  if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return messages(ctx.lang).noAnswerInTime;
  }
  return oneLine(e instanceof Error ? e.message : String(e));
}

/** Fetches `url`, following redirects only to where release files may come from. */
async function follow(
  ctx: Context,
  sources: Sources,
  url: string,
  accept: string,
  signal: AbortSignal,
): Promise<Response> {
  let at = url;
  for (let hop = 0;; hop++) {
    const next = URL.parse(at);
    if (next === null || !sources.allows(next) || hop > MAX_HOPS) {
      throw new CliError("api", said("releaseUrlRefused", shownUrl(ctx, at), sources.described));
    }
    const response = await ctx.fetch(
      new Request(next, {
        headers: { accept, "user-agent": USER_AGENT },
        redirect: "manual",
        signal,
      }),
    );
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    at = new URL(location, next).href;
  }
}

/** The start of an error answer's body (at most {@link MAX_ERROR_BODY_BYTES}), on one line. */
async function errorBody(response: Response): Promise<string> {
  try {
    const { bytes } = await collectPrefix(response.body ?? [], MAX_ERROR_BODY_BYTES);
    return excerpt(new TextDecoder().decode(bytes));
  } catch {
    return "";
  }
}

/** The body of `response`, refused once it grows past `max` bytes. */
async function bodyOf(response: Response, name: string, max: number) {
  const tooLarge = () => new CliError("api", said("releaseTooLarge", name, max));
  if (Number(response.headers.get("content-length") ?? "0") > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const body = await collectCapped(response.body ?? [], max);
  if (body === undefined) throw tooLarge();
  return body;
}

/**
 * The body of the release file at `url`: a `network` error when no answer
 * came or the body was cut off, an `api` error for a host it may not come
 * from, an error status (with the start of its body) or a body over `max`.
 */
export async function fetchReleaseFile(
  ctx: Context,
  sources: Sources,
  url: string,
  what: Fetched,
): Promise<Uint8Array<ArrayBuffer>> {
  const signal = AbortSignal.timeout(what.timeoutMs);
  let response: Response;
  try {
    response = await follow(ctx, sources, url, what.accept, signal);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const request = `GET ${shownUrl(ctx, url)}`;
    throw new CliError("network", said("releaseRequestFailed", request, describeFailure(ctx, e)), {
      cause: e,
    });
  }
  if (!response.ok) {
    const body = await errorBody(response);
    throw new CliError(
      "api",
      `GET ${shownUrl(ctx, url)}: HTTP ${response.status}${body ? ` ${body}` : ""}`,
      { status: response.status },
    );
  }
  try {
    return await bodyOf(response, what.name, what.max);
  } catch (e) {
    if (e instanceof CliError) throw e;
    const why = describeFailure(ctx, e);
    throw new CliError("network", said("downloadInterrupted", what.name, why), { cause: e });
  }
}
