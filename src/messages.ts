/**
 * What `soracom` itself says to people, in English and Japanese: one table per
 * language, keyed alike (the type makes a key missing from either a compile
 * error, and a test checks that no Japanese entry is left in English). The
 * language is the one `X-Soracom-Lang` uses, from `LC_ALL`, `LC_MESSAGES`,
 * `LANG` and `LANGUAGE`.
 *
 * @example
 * ```ts
 * import { messages } from "./messages.ts";
 * messages("ja").otpPrompt("sam"); // "sam の MFA ワンタイムコード: "
 * ```
 *
 * @module
 */

/** The UI language: `en` or `ja`. */
export type Lang = "en" | "ja";

function supported(value: string | undefined): Lang | undefined {
  const two = value?.slice(0, 2);
  return two === "en" || two === "ja" ? two : undefined;
}

/** The two letters after the last `:` of `LANGUAGE` (soracom-cli's "alternative"). */
function alternative(env: (name: string) => string | undefined): Lang | undefined {
  const language = env("LANGUAGE");
  if (!language) return undefined;
  return supported(language.slice(language.lastIndexOf(":") + 1));
}

/**
 * The language soracom-cli would pick from `LC_ALL`, `LC_MESSAGES`, `LANG` and `LANGUAGE`.
 *
 * @example `detectLang((n) => ({ LANG: "ja_JP.UTF-8" })[n]) === "ja"`
 */
export function detectLang(env: (name: string) => string | undefined): Lang {
  const lcAll = env("LC_ALL");
  const lang = env("LANG");
  if (lang === "C" || lcAll === "C") return "en";
  if (lcAll) return supported(lcAll) ?? alternative(env) ?? "en";
  const messages = supported(env("LC_MESSAGES"));
  if (messages) return messages;
  if (lang) return supported(lang) ?? alternative(env) ?? "en";
  return "en";
}

/** The messages for the language the environment asks for. */
export function messagesFor(env: (name: string) => string | undefined): Messages {
  return messages(detectLang(env));
}

const en = {
  /** Starts the line after an error that says what to do about it. */
  hint: "hint",
  // Logging in with MFA.
  otpPrompt: (label: string) => `MFA OTP code for ${label}: `,
  otpNotSixDigits: "A one-time code is 6 digits; try again.",
  otpNotAccepted: (label: string) => `The one-time code for ${label} was not accepted.`,
  otpAborted: "login aborted: no one-time code given",
  otpFlagInvalid: "--mfa-otpcode must be a 6-digit one-time code",
  otpFieldInvalid: (label: string) => `mfaOTPCode for ${label} is not a 6-digit one-time code`,
  otpCommandInvalid: "mfaOTPCommand did not print a 6-digit one-time code",
  hintCodeNeeded: (label: string) =>
    `${label} needs an MFA one-time code: pass --mfa-otpcode CODE, or set mfaOTPCommand in the profile (for example "op item get ITEM --otp")`,
  hintCodeWrong: (label: string) =>
    `the one-time code for ${label} was not accepted (a code lasts 30 seconds; check the device's clock)`,
  hintPasswordOrCode: (label: string) =>
    `the password or the one-time code for ${label} was not accepted`,
  retrying: (seconds: number, attempt: number, attempts: number) =>
    `retrying in ${seconds} s (attempt ${attempt}/${attempts})`,
  // A profileCommand or mfaOTPCommand that failed.
  commandStderrTail: (label: string, program: string) =>
    `last lines ${label} '${program}' wrote on stderr:`,
};

/** Every message, by key. */
export type Messages = Readonly<typeof en>;

const ja: Messages = {
  hint: "ヒント",
  otpPrompt: (label) => `${label} の MFA ワンタイムコード: `,
  otpNotSixDigits: "ワンタイムコードは 6 桁の数字です。もう一度入力してください。",
  otpNotAccepted: (label) => `${label} のワンタイムコードは受け付けられませんでした。`,
  otpAborted: "ワンタイムコードが入力されなかったため、ログインを中止しました",
  otpFlagInvalid: "--mfa-otpcode には 6 桁のワンタイムコードを指定してください",
  otpFieldInvalid: (label) => `${label} の mfaOTPCode が 6 桁のワンタイムコードではありません`,
  otpCommandInvalid: "mfaOTPCommand が 6 桁のワンタイムコードを出力しませんでした",
  hintCodeNeeded: (label) =>
    `${label} には MFA のワンタイムコードが必要です。--mfa-otpcode CODE を付けるか、プロファイルに mfaOTPCommand を設定してください (例: "op item get ITEM --otp")`,
  hintCodeWrong: (label) =>
    `${label} のワンタイムコードが受け付けられませんでした (コードの有効期間は 30 秒です。端末の時計も確認してください)`,
  hintPasswordOrCode: (label) =>
    `${label} のパスワードまたはワンタイムコードが受け付けられませんでした`,
  retrying: (seconds, attempt, attempts) =>
    `${seconds} 秒後に再試行します (${attempt}/${attempts} 回目)`,
  commandStderrTail: (label, program) => `${label} '${program}' が標準エラー出力に書いた最後の行:`,
};

const TABLES: Readonly<Record<Lang, Messages>> = { en, ja };

/** The message table for `lang`. */
export function messages(lang: Lang): Messages {
  return TABLES[lang];
}
