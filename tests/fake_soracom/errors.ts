/**
 * The emulator's error bodies: `{"code","message"}` with the message in Japanese when the request
 * says `X-Soracom-Lang: ja`, English otherwise. The codes are our own picks except AUM0063, which the
 * CLI's MFA handling keys on.
 *
 * @module
 */

/** The language of an error message. */
export type Lang = "en" | "ja";

interface ErrorEntry {
  readonly status: number;
  readonly code: string;
  readonly en: string;
  readonly ja: string;
}

/**
 * Every error the emulator produces, by name.
 *
 * @example
 * ```ts ignore
 * errorCatalog.mfaRequired.code; // "AUM0063"
 * ```
 */
export const errorCatalog = {
  tokenRequired: {
    status: 401,
    code: "AUM0001",
    en: "API key and token are required in the request header.",
    ja: "リクエストヘッダーに API キーと API トークンが必要です。",
  },
  invalidToken: {
    status: 401,
    code: "AUM0002",
    en: "The API key or token is invalid or has expired.",
    ja: "API キーまたは API トークンが無効か、有効期限が切れています。",
  },
  authFailed: {
    status: 401,
    code: "AUM0003",
    en: "Authentication failed.",
    ja: "認証に失敗しました。",
  },
  mfaRequired: {
    status: 401,
    code: "AUM0063",
    en: "MFA OTP code is required.",
    ja: "MFA OTPコードが必要です。",
  },
  mfaInvalid: {
    status: 401,
    code: "AUM0064",
    en: "MFA OTP code is invalid.",
    ja: "MFA OTPコードが正しくありません。",
  },
  switchNotAllowed: {
    status: 400,
    code: "AUM0008",
    en: "Switch user not allowed.",
    ja: "スイッチユーザーは許可されていません。",
  },
  tokenExpired: {
    status: 400,
    code: "AUM0009",
    en: "The token has already expired. Authenticate again.",
    ja: "トークンの有効期限が切れています。再度認証してください。",
  },
  badRequest: {
    status: 400,
    code: "COM0001",
    en: "Invalid request.",
    ja: "リクエストが不正です。",
  },
  notFound: {
    status: 404,
    code: "COM0002",
    en: "The requested resource was not found.",
    ja: "指定されたリソースが見つかりません。",
  },
  forbidden: {
    status: 403,
    code: "COM0003",
    en: "You are not allowed to access this resource.",
    ja: "このリソースへのアクセスは許可されていません。",
  },
  subscriberNotFound: {
    status: 404,
    code: "SEM0004",
    en: "The subscriber does not exist.",
    ja: "指定された加入者は存在しません。",
  },
  sandboxAuthKeyInvalid: {
    status: 400,
    code: "SBX0001",
    en: "The production AuthKey is invalid.",
    ja: "本番環境の認証キーが正しくありません。",
  },
  sandboxEmailTaken: {
    status: 400,
    code: "SBX0002",
    en: "The email address is already registered.",
    ja: "このメールアドレスは既に登録されています。",
  },
  injected: {
    status: 500,
    code: "FAKE0001",
    en: "Injected fault.",
    ja: "注入された障害です。",
  },
  internal: {
    status: 500,
    code: "FAKE0002",
    en: "The emulator is misconfigured.",
    ja: "エミュレーターの設定が不正です。",
  },
} as const satisfies Record<string, ErrorEntry>;

/** The name of an error in {@linkcode errorCatalog}. */
export type ErrorName = keyof typeof errorCatalog;

/**
 * The language a request asks for through `X-Soracom-Lang`.
 *
 * @example
 * ```ts ignore
 * langOf(new Headers({ "x-soracom-lang": "ja" })); // "ja"
 * ```
 */
export function langOf(headers: Headers): Lang {
  const value = (headers.get("x-soracom-lang") ?? "").trim().toLowerCase();
  return value === "ja" || value.startsWith("ja-") ? "ja" : "en";
}

/**
 * The JSON text of an error body; `detail` (English, for debugging) is appended to the message.
 *
 * @example
 * ```ts ignore
 * errorBody("mfaRequired", "ja"); // '{"code":"AUM0063","message":"MFA OTPコードが必要です。"}'
 * ```
 */
export function errorBody(name: ErrorName, lang: Lang, detail?: string): string {
  const entry = errorCatalog[name];
  const message = detail === undefined ? entry[lang] : `${entry[lang]} (${detail})`;
  return JSON.stringify({ code: entry.code, message });
}

/**
 * A JSON error response with the catalogue's status, or `status` when given.
 *
 * @example
 * ```ts ignore
 * const res = errorResponse("subscriberNotFound", "en"); // 404 {"code":"SEM0004",...}
 * ```
 */
export function errorResponse(
  name: ErrorName,
  lang: Lang,
  detail?: string,
  status?: number,
): Response {
  return new Response(errorBody(name, lang, detail), {
    status: status ?? errorCatalog[name].status,
    headers: { "content-type": "application/json" },
  });
}
