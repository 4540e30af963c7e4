/**
 * Talking to a test emulator over HTTP, for the emulator's own tests: one
 * request with or without a session, and signing in.
 *
 * @module
 */

import assert from "node:assert/strict";
import type { TestEmulator } from "../helpers/emulator.ts";

/** What came back, its body read in full. */
export interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
}

/** A session, as `/v1/auth` answers. */
export interface Auth {
  readonly apiKey: string;
  readonly token: string;
  readonly operatorId: string;
  readonly userName?: string;
}

/** How to send one request. */
export interface CallOptions {
  /** Sent as JSON (a string is sent as it is). */
  readonly body?: unknown;
  readonly auth?: Auth;
  readonly headers?: Record<string, string>;
}

/** One request to the emulator; the body is always read in full. */
export async function call(
  api: TestEmulator,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<Answer> {
  const headers = new Headers(options.headers);
  if (options.body !== undefined && !headers.has("content-type")) {
    headers.set("content-type", "application/json");
  }
  if (options.auth !== undefined) {
    headers.set("x-soracom-api-key", options.auth.apiKey);
    headers.set("x-soracom-token", options.auth.token);
  }
  const res = await fetch(`${api.url}${path}`, {
    method,
    headers,
    body: options.body === undefined
      ? undefined
      : typeof options.body === "string"
      ? options.body
      : JSON.stringify(options.body),
  });
  return { status: res.status, headers: res.headers, text: await res.text() };
}

/** Signs in with `body`; fails the test unless it is a 200. */
export async function signIn(api: TestEmulator, body: Record<string, unknown>): Promise<Auth> {
  const answer = await call(api, "POST", "/v1/auth", { body });
  assert.equal(answer.status, 200, answer.text);
  return JSON.parse(answer.text);
}

/** The `code` of an error answer. */
export function codeOf(answer: Answer): string {
  return JSON.parse(answer.text).code;
}

/** A clock the test moves by hand. */
export function fakeClock(start: number): { now: () => number; advance(ms: number): void } {
  let t = start;
  return { now: () => t, advance: (ms) => void (t += ms) };
}
