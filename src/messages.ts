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
  // Times.
  timeUnits: { d: "d", h: "h", m: "m", s: "s" },
  timeIn: (span: string) => `in ${span}`,
  timeAgo: (span: string) => `${span} ago`,
  // auth status.
  briefAuthStatus: "show each profile's session: who, where, until when (no secrets)",
  helpAuthStatus: [
    "Shows, for the profile (or every profile with --all), who it logs in as, the endpoint,",
    "whether a session is cached and when it ends, and what the next login would run.",
    "Nothing is run or sent. SESSION is 'cached' (its own session), 'from source' (a switch-user",
    "profile whose source has a session: a new one is made without a login), 'given' (API key",
    "and token from flags or SORACOM_API_KEY/SORACOM_API_TOKEN) or 'none' (the next command logs in).",
    "Exit status: 0 when the profile's next command needs no login, 1 when it does.",
    "With --all: 0 unless a profile cannot be read.",
  ].join("\n"),
  flagStatusAll: "every profile in the profile folder",
  flagJson: "print JSON (for scripts)",
  statusColumns: ["PROFILE", "KIND", "WHO", "ENDPOINT", "SESSION", "EXPIRES", "NEXT LOGIN RUNS"],
  credentialKind: {
    apiKey: "API key",
    authKey: "AuthKey",
    root: "root user",
    samUser: "SAM user",
    switchUser: "switch user",
    profileCommand: "profileCommand",
    unknown: "-",
  },
  sessionState: { cache: "cached", renewed: "from source", given: "given", none: "none" },
  statusVia: (source: string) => `(via ${source})`,
  statusError: (message: string) => `error: ${message}`,
  statusNoProfiles: (dir: string) => `no profiles in ${dir}; create one with 'soracom configure'`,
  // logout.
  sessionCount: (n: number) => `${n} cached session${n === 1 ? "" : "s"}`,
  loggedOut: (sessions: string) => `logged out ${sessions}`,
  loggedOutLocally: (sessions: string) =>
    `deleted ${sessions} here (not revoked on the server: --local)`,
  logoutKept: (sessions: string, first: string) =>
    `${sessions} could not be logged out (kept): ${first}`,
  logoutUnreachable: (sessions: string) =>
    `the server could not be reached to revoke ${sessions}; deleted here all the same`,
  nothingToLogOut: (label: string) => `no cached session for ${label}; nothing to log out`,
  unconfigureNotRevoked: (name: string, why: string) =>
    `warning: the session of profile ${name} could not be revoked on the server (${why}); it was deleted here`,
  // Questions (configure).
  askNotEmpty: "This cannot be empty.",
  chooseANumber: (max: number) => `Type a number from 1 to ${max}.`,
  // configure.
  configureIntro: (path: string, dir: string) =>
    `--- SORACOM CLI setup ---\nThis will create ${path} (folder ${dir}).`,
  configureOverwrite: (name: string) => `Profile ${name} already exists. Overwrite it? (y/N) `,
  configureExists: (name: string) =>
    `profile '${name}' already exists; add --overwrite to replace it`,
  selectCoverage: "Select the coverage type:",
  coverages: ["Global", "Japan"],
  selectMethod: "Select the authentication method:",
  methods: [
    "AuthKeyId and AuthKey (recommended; MFA does not apply)",
    "Operator (root account) email and password",
    "SAM user name and password",
    "Switch user (log in with another profile, then switch to a user)",
    "1Password: the credentials and the one-time code from an item (op)",
    "Another command that prints the credentials as JSON (a password manager)",
  ],
  qOperatorId: "Operator ID (OP00...): ",
  qSwitchOperatorId: "Operator ID of the switch destination (OP00...): ",
  qSwitchUsername: "User name of the switch destination: ",
  selectSource: "Select the source profile (the one that logs in first):",
  noSourceProfile:
    "there is no profile to switch from (a switch-user profile cannot be one); create one first",
  sourceIsSwitchUser: (name: string) =>
    `profile '${name}' is a switch-user profile itself; the source must log in directly (no chains)`,
  selectMfa: "Is MFA (a one-time code) on for this user?",
  mfaOptions: [
    "No",
    "Yes: take the code from a command (for example 1Password: op item get ITEM --otp)",
    "Yes: ask me for the code when a login needs it",
  ],
  qOtpCommand: "Command that prints the code: ",
  qOpItem: "1Password item name: ",
  selectOpKind: "Who does the item log in as?",
  opKinds: [
    "a SAM user (fields labelled 'operator id', 'username', 'password')",
    "the root user (fields labelled 'username', holding the email, and 'password')",
  ],
  qOpHasOtp: "Does the item hold the one-time password (MFA)? (Y/n) ",
  configureLoggedIn: (who: string) => `Logged in as ${who}; the session is cached.`,
  configureLoginFailed: (why: string) =>
    `the profile was saved, but logging in with it failed: ${why}`,
  configureSaved: (name: string) => `Saved. Try: soracom --profile ${name} subscribers list`,
  // Help pages.
  helpUsage: "Usage",
  helpCommands: "Commands",
  helpSubcommands: "Subcommands",
  helpFlags: "Flags",
  helpGlobalFlags: "Global flags",
  helpExamples: "Examples",
  helpOtherCommands: "Other commands",
  helpRoute: "Route:",
  helpReference: "API reference:",
  helpAlso: "Also:",
  helpRequired: "required",
  helpDefault: (value: string) => `default: ${value}`,
  helpValues: (values: string) => `one of: ${values}`,
  helpDeprecated: (alternative?: string) =>
    alternative
      ? `Deprecated: use 'soracom ${alternative}' instead.`
      : "Deprecated: SORACOM may remove this command.",
  helpSubgroup: (children: string) => `commands: ${children}`,
  helpMore:
    "Run 'soracom help COMMAND' (or 'soracom COMMAND --help') for what a command does and its flags. Documentation: https://users.soracom.io/",
  helpGroupMore: (name: string) => `Run 'soracom help ${name} COMMAND' for a command's flags.`,
  // exec and auth export.
  briefExec: "run a command with the profile's session in its environment",
  helpExec: [
    "Runs COMMAND with SORACOM_API_KEY, SORACOM_API_TOKEN, SORACOM_OPERATOR_ID, SORACOM_ENDPOINT",
    "and SORACOM_PROFILE set from the profile's session (cached, or a login with the OTP, once),",
    "and exits with its status. soracom run inside uses that session without logging in.",
    "Put -- before the command:",
    "  soracom exec --profile sam -- ./report.sh --month 2026-12",
  ].join("\n"),
  execCommandArg: "the command and its arguments, after --",
  execNoCommand: "exec needs a command: soracom exec --profile NAME -- COMMAND [ARGS...]",
  execNotFound: (program: string) => `exec: command not found: ${program}`,
  briefAuthExport: "print the profile's session as environment variables (for eval)",
  helpAuthExport: [
    "Prints SORACOM_API_KEY, SORACOM_API_TOKEN, SORACOM_OPERATOR_ID, SORACOM_ENDPOINT and",
    "SORACOM_PROFILE for the profile's session, as export lines for a POSIX shell, or with",
    "--format json as one object. The output holds the session's secrets: eval it, do not share it.",
    `  eval "$(soracom auth export --profile sam)"`,
  ].join("\n"),
  flagExportFormat: "env (export lines, the default) or json",
  exportFormat: (format: string) =>
    `invalid value ${JSON.stringify(format)} for "--format": allowed values are env, json`,
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
  timeUnits: { d: "日", h: "時間", m: "分", s: "秒" },
  timeIn: (span) => `あと ${span}`,
  timeAgo: (span) => `${span} 前`,
  briefAuthStatus:
    "各プロファイルのセッション (誰として、どこに、いつまで) を表示 (秘密情報は出しません)",
  helpAuthStatus: [
    "プロファイル (--all ではすべてのプロファイル) について、ログインするユーザー、エンドポイント、",
    "キャッシュされたセッションの有無と終了時刻、次のログインで実行されるコマンドを表示します。",
    "何も実行・送信しません。セッションの値: 'キャッシュ' (自分のセッション)、'ソースから' (ソースの",
    "セッションがあるスイッチユーザー: ログインせずに新しいセッションを作ります)、'指定' (フラグまたは",
    "SORACOM_API_KEY/SORACOM_API_TOKEN の API キーとトークン)、'なし' (次のコマンドでログインします)。",
    "終了ステータス: 次のコマンドでログインが不要なら 0、必要なら 1。",
    "--all では、読めないプロファイルがない限り 0。",
  ].join("\n"),
  flagStatusAll: "プロファイルフォルダーのすべてのプロファイル",
  flagJson: "JSON で出力 (スクリプト向け)",
  statusColumns: [
    "プロファイル",
    "種類",
    "ユーザー",
    "エンドポイント",
    "セッション",
    "有効期限",
    "次のログインで実行",
  ],
  credentialKind: {
    apiKey: "API キー",
    authKey: "認証キー",
    root: "ルートユーザー",
    samUser: "SAM ユーザー",
    switchUser: "スイッチユーザー",
    profileCommand: "profileCommand",
    unknown: "-",
  },
  sessionState: { cache: "キャッシュ", renewed: "ソースから", given: "指定", none: "なし" },
  statusVia: (source) => `(${source} 経由)`,
  statusError: (message) => `エラー: ${message}`,
  statusNoProfiles: (dir) =>
    `${dir} にプロファイルがありません。'soracom configure' で作成してください`,
  sessionCount: (n) => `キャッシュされたセッション ${n} 件`,
  loggedOut: (sessions) => `${sessions}をログアウトしました`,
  loggedOutLocally: (sessions) =>
    `${sessions}をこのマシンから削除しました (--local のためサーバーでは無効化していません)`,
  logoutKept: (sessions, first) =>
    `${sessions}をログアウトできませんでした (残しています): ${first}`,
  logoutUnreachable: (sessions) =>
    `サーバーに接続できず${sessions}を無効化できませんでしたが、このマシンからは削除しました`,
  nothingToLogOut: (label) =>
    `${label} のキャッシュされたセッションはありません。ログアウトするものはありません`,
  unconfigureNotRevoked: (name, why) =>
    `警告: プロファイル ${name} のセッションをサーバーで無効化できませんでした (${why})。このマシンからは削除しました`,
  askNotEmpty: "空にはできません。",
  chooseANumber: (max) => `1 から ${max} までの数字を入力してください。`,
  configureIntro: (path, dir) =>
    `--- SORACOM CLI の設定 ---\n${path} を作成します (フォルダー ${dir})。`,
  configureOverwrite: (name) => `プロファイル ${name} はすでにあります。上書きしますか? (y/N) `,
  configureExists: (name) =>
    `プロファイル '${name}' はすでにあります。置き換えるには --overwrite を付けてください`,
  selectCoverage: "カバレッジタイプを選んでください:",
  coverages: ["グローバル", "日本"],
  selectMethod: "認証方法を選んでください:",
  methods: [
    "認証キー ID と認証キー (推奨。MFA の対象外)",
    "オペレーター (ルートアカウント) のメールアドレスとパスワード",
    "SAM ユーザー名とパスワード",
    "スイッチユーザー (別のプロファイルでログインしてからユーザーを切り替え)",
    "1Password: アイテムから認証情報とワンタイムコードを取得 (op)",
    "認証情報を JSON で出力する別のコマンド (パスワードマネージャー)",
  ],
  qOperatorId: "オペレーター ID (OP00...): ",
  qSwitchOperatorId: "切り替え先のオペレーター ID (OP00...): ",
  qSwitchUsername: "切り替え先のユーザー名: ",
  selectSource: "ソースプロファイル (最初にログインするプロファイル) を選んでください:",
  noSourceProfile:
    "切り替え元にできるプロファイルがありません (スイッチユーザーのプロファイルは使えません)。先に作成してください",
  sourceIsSwitchUser: (name) =>
    `プロファイル '${name}' 自体がスイッチユーザーです。ソースは直接ログインするプロファイルにしてください (連鎖は不可)`,
  selectMfa: "このユーザーは MFA (ワンタイムコード) を使っていますか?",
  mfaOptions: [
    "いいえ",
    "はい: コマンドからコードを取得 (例: 1Password の op item get ITEM --otp)",
    "はい: ログインが必要になったときにコードを尋ねる",
  ],
  qOtpCommand: "コードを出力するコマンド: ",
  qOpItem: "1Password のアイテム名: ",
  selectOpKind: "このアイテムでログインするのは誰ですか?",
  opKinds: [
    "SAM ユーザー (ラベルが 'operator id'、'username'、'password' のフィールド)",
    "ルートユーザー (メールアドレスを入れた 'username' と 'password' のフィールド)",
  ],
  qOpHasOtp: "このアイテムにワンタイムパスワード (MFA) はありますか? (Y/n) ",
  configureLoggedIn: (who) => `${who} としてログインしました。セッションはキャッシュされています。`,
  configureLoginFailed: (why) =>
    `プロファイルは保存しましたが、そのプロファイルでのログインに失敗しました: ${why}`,
  configureSaved: (name) => `保存しました。試すには: soracom --profile ${name} subscribers list`,
  helpUsage: "使い方",
  helpCommands: "コマンド",
  helpSubcommands: "サブコマンド",
  helpFlags: "フラグ",
  helpGlobalFlags: "グローバルフラグ",
  helpExamples: "例",
  helpOtherCommands: "その他のコマンド",
  helpRoute: "ルート:",
  helpReference: "API リファレンス:",
  helpAlso: "別名:",
  helpRequired: "必須",
  helpDefault: (value) => `既定値: ${value}`,
  helpValues: (values) => `値: ${values}`,
  helpDeprecated: (alternative) =>
    alternative
      ? `非推奨: 代わりに 'soracom ${alternative}' を使ってください。`
      : "非推奨: このコマンドは SORACOM が削除する可能性があります。",
  helpSubgroup: (children) => `コマンド: ${children}`,
  helpMore:
    "コマンドの内容とフラグは 'soracom help COMMAND' (または 'soracom COMMAND --help') で確認できます。ドキュメント: https://users.soracom.io/ja-jp/",
  helpGroupMore: (name) => `各コマンドのフラグは 'soracom help ${name} COMMAND' で確認できます。`,
  briefExec: "プロファイルのセッションを環境変数に入れてコマンドを実行",
  helpExec: [
    "SORACOM_API_KEY、SORACOM_API_TOKEN、SORACOM_OPERATOR_ID、SORACOM_ENDPOINT、SORACOM_PROFILE を",
    "プロファイルのセッション (キャッシュ、なければ一度だけ OTP 付きでログイン) から設定して COMMAND を",
    "実行し、その終了ステータスで終了します。中で実行した soracom はログインせずにそのセッションを使います。",
    "コマンドの前に -- を置きます:",
    "  soracom exec --profile sam -- ./report.sh --month 2026-12",
  ].join("\n"),
  execCommandArg: "-- の後に続くコマンドとその引数",
  execNoCommand: "exec にはコマンドが必要です: soracom exec --profile NAME -- COMMAND [ARGS...]",
  execNotFound: (program) => `exec: コマンドが見つかりません: ${program}`,
  briefAuthExport: "プロファイルのセッションを環境変数として出力 (eval 用)",
  helpAuthExport: [
    "プロファイルのセッションの SORACOM_API_KEY、SORACOM_API_TOKEN、SORACOM_OPERATOR_ID、",
    "SORACOM_ENDPOINT、SORACOM_PROFILE を POSIX シェルの export 行として、--format json では",
    "1 つのオブジェクトとして出力します。出力にはセッションの秘密情報が含まれます。eval で使い、共有しないでください。",
    `  eval "$(soracom auth export --profile sam)"`,
  ].join("\n"),
  flagExportFormat: "env (export 行、既定) または json",
  exportFormat: (format) =>
    `"--format" の値 ${JSON.stringify(format)} は使えません。使える値: env, json`,
};

const TABLES: Readonly<Record<Lang, Messages>> = { en, ja };

/** The message table for `lang`. */
export function messages(lang: Lang): Messages {
  return TABLES[lang];
}
