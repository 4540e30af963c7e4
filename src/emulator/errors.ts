/**
 * The emulator's errors, in SORACOM's shape: a status and a JSON body
 * `{"code": ..., "message": ...}` whose message is in Japanese when the request
 * says `X-Soracom-Lang: ja`, English otherwise. The codes are our own picks
 * (SORACOM does not publish its list), except `AUM0063`, which clients key on
 * to ask for a one-time code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ApiError, errorResponse } from "./errors.ts";
 *
 * const res = errorResponse(new ApiError("mfaRequired"), "en");
 * assert.equal(res.status, 401);
 * assert.equal((await res.json()).code, "AUM0063");
 * ```
 *
 * @module
 */

import { type Lang, messages } from "../messages.ts";

/** The emulator's words, of one language. */
export type EmulatorWords = ReturnType<typeof messages>["emulator"];

/** What can be refused, with its status and code. */
export const API_ERRORS = {
  tokenRequired: { status: 401, code: "AUM0001" },
  invalidToken: { status: 401, code: "AUM0002" },
  authFailed: { status: 401, code: "AUM0003" },
  switchNotAllowed: { status: 400, code: "AUM0008" },
  tokenExpired: { status: 400, code: "AUM0009" },
  mfaRequired: { status: 401, code: "AUM0063" },
  mfaInvalid: { status: 401, code: "AUM0064" },
  mfaState: { status: 400, code: "AUM0065" },
  badRequest: { status: 400, code: "COM0001" },
  noSuchApi: { status: 404, code: "COM0002" },
  forbidden: { status: 403, code: "COM0003" },
  permissionDenied: { status: 403, code: "COM0004" },
  bodyTooLarge: { status: 413, code: "COM0005" },
  alreadyExists: { status: 400, code: "COM0006" },
  rateLimited: { status: 429, code: "COM0429" },
  serverError: { status: 500, code: "COM0500" },
  internal: { status: 500, code: "EMU0001" },
  notFound: { status: 404, code: "COM0404" },
  badStatus: { status: 400, code: "SEM0010" },
  terminationProtected: { status: 400, code: "SEM0011" },
  sandboxAuthKeyInvalid: { status: 400, code: "SBX0001" },
  sandboxEmailTaken: { status: 400, code: "SBX0002" },
} as const satisfies Readonly<Record<string, { status: number; code: string }>>;

/** The name of an error. */
export type ApiErrorName = keyof typeof API_ERRORS;

/** The kinds of thing that can be missing: each has its own code, as SORACOM's services do. */
export type ResourceKind = keyof EmulatorWords["kinds"];

const NOT_FOUND_CODES: Readonly<Record<ResourceKind, string>> = {
  subscriber: "SEM0004",
  sim: "SEM0005",
  group: "GRM0001",
  user: "SAM0001",
  role: "SAM0002",
  authKey: "SAM0003",
  password: "SAM0004",
  soralet: "SLT0001",
  soraletVersion: "SLT0002",
  eventHandler: "EVM0001",
  dataEntry: "HVD0001",
  operator: "OPM0001",
};

/** The words of an error, made when the reader's language is known. */
export type Words = (words: EmulatorWords) => string;

/**
 * A refusal, thrown by a handler and turned into the response by the server.
 * `words` says it in the reader's language; `status` overrides the usual one.
 */
export class ApiError extends Error {
  /** The HTTP status. */
  readonly status: number;
  /** The body's `code`. */
  readonly code: string;
  /** Headers to send with it. */
  readonly headers: Readonly<Record<string, string>>;

  /** `kind` names the error; `words` say it (its usual words unless given). */
  constructor(
    readonly kind: ApiErrorName,
    readonly words: Words = defaultWords(kind),
    options: {
      readonly status?: number;
      readonly code?: string;
      readonly headers?: Readonly<Record<string, string>>;
    } = {},
  ) {
    super(kind);
    this.name = "ApiError";
    this.status = options.status ?? API_ERRORS[kind].status;
    this.code = options.code ?? API_ERRORS[kind].code;
    this.headers = options.headers ?? {};
  }
}

function defaultWords(name: ApiErrorName): Words {
  return (w) => {
    const entry = w[name as keyof EmulatorWords];
    return typeof entry === "string" ? entry : name;
  };
}

/**
 * The refusal for a missing resource: 404 with the resource's own code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { notFound } from "./errors.ts";
 * assert.equal(notFound("group", "g-1").code, "GRM0001");
 * ```
 */
export function notFound(kind: ResourceKind, id: string): ApiError {
  return new ApiError("notFound", (w) => w.notFound(w.kinds[kind], id), {
    code: NOT_FOUND_CODES[kind],
  });
}

/** The refusal for a resource that exists already. */
export function alreadyExists(kind: ResourceKind, id: string): ApiError {
  return new ApiError("alreadyExists", (w) => w.alreadyExists(w.kinds[kind], id));
}

/** A 400 whose detail is said by `detail`. */
export function badRequest(detail: Words): ApiError {
  return new ApiError("badRequest", (w) => w.badRequest(detail(w)));
}

/**
 * The language a request asks for through `X-Soracom-Lang`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { langOf } from "./errors.ts";
 * assert.equal(langOf(new Headers({ "x-soracom-lang": "ja" })), "ja");
 * ```
 */
export function langOf(headers: Headers): Lang {
  const value = (headers.get("x-soracom-lang") ?? "").trim().toLowerCase();
  return value === "ja" || value.startsWith("ja-") ? "ja" : "en";
}

/** The JSON text of an error's body in `lang`. */
export function errorBody(error: ApiError, lang: Lang): string {
  return JSON.stringify({ code: error.code, message: error.words(messages(lang).emulator) });
}

/** The response for an error. */
export function errorResponse(error: ApiError, lang: Lang): Response {
  return new Response(errorBody(error, lang), {
    status: error.status,
    headers: { "content-type": "application/json", ...error.headers },
  });
}
