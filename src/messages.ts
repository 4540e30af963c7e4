/**
 * What `soracom` itself says to people, in English and Japanese: one table per
 * language, keyed alike (the type makes a key missing from either a compile
 * error, and a test checks that no Japanese entry is left in English). Which
 * language a run speaks is decided once, when its Context is made
 * (`detectLang` in `context.ts`), and read as `ctx.lang`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { messages } from "./messages.ts";
 * assert.deepEqual(messages("ja").otpPrompt("sam"), "sam の MFA ワンタイムコード: ");
 * ```
 *
 * @module
 */

/** The UI language: `en` or `ja`. */
export type Lang = "en" | "ja";

/** `n` and its noun, singular for one (`1 page`, `2 pages`). */
function counted(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The first three names, and how many more (`a, b, c and 2 more`); four or fewer, all. */
function someOf(names: readonly string[]): string {
  const rest = names.length - 3;
  return rest > 1 ? `${names.slice(0, 3).join(", ")} and ${rest} more` : names.join(", ");
}

/** The first three names, and how many more with `counter` (`a、b、c ほか 2 件`), in Japanese. */
function someOfJa(names: readonly string[], counter: string): string {
  const rest = names.length - 3;
  return rest > 1 ? `${names.slice(0, 3).join("、")} ほか ${rest} ${counter}` : names.join("、");
}
/** Why a request got no response (`api/http.ts` tells them apart). */
export type NetworkFailure =
  | "timeout"
  | "refused"
  | "reset"
  | "dns"
  | "tls"
  | "badHeader"
  | "other";

/**
 * The few fixed phrases our JSON reader says what is wrong with (`json/`), in
 * Japanese; English says them as they are.
 */
const JA_JSON_PROBLEMS: Readonly<Record<string, string>> = {
  "unexpected end of input": "途中で終わっています",
  "expected a value": "値がありません",
  "expected a property name": "プロパティ名がありません",
  'expected ":"': '":" がありません',
  'expected ","': '"," がありません',
  'expected "," or "]"': '"," か "]" がありません',
  'expected "," or "}"': '"," か "}" がありません',
  "unexpected text after the value": "値のあとに余分な文字があります",
  "invalid number": "数値が正しくありません",
  "unterminated string": "文字列が閉じていません",
  "control character in string": "文字列に制御文字があります",
  "invalid escape in string": "文字列のエスケープが正しくありません",
  "invalid \\u escape in string": "文字列の \\u エスケープが正しくありません",
  "invalid string": "文字列が正しくありません",
  "invalid character": "使えない文字があります",
  "unterminated comment": "コメントが閉じていません",
  "invalid JSON": "JSON として読めません",
};

/** Whether a call that got no response was tried again. */
export type Retried = "retried" | "notRetried" | "retryOff";

const EN_NETWORK: Readonly<Record<NetworkFailure, string>> = {
  timeout: "no response before the timeout (SORACOM_TIMEOUT, 120 s by default)",
  refused: "connection refused",
  reset: "connection reset",
  dns: "the host name does not resolve",
  tls: "TLS error (is the certificate trusted?)",
  // Never the header itself: its value may be a secret.
  badHeader: "a header holds a character no header may (CR, LF or NUL)",
  other: "the request failed",
};

const JA_NETWORK: Readonly<Record<NetworkFailure, string>> = {
  timeout: "タイムアウトまでにレスポンスがありません（SORACOM_TIMEOUT、既定は 120 秒）",
  refused: "接続を拒否されました",
  reset: "接続がリセットされました",
  dns: "ホスト名を解決できません",
  tls: "TLS のエラーです（証明書は信頼されていますか？）",
  badHeader: "ヘッダーに使えない文字（CR、LF、NUL）が含まれています",
  other: "リクエストが失敗しました",
};

/**
 * The English table, whose shape is {@link Messages}: the one place a message
 * is declared (the Japanese table must have the same keys and kinds).
 * Exported only so that the type can name it; read messages through
 * {@link messages}.
 *
 * @ignore
 */
export const en = {
  /** Starts the line after an error that says what to do about it. */
  hint: "hint",
  // Logging in with MFA.
  otpPrompt: (label: string) => `MFA one-time code for ${label}: `,
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
  retrying: (call: string, why: string, seconds: number, attempt: number, attempts: number) =>
    `${call}: ${why}; retrying in ${seconds} s (attempt ${attempt} of ${attempts})`,
  // A profileCommand or mfaOTPCommand that failed.
  commandStderrTail: (label: string, program: string) => `${label} '${program}' wrote on stderr:`,
  // Times.
  timeUnits: { d: "d", h: "h", m: "m", s: "s" },
  timeIn: (span: string) => `in ${span}`,
  timeAgo: (span: string) => `${span} ago`,
  // auth status.
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
  statusAsksCode: "asks for a one-time code",
  statusAsksCodeIfOn: "asks for a one-time code if MFA is on",
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
  profileLabel: (name: string) => `profile ${name}`,
  execSessionSetAside: (name: string, owner: string) =>
    `note: running as profile ${name} (--profile), not with the session of profile ${owner} that soracom exec set (SORACOM_API_KEY, SORACOM_API_TOKEN, SORACOM_ENDPOINT)`,
  envSessionSetAside: (name: string) =>
    `note: running as profile ${name} (--profile), not with the session in SORACOM_API_KEY and SORACOM_API_TOKEN`,
  unconfigureNotRevoked: (name: string, why: string) =>
    `warning: the session of profile ${name} could not be revoked on the server (${why}); it was deleted here`,
  // Errors the CLI itself reports (after "Error: ", which stays as it is in every language).
  unexpectedError: (message: string) =>
    `unexpected error: ${message} (rerun with SORACOM_VERBOSE=1 for details)`,
  unknownCommand: (
    input: string,
    where: string,
    corrections: readonly string[],
    commands: readonly string[] = [],
  ) =>
    `unknown command "${input}" for "${where}"${
      corrections.length > 0
        ? ` (did you mean ${corrections.map((c) => `"${c}"`).join(" or ")}?)`
        : ""
    }${
      commands.length > 0
        ? `; its commands: ${commands.join(", ")}`
        : `; run '${where} --help' for usage`
    }`,
  unknownFlag: (written: string, corrections: readonly string[]) =>
    `unknown flag: ${written}${
      corrections.length > 0
        ? ` (did you mean ${corrections.map((c) => `--${c}`).join(" or ")}?)`
        : ""
    }`,
  unexpectedArguments: (args: readonly string[], where: string) =>
    `unexpected argument${args.length === 1 ? "" : "s"}: ${
      args.join(" ")
    } ('${where}' takes only flags; see '${where} --help')`,
  needsPermission: (flag: string, detail: string) =>
    `this needs the ${flag} permission (${detail})`,
  bothFlags: (a: string, b: string) => `both ${a} and ${b} must be specified`,
  bothVariables: (a: string, b: string) => `both ${a} and ${b} must be set`,
  notAnInteger: (input: string, flag: string) =>
    `invalid argument ${JSON.stringify(input)} for "--${flag}": not an integer`,
  notANumber: (input: string, flag: string) =>
    `invalid argument ${JSON.stringify(input)} for "--${flag}": not a number`,
  notABoolean: (input: string, flag: string) =>
    `invalid argument ${JSON.stringify(input)} for "--${flag}": not true or false`,
  flagNeedsValue: (flag: string) => `flag needs an argument: --${flag}`,
  notAllowed: (input: string, flag: string, values: readonly string[]) =>
    `invalid value ${JSON.stringify(input)} for "--${flag}": allowed values are ${
      values.join(", ")
    }`,
  requiredParam: (flag: string) => `required parameter '${flag}' is not specified`,
  requiredBodyParam: (name: string, flag: string) =>
    `required parameter '${name}' in body (or command line option '${flag}') is not specified`,
  bodyInvalidJson: (problem: string, line: number, column: number) =>
    `invalid json format specified for \`--body\` parameter: ${problem}${
      line > 0 ? ` at line ${line} column ${column}` : ""
    }`,
  bodyNotObject: "`--body` must be a JSON object for this command",
  bodyFileMissing: (path: string) => `--body: cannot read ${path}: no such file`,
  bodyFileUnreadable: (path: string, why: string) => `--body: cannot read ${path}: ${why}`,
  warnDeprecated: "WARN: Deprecated API calling.",
  warnAlternative: (command: string) =>
    `WARN: Please consider to use the alternative API (command: \`${command}\`)`,
  responseNotJson: "the response is not valid JSON (it may have been cut off)",
  responseTooLarge: "the response is too large to print",
  responseOverCap: (mib: number) =>
    `the response is larger than ${mib} MiB, more than is held in memory to print it (--raw-output writes any size as it comes)`,
  responseTooDeep: (levels: number) =>
    `the response nests deeper than ${levels} levels: --query and --output other than json and jsonl cannot take it`,
  responseCutOff: (why: string) => `the response was cut off: ${why}`,
  jsonlNeedsArray: "--jsonl needs an array response",
  badQuery: (expression: string, detail: string) => `invalid --query '${expression}': ${detail}`,
  badQueryKeysNeedValues: (expression: string, meant: string) =>
    `invalid --query '${expression}': each key in {...} needs its value; for each element's fields: --query '${meant}'`,
  badQueryRun: (expression: string, detail: string) =>
    `--query '${expression}' failed on the response: ${detail}`,
  outputNeedsJson: "--query and --output need a JSON response; this one is not JSON",
  rawWithValues:
    "--raw-output prints the response as it came: it cannot go with --query or --output",
  moreItems: (flag: string, key: string) =>
    `more items on the server: add --fetch-all, or go on with ${flag} ${key}`,
  resumeWith: (flag: string, key: string) =>
    `the pages before it were printed; resume with ${flag} ${key}`,
  apiBadMethod: (method: string) =>
    `'${method}' is not an HTTP method (GET, POST, PUT, DELETE, PATCH or HEAD)`,
  apiBadPath: (path: string) => `the path must start with / (e.g. /subscribers): '${path}'`,
  apiBadField: (field: string) => `--field and --raw-field take key=value, not '${field}'`,
  apiFieldsWithBody: "--field and --raw-field cannot go with --body",
  apiUsage: "soracom api takes a method and a path, e.g. soracom api GET /subscribers",
  dryRunNotSent: "(--dry-run: nothing was sent)",
  bodyTooLarge: (source: string, mb: number) =>
    `--body from ${source} is larger than ${mb} MiB: it is not a request body`,
  insecureEndpoint: (endpoint: string) =>
    `refusing to send credentials to ${endpoint} over plain http; use https, or add --allow-insecure-endpoint (or "allowInsecureEndpoint": true in the profile) if you mean it`,
  profileTooDeep: (where: string, depth: number) =>
    `profile ${where} nests deeper than ${depth} levels: it is not a profile`,
  redirectRefused: (call: string, origin: string) =>
    `the server answered ${call} with a redirect (to ${origin}): a login or a session is never sent on`,
  redirectDowngrade: (origin: string) =>
    `refusing a redirect from https to ${origin}: it would send the request unencrypted`,
  redirectDropsBody: (call: string, origin: string) =>
    `the server redirected ${call} to ${origin}: its body is not sent to another server`,
  fetchAllNotArray: "--fetch-all cannot merge pages: the response is not an array",
  fetchAllLoop: (header: string, key: string) =>
    `--fetch-all stopped: the server sent the same ${header} twice (${key})`,
  fetchProgress: (pages: number, items: number) =>
    `fetched ${counted(pages, "page", "pages")}, ${counted(items, "item", "items")}`,
  tableLeftOut: (names: readonly string[], query?: string) =>
    `not shown: ${someOf(names)}; --output json shows everything${
      query === undefined ? "" : `, --query '${query}' picks the columns`
    }`,
  tableEmpty: "no items to show",
  statusLeftOut: (names: readonly string[]) =>
    `not shown at this width: ${someOf(names)}; --json shows everything`,
  networkReason: (why: NetworkFailure, detail: string) =>
    why === "other" && detail !== "" ? `${EN_NETWORK.other} (${detail})` : EN_NETWORK[why],
  networkFailed: (
    call: string,
    host: string,
    why: NetworkFailure,
    detail: string,
    tries: number,
    retried: Retried,
  ) =>
    `${call} at ${host}: ${en.networkReason(why, detail)} (${
      {
        retried: `tried ${tries} times`,
        notRetried: "not retried: waiting would not mend it",
        retryOff: "not retried: --no-retry-on-error",
      }[retried]
    })`,
  hintHostName:
    "check the network connection, and the endpoint (the profile's endpoint, --coverage-type)",
  noHomeProfiles: "cannot find the home folder (HOME is not set); set SORACOM_PROFILE_DIR",
  noHomeSessions: "cannot find the home folder; set SORACOM_SESSION_DIR",
  sessionStoreInvalid: (value: string) =>
    `SORACOM_SESSION_STORE must be "file" or "keyring", got ${value}`,
  keyringFailed: (name: string, why: string) =>
    `warning: the keyring (${name}) could not keep the session (${why}); it is in the session file instead`,
  sessionDirDistrusted: (dir: string, why: "link" | "owner" | "writable") =>
    `warning: the session cache is not used: ${dir} ${
      {
        link: "is a symbolic link",
        owner: "belongs to another user",
        writable: "can be written by other users (run: chmod 700 " + dir + ")",
      }[why]
    }; every command logs in until this is mended`,
  invalidProfileName: (name: string) => `invalid profile name ${JSON.stringify(name)}`,
  profileEmpty: (where: string) => `${where}: the file is empty`,
  profileInvalidJson: (where: string, line: number, column: number, problem: string) =>
    `${where}:${line}:${column}: invalid JSON (${problem})`,
  profileMissing: (name: string, path: string, near: readonly string[], how: string) =>
    near.length > 0
      ? `profile '${name}' does not exist (did you mean ${near.map((n) => `'${n}'`).join(" or ")}?)`
      : `profile '${name}' does not exist (there is no ${path}); create it with '${how}'`,
  notAFile: (path: string) => `${path} is not a file`,
  profileTooOpen: (path: string) =>
    `Permissions for the file '${path}' which contains your credentials are too open; run 'chmod 600 ${path}'`,
  profileTooLarge: (path: string, size: number, max: number) =>
    `${path} is ${size} bytes, larger than a profile can be (${max})`,
  notUtf8File: (path: string) => `${path}: the file is not UTF-8`,
  noCredentials: (label: string) =>
    `${label} has no credentials (authKeyId and authKey, email and password, or operatorId, username and password)`,
  sourceNotLoaded: (name: string, why: string) =>
    `unable to load the specified source profile '${name}': ${why}`,
  nestedSwitchUser: (name: string) =>
    `source profile '${name}' should not have a sourceProfile (nested switch user is not allowed)`,
  switchUserIncomplete:
    "both operatorId and username are required when authenticating using switch-user",
  loginNotJson: "the authentication response is not JSON",
  loginIncomplete: "the authentication response is missing apiKey, token or operatorId",
  waitingForLogin: "waiting for another soracom run that is logging in...",
  commandSplit: (label: string, why: string) => `${label}: ${why}`,
  commandNotFound: (label: string, program: string) => `${label}: program not found: ${program}`,
  commandCannotRun: (label: string, program: string) =>
    `${label}: cannot run ${program}: permission denied`,
  commandStopped: (label: string, program: string, why: string) => `${label} '${program}' ${why}`,
  commandTimedOut: (label: string, program: string, seconds: number) =>
    `${label} '${program}' timed out after ${seconds} s`,
  commandTooMuchOutput: (label: string, program: string, bytes: number) =>
    `${label} '${program}' output exceeded ${bytes} bytes`,
  commandFailed: (label: string, program: string, status: number, last: string) =>
    `${label} '${program}' failed with exit status ${status}${last ? `: ${last}` : ""}`,
  commandNotUtf8: (label: string, program: string) =>
    `${label} '${program}' printed output that is not UTF-8`,
  commandOutputEmpty: (program: string) => `the output of profileCommand '${program}' is empty`,
  commandOutputNotJson: (program: string) =>
    `the output of profileCommand '${program}' is not valid JSON`,
  otpCommandEmpty: "mfaOTPCommand did not print a one-time code",
  outputTooLarge: (bytes: number) => `output exceeded ${bytes} bytes`,
  timedOut: (seconds: number) => `timed out after ${seconds} s`,
  aborted: "aborted",
  abort: "abort",
  updateAvailable: (latest: string, current: string, notes: string, target: string) =>
    `soracom v${latest} is available (this is v${current}).\nRelease notes: ${notes}\n` +
    `This replaces ${target}. If a package manager installed soracom, update it with that instead.`,
  updateNow: "Update now? (y/N) ",
  updateUnderDeno: (version: string, repo: string) =>
    `soracom v${version} is running as a script under Deno, so there is no soracom executable to replace.\n` +
    `To update, pull the latest source (git pull in your checkout), or install the executable for your platform from ${repo}/releases/latest.`,
  upToDate: (version: string, latest: string) =>
    `soracom v${version} is up to date (the latest release is v${latest}).`,
  updateNeedsTerminal:
    "self-update needs a terminal to confirm; add --yes to update without asking",
  checksumMismatch: (name: string, expected: string, actual: string) =>
    `checksum mismatch for ${name} (expected ${expected}, got ${actual}); soracom was not changed`,
  sandboxProfileExists: (name: string) => `profile '${name}' already exists (--overwrite=false)`,
  sandboxNeedsTerminal:
    "configure-sandbox needs a terminal, or all of --auth-key-id, --auth-key, --email and --password",
  unconfigureConfirm: (name: string) => `Are you sure to remove profile '${name}' ? (y/N) `,
  unconfigureNeedsTerminal:
    "unconfigure needs a terminal to confirm; add --yes to skip the question",
  removeMissing: (path: string) => `remove ${path}: no such file or directory`,
  configureNeedsTerminal:
    "configure needs a terminal to ask its questions; without one, give the answers as flags: --auth-key-id and --auth-key, --email and --password, --operator-id, --user-name and --password, or --profile-command (see 'soracom configure --help')",
  configureNeedsFlag: (flag: string) =>
    `${flag} is missing, and configure can ask for it only on a terminal; add ${flag}`,
  // Profiles' fields and settings.
  profileNotObject: (where: string, got: string) => `${where}: expected a JSON object, got ${got}`,
  profileFieldType: (where: string, field: string, type: string, got: string) =>
    `${where}: field '${field}' must be ${
      ({
        integer: "an integer",
        number: "an integer",
        string: "a string",
        boolean: "a boolean",
      } as Record<string, string>)[type] ?? `a ${type}`
    }, got ${got}`,
  profileFieldInvalid: (where: string, field: string, got: string) =>
    `${where}: field '${field}' is invalid, got ${got}`,
  commandTimeoutSetting: (raw: string) =>
    `SORACOM_PROFILE_COMMAND_TIMEOUT must be a positive number of seconds, got ${raw}`,
  unclosedQuote: "invalid command line string: unclosed quote",
  emptyCommand: "the command is empty",
  // self-update.
  releasesUrlInvalid: "SORACOM_RELEASES_URL is not a URL",
  releasesUrlScheme:
    "SORACOM_RELEASES_URL must be an https URL (plain http only on this machine, for tests)",
  releaseUrlRefused: (url: string, allowed: string) =>
    `refusing to download ${url}: release files come only over https from ${allowed}; soracom was not changed`,
  releaseTooLarge: (name: string, limit: number) =>
    `${name} is larger than ${limit} bytes, more than a release file can be; soracom was not changed`,
  releaseSignatureMissing: (version: string, file: string) =>
    `release v${version} has no signature (${file}); soracom was not changed`,
  releaseSignatureBad: (version: string, why: "malformed" | "unknownKey" | "badSignature") =>
    `the signature of release v${version} ${
      {
        malformed: "is not a minisign signature",
        unknownKey: "is made with a key this soracom does not trust",
        badSignature: "does not match its SHA256SUMS",
      }[why]
    }; soracom was not changed`,
  releaseRequestFailed: (what: string, why: string) => `${what}: ${why}`,
  releaseNotJson: (what: string, why: string) => `${what}: the answer is not JSON (${why})`,
  releaseNotARelease: (what: string) => `${what}: the answer is not a release`,
  downloadInterrupted: (asset: string, why: string) =>
    `the download of ${asset} was interrupted (${why}); soracom was not changed`,
  updateTargetNotFile: (target: string) => `${target} is not a file; nothing to update`,
  noReleaseForPlatform: (os: string, arch: string) =>
    `no soracom release is built for ${os}/${arch}`,
  releaseTagNotVersion: (tag: string) => `the latest release's tag ${tag} is not a version`,
  releaseMissingAsset: (version: string, name: string, notes: string) =>
    `release v${version} has no ${name}; see ${notes}`,
  releaseMissingSums: (version: string, sums: string, name: string) =>
    `release v${version} has no ${sums} to check ${name} with; soracom was not changed`,
  releaseSumsMissingLine: (sums: string, version: string, name: string) =>
    `${sums} of v${version} has no line for ${name}; soracom was not changed`,
  cannotReplace: (target: string, why: string) =>
    `cannot replace ${target}: ${why}; soracom was not changed`,
  updated: (from: string, to: string, target: string) =>
    `soracom updated from v${from} to v${to} (${target}).`,
  releaseAnswer: "the release answer",
  invalidUrl: "(an invalid URL)",
  noAnswerInTime: "no answer before the timeout",
  cannotRename: "cannot rename files in this context",
  catalogueLacks: (name: string) => `the catalogue has no '${name}' command`,
  // Questions (configure).
  askNotEmpty: "This cannot be empty.",
  chooseANumber: (max: number) => `Type a number from 1 to ${max}.`,
  selectPrompt: (max: number) => `select (1-${max}) > `,
  qAuthKeyId: "authKeyId: ",
  qAuthKey: "authKey: ",
  qEmail: "email: ",
  qPassword: "password: ",
  qUsername: "username: ",
  qProfileCommand: "profileCommand: ",
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
    "Yes: take the code from a command (for example 1Password: 'op item get ITEM --otp')",
    "Yes: ask me for the code when a login needs it",
  ],
  qOtpCommand: "Command that prints the code: ",
  qOpItem: "1Password item name: ",
  selectOpKind: "Who does the item log in as?",
  opKinds: [
    "a SAM user (fields labelled 'operator id', 'username', 'password')",
    "the root user (fields labelled 'username', holding the email, and 'password')",
  ],
  qOpHasOtp: "Does the item hold the one-time code (MFA)? (Y/n) ",
  configureLoggedIn: (who: string) => `Logged in as ${who}; the session is cached.`,
  configureLoginFailed: (why: string) =>
    `the profile was saved, but logging in with it failed: ${why}`,
  configureTryAgain: (tries: number) =>
    `The credentials were not accepted; type them again (try ${tries} of 3).`,
  configureNotSaved: (why: string) =>
    `the credentials were not accepted, so the profile was not saved: ${why}`,
  configureSaved: (name: string) => `Saved. Try: 'soracom --profile ${name} subscribers list'`,
  // Help pages.
  helpUsage: "Usage",
  helpCommands: "Commands",
  helpSubcommands: "Subcommands",
  helpFlags: "Flags",
  helpGlobalFlags: "Global flags",
  helpExamples: "Examples",
  helpOtherCommands: "Other commands",
  helpRoute: "Route:",
  /** How a usage line names what is typed in place (`soracom COMMAND [flags]`). */
  helpWords: {
    command: "COMMAND",
    subcommand: "SUBCOMMAND",
    flags: "[flags]",
    method: "METHOD",
    path: "PATH",
    args: "[ARGS...]",
    words: "WORDS...",
  },
  /** A flag's value as a page names it (`--profile name`), by the name the code gives it. */
  valueNames: {
    string: "string",
    strings: "strings",
    int: "int",
    number: "number",
    name: "name",
    key: "key",
    token: "token",
    id: "id",
    secret: "secret",
    command: "command",
    code: "code",
    json: "json",
    email: "email",
    password: "password",
    profile: "profile",
    url: "url",
    expression: "expression",
    format: "format",
    "key=value": "key=value",
    "name:value": "name:value",
    port: "port",
    address: "address",
    file: "file",
    count: "count",
    n: "n",
    ms: "ms",
  } as Readonly<Record<string, string>>,
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
    "Run 'soracom help COMMAND' (or 'soracom COMMAND --help') for what a command does and its flags, 'soracom search WORDS' to find one. Documentation: https://users.soracom.io/",
  helpGroupMore: (name: string) => `Run 'soracom help ${name} COMMAND' for a command's flags.`,
  // Searching for a command.
  searchTitle: (query: string) => `Commands for "${query}":`,
  searchMore: (n: number) => `...and ${n} more: add words to narrow the search.`,
  searchNext: "Run 'soracom help COMMAND' for what a command does and its flags.",
  searchNeedsWords: "search needs words to look for, e.g. soracom search speed class",
  nothingFound: (query: string, near: readonly string[]) =>
    `no command matches "${query}"${
      near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(" or ")}?)` : ""
    }; run 'soracom help' for every command`,
  // exec and auth export.
  execNoCommand: "exec needs a command: soracom exec --profile NAME -- COMMAND [ARGS...]",
  execNotFound: (program: string) => `exec: command not found: ${program}`,
  exportFormat: (format: string) =>
    `invalid value ${JSON.stringify(format)} for "--format": allowed values are env, json`,
  // soracom emulator: the command.
  emulatorRange: (flag: string, value: string, range: string) =>
    `"--${flag}" must be within ${range}, not ${value}`,
  emulatorFaultsBroken: (path: string, why: string) =>
    `the faults file ${path} cannot be used: ${why}`,
  emulatorStateBroken: (path: string, why: string) =>
    `the state file ${path} cannot be used: ${why}; it was left as it is (move it away to start afresh)`,
  emulatorCannotListen: (address: string, why: string) => `cannot listen on ${address}: ${why}`,
  emulatorListening: (url: string, sims: number, seed: number, state?: string) =>
    `SORACOM API emulator at ${url} (${sims} SIMs, seed ${seed}; ${
      state === undefined ? "state in memory" : `state in ${state}`
    })`,
  emulatorProfileIntro: (operatorId: string, keyId: string, key: string, url: string) =>
    `Make a profile for it (the AuthKey of operator ${operatorId}):\n` +
    `  soracom configure --profile emulator --auth-key-id ${keyId} --auth-key ${key} --endpoint ${url}`,
  emulatorThenTry:
    "Then try:\n  soracom --profile emulator subscribers list --output table --query '[].{imsi: imsi, name: tags.name, status: status}'",
  emulatorStateWins: (sims: number, seed: number) =>
    `The state file was made with ${sims} SIMs and seed ${seed}: --sims and --seed count only for a new one.`,
  emulatorRootUser: (email: string, password: string) =>
    `The root user signs in with ${email} / ${password}.`,
  emulatorExposed: (host: string) =>
    `Warning: listening on ${host}: others on the network can reach it, and these credentials are printed above.`,
  emulatorStop: "Ctrl-C stops it.",
  emulatorStopped: "emulator stopped",
  // soracom mcp: what the MCP server says to the client, the model and the user.
  mcpStarted: (profile: string, writes: boolean) =>
    `soracom mcp: an MCP server on stdin and stdout, profile ${profile}, ${
      writes ? "changes allowed (each asked of the user first)" : "read-only"
    }`,
  mcpLogRan: (command: string, request: string, dryRun: boolean, failed: boolean) =>
    `${dryRun ? "showed (dry run)" : "ran"} ${command}: ${request}${failed ? " (failed)" : ""}`,
  mcpLogRefused: (command: string, why: string) => `refused ${command}: ${why}`,
  mcpSearchTitle: "Find SORACOM operations",
  mcpSearchAbout:
    'Finds the soracom commands (SORACOM API operations) that do what the words say, in English or Japanese (e.g. "speed class", "速度クラス"): their names, summaries and flags are searched. Answers the best 20, best first, each with its summary; soracom_describe tells one\'s flags.',
  mcpSearchQuery: "words for what you want to do",
  mcpDescribeTitle: "Describe a SORACOM operation",
  mcpDescribeAbout:
    'The flags of one soracom command, named as soracom_search names it (e.g. "subscribers list"): each flag\'s type, whether it is required, its allowed values (trueMeans: the value that true stands for), its default and what it is for; the HTTP method and route; and whether this server lets soracom_call run it.',
  mcpCommandWords: 'the command\'s words, e.g. "subscribers list"',
  mcpCallTitle: "Run a SORACOM operation",
  mcpCallAbout: (readOnly: boolean, maxChars: number) =>
    `Runs one soracom command (a SORACOM API operation) as the profile this server was started with. Its flags are checked against the catalogue before anything is sent. flags: flag name (without --) -> value, e.g. {"limit": 10, "status-filter": "active"}; a switch is true, a repeated flag a list; the request body as its flags, or "body" as JSON text. "query" (JMESPath) picks from the answer; "fetch-all" gets every page, else the answer names the key of the next page; "dry-run" shows the request without sending it. Output past ${maxChars} characters is cut. ${
      readOnly
        ? "This server is read-only: only operations that read (GET) run."
        : "An operation that changes things runs only after the user says yes, when the client can ask."
    }`,
  mcpCallFlags: 'flag name (without --) -> value, e.g. {"imsi": "001010000000001"}',
  mcpProfilesTitle: "Profiles",
  mcpProfilesAbout:
    "Every profile: who it logs in as, where, and whether a session is cached (as soracom auth status --all --json shows; no secrets)",
  mcpProfileTitle: "This server's profile",
  mcpProfileAbout:
    "The profile this server runs as: who, where, and its session (as soracom auth status --json shows; no secrets)",
  mcpUnknownTool: (name: string, tools: readonly string[]) =>
    `There is no tool ${name}: the tools are ${tools.join(", ")}.`,
  mcpUnknownResource: (uri: string) => `There is no resource ${uri}.`,
  mcpNeedsText: (tool: string, field: string) => `${tool} needs "${field}": text.`,
  mcpTooLong: (field: string, max: number) => `"${field}" is too long (over ${max} characters).`,
  mcpFlagsObject: '"flags" must be an object: flag name (without --) -> value.',
  mcpFlagValue: (flag: string) =>
    `--${flag}: a value must be text, a number, true or false, or a list of these.`,
  mcpUnknownOperation: (name: string, near: readonly string[]) =>
    `${name} is no soracom command${
      near.length > 0 ? ` (did you mean ${near.join(" or ")}?)` : ""
    }: soracom_search finds commands by what they do.`,
  mcpNotAnOperation: (name: string) =>
    `${name} is not an API operation: soracom_call runs only those (soracom_search finds them).`,
  mcpWriteRefused: (name: string, method: string) =>
    `${name} changes things (${method}) and this server is read-only: nothing was sent. To allow changes, the user starts it with --allow-write; each change is then asked of them first.`,
  mcpDenied: (name: string, pattern: string) =>
    `${name} is refused by this server's --deny ${pattern}: nothing was sent.`,
  mcpNotAllowed: (name: string) =>
    `${name} matches none of this server's --allow patterns: nothing was sent.`,
  mcpServerFlag: (flag: string) =>
    `--${flag} is not taken here: the server's own command line (soracom mcp ...) sets it.`,
  mcpBodyFromHere:
    "--body - and --body @FILE would read this machine's stdin or files: give the body as JSON text.",
  mcpConsentAsk: (name: string) =>
    `An AI agent asks to send this request (soracom ${name}). It changes things in your SORACOM account. Send it?`,
  mcpConsentDeclined: "The user said no: nothing was sent.",
  mcpConsentCancelled: "The user did not answer: nothing was sent.",
  mcpOtpField: "One-time code",
  mcpOtpCannotAsk: (profile: string) =>
    `This login needs a one-time code, and this MCP client cannot ask the user for one (it has no elicitation); a code is never taken from the model. Log in once in a terminal (e.g. soracom operator get --profile ${profile}): the session it caches is used here.`,
  mcpOutputCut: (shown: number, total: number) =>
    `The output was cut at ${shown} of ${total} characters: ask for less with "query", a filter flag or "limit".`,
  mcpParseError: "Parse error: the line is not JSON.",
  mcpInvalidRequest: "Invalid request: not a JSON-RPC 2.0 message.",
  mcpLineTooLong: (max: number) =>
    `Invalid request: the message is over ${max} bytes, and was skipped.`,
  // soracom emulator: what the local API answers (errors), and what the command prints.
  emulator: {
    tokenRequired: "An API key and an API token are required (X-Soracom-API-Key, X-Soracom-Token).",
    invalidToken: "The API key or token is not valid, or has expired.",
    authFailed: "Authentication failed: no account has these credentials.",
    mfaRequired: "A one-time code (mfaOTPCode) is required: MFA is on for this user.",
    mfaInvalid: "The one-time code does not match, or is too old.",
    switchNotAllowed: (target: string) =>
      `Switching to ${target} is not allowed by its trust policy.`,
    tokenExpired: "The token has expired: authenticate again.",
    forbidden: (operatorId: string) => `This session may not act for operator ${operatorId}.`,
    permissionDenied: (user: string, api: string) =>
      `SAM user ${user} is not allowed to call ${api} (check its permission and roles).`,
    badRequest: (detail: string) => `The request is not valid: ${detail}`,
    noSuchApi: (method: string, path: string) => `There is no API ${method} ${path}.`,
    bodyTooLarge: (limit: string) => `The request body is larger than ${limit}.`,
    notFound: (kind: string, id: string) => `${kind} ${id} does not exist.`,
    alreadyExists: (kind: string, id: string) => `${kind} ${id} already exists.`,
    badStatus: (id: string, from: string, to: string) =>
      `${id} cannot go from status ${from} to ${to}.`,
    terminationProtected: (id: string) =>
      `${id} is protected from termination: allow termination first (enable-termination).`,
    mfaState: (state: string) => `MFA is ${state} for this user.`,
    rateLimited: (seconds: number) => `Too many requests: retry after ${seconds} seconds.`,
    serverError: "The server failed (a fault rule of the emulator).",
    internal: (detail: string) => `The emulator failed on this request: ${detail}`,
    sandboxAuthKeyInvalid: "The production AuthKey is not valid.",
    sandboxEmailTaken: (email: string) => `${email} is already registered.`,
    kinds: {
      subscriber: "Subscriber",
      sim: "SIM",
      group: "Group",
      user: "SAM user",
      role: "Role",
      authKey: "AuthKey",
      soralet: "Soralet",
      soraletVersion: "Soralet version",
      eventHandler: "Event handler",
      dataEntry: "Data entry",
      operator: "Operator",
      password: "Password",
    },
    mfaStates: { on: "already on", off: "not on", pending: "not started (enable it first)" },
    problems: {
      type: (at: string, type: string) => `${at || "the body"} must be ${type}`,
      required: (at: string) => `${at} is required`,
      enum: (at: string, values: string) => `${at || "the body"} must be one of: ${values}`,
      range: (at: string, bound: string) => `${at || "the body"} must be ${bound}`,
      length: (at: string, bound: string) => `the length of ${at || "the body"} must be ${bound}`,
      pattern: (at: string, pattern: string) => `${at || "the body"} must match ${pattern}`,
      oneOf: (at: string, count: string) => `${at || "the body"} must fit one of ${count} shapes`,
      notJson: (why: string) => `the body is not JSON (${why})`,
      bodyRequired: "a request body is required",
      param: (name: string) => `parameter ${name} is required`,
      paramType: (name: string, type: string) => `parameter ${name} must be ${type}`,
      paramEnum: (name: string, values: string) => `parameter ${name} must be one of: ${values}`,
    },
  },
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
    `${label} には MFA のワンタイムコードが必要です。--mfa-otpcode CODE を付けるか、プロファイルに mfaOTPCommand を設定してください（例: "op item get ITEM --otp"）`,
  hintCodeWrong: (label) =>
    `${label} のワンタイムコードが受け付けられませんでした（コードの有効期間は 30 秒です。コードを作るデバイスの時計も確認してください）`,
  hintPasswordOrCode: (label) =>
    `${label} のパスワードまたはワンタイムコードが受け付けられませんでした`,
  retrying: (call, why, seconds, attempt, attempts) =>
    `${call}: ${why}。${seconds} 秒後に再試行します（${attempts} 回中 ${attempt} 回目）`,
  commandStderrTail: (label, program) => `${label} '${program}' が標準エラー出力に書いた内容:`,
  timeUnits: { d: "日", h: "時間", m: "分", s: "秒" },
  timeIn: (span) => `あと ${span}`,
  timeAgo: (span) => `${span} 前`,
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
  statusVia: (source) => `（${source} 経由）`,
  statusAsksCode: "ワンタイムコードを尋ねる",
  statusAsksCodeIfOn: "MFA が有効ならワンタイムコードを尋ねる",
  statusError: (message) => `エラー: ${message}`,
  statusNoProfiles: (dir) =>
    `${dir} にプロファイルがありません。'soracom configure' で作成してください`,
  sessionCount: (n) => `キャッシュされたセッション ${n} 件`,
  loggedOut: (sessions) => `${sessions}をログアウトしました`,
  loggedOutLocally: (sessions) =>
    `${sessions}をこのマシンから削除しました（--local のためサーバーでは無効化していません）`,
  logoutKept: (sessions, first) =>
    `${sessions}をログアウトできませんでした（残しています）: ${first}`,
  logoutUnreachable: (sessions) =>
    `サーバーに接続できず${sessions}を無効化できませんでしたが、このマシンからは削除しました`,
  nothingToLogOut: (label) =>
    `${label} のキャッシュされたセッションはありません。ログアウトするものはありません`,
  profileLabel: (name) => `プロファイル ${name}`,
  execSessionSetAside: (name, owner) =>
    `注意: プロファイル ${name}（--profile）として実行します。soracom exec が設定したプロファイル ${owner} のセッション（SORACOM_API_KEY、SORACOM_API_TOKEN、SORACOM_ENDPOINT）は使いません`,
  envSessionSetAside: (name) =>
    `注意: プロファイル ${name}（--profile）として実行します。SORACOM_API_KEY と SORACOM_API_TOKEN のセッションは使いません`,
  unconfigureNotRevoked: (name, why) =>
    `警告: プロファイル ${name} のセッションをサーバーで無効化できませんでした（${why}）。このマシンからは削除しました`,
  unexpectedError: (message) =>
    `予期しないエラー: ${message}（詳しくは SORACOM_VERBOSE=1 を付けて再実行してください）`,
  unknownCommand: (input, where, corrections, commands = []) =>
    `"${where}" に "${input}" というコマンドはありません${
      corrections.length > 0
        ? `（${corrections.map((c) => `"${c}"`).join(" または ")} のことですか？）`
        : ""
    }${
      commands.length > 0
        ? `。使えるコマンド: ${commands.join("、")}`
        : `。使い方は '${where} --help' で確認できます`
    }`,
  unknownFlag: (written, corrections) =>
    `不明なフラグです: ${written}${
      corrections.length > 0
        ? `（${corrections.map((c) => `--${c}`).join(" または ")} のことですか？）`
        : ""
    }`,
  unexpectedArguments: (args, where) =>
    `余分な引数です: ${
      args.join(" ")
    }（'${where}' はフラグだけを受け取ります。'${where} --help' を参照）`,
  needsPermission: (flag, detail) => `${flag} の権限が必要です（${detail}）`,
  bothFlags: (a, b) => `${a} と ${b} は両方を指定してください`,
  bothVariables: (a, b) => `${a} と ${b} は両方を設定してください`,
  notAnInteger: (input, flag) => `"--${flag}" の値 ${JSON.stringify(input)} は整数ではありません`,
  notANumber: (input, flag) => `"--${flag}" の値 ${JSON.stringify(input)} は数値ではありません`,
  notABoolean: (input, flag) =>
    `"--${flag}" の値 ${JSON.stringify(input)} は true でも false でもありません`,
  flagNeedsValue: (flag) => `--${flag} には値が必要です`,
  notAllowed: (input, flag, values) =>
    `"--${flag}" の値 ${JSON.stringify(input)} は使えません。使える値: ${values.join("、")}`,
  requiredParam: (flag) => `必須のパラメーター '${flag}' が指定されていません`,
  requiredBodyParam: (name, flag) =>
    `ボディの必須パラメーター '${name}'（コマンドラインオプション '${flag}'）が指定されていません`,
  bodyInvalidJson: (problem, line, column) =>
    `\`--body\` に指定された JSON が正しくありません（${
      line > 0 ? `${line} 行 ${column} 文字目: ` : ""
    }${JA_JSON_PROBLEMS[problem] ?? problem}）`,
  bodyNotObject: "このコマンドの `--body` は JSON オブジェクトにしてください",
  bodyFileMissing: (path) => `--body: ${path} を読めません: ファイルがありません`,
  bodyFileUnreadable: (path, why) => `--body: ${path} を読めません: ${why}`,
  warnDeprecated: "WARN: 非推奨の API を呼び出しています。",
  warnAlternative: (command) =>
    `WARN: 代わりの API（コマンド: \`${command}\`）の利用を検討してください`,
  responseNotJson: "レスポンスが正しい JSON ではありません（途中で切れた可能性があります）",
  responseTooLarge: "レスポンスが大きすぎて出力できません",
  responseOverCap: (mib) =>
    `レスポンスが ${mib} MiB を超えています。出力のためにメモリーに保持できる大きさを超えています（--raw-output なら大きさに関係なく受け取りながら書き出します）`,
  responseTooDeep: (levels) =>
    `レスポンスの入れ子が ${levels} 段を超えています。--query と json、jsonl 以外の --output では扱えません`,
  responseCutOff: (why) => `レスポンスが途中で切れました: ${why}`,
  jsonlNeedsArray: "--jsonl は配列のレスポンスにしか使えません",
  badQuery: (expression, detail) =>
    `--query '${expression}' は JMESPath の式として正しくありません（JMESPath による説明: ${detail}）`,
  badQueryKeysNeedValues: (expression, meant) =>
    `--query '${expression}' の {...} ではキーごとに値を書きます。要素ごとの項目なら --query '${meant}' です`,
  badQueryRun: (expression, detail) =>
    `--query '${expression}' をレスポンスに適用できませんでした（JMESPath による説明: ${detail}）`,
  outputNeedsJson:
    "--query と --output は JSON のレスポンスにしか使えません。このレスポンスは JSON ではありません",
  rawWithValues:
    "--raw-output はレスポンスをそのまま出力するため、--query や --output とは併用できません",
  moreItems: (flag, key) =>
    `サーバーにはまだ続きがあります: --fetch-all を付けるか、${flag} ${key} で続きを取得してください`,
  resumeWith: (flag, key) =>
    `それまでのページは出力済みです。${flag} ${key} で続きから再開できます`,
  apiBadMethod: (method) =>
    `'${method}' は HTTP メソッドではありません（GET、POST、PUT、DELETE、PATCH、HEAD）`,
  apiBadPath: (path) => `パスは / で始めてください（例: /subscribers）: '${path}'`,
  apiBadField: (field) => `--field と --raw-field は key=value の形で指定してください: '${field}'`,
  apiFieldsWithBody: "--field や --raw-field は --body と併用できません",
  apiUsage: "soracom api にはメソッドとパスを指定してください（例: soracom api GET /subscribers）",
  dryRunNotSent: "（--dry-run: 何も送信していません）",
  bodyTooLarge: (source, mb) =>
    `${source} から読んだ --body が ${mb} MiB を超えています。リクエストボディとしては大きすぎます`,
  insecureEndpoint: (endpoint) =>
    `暗号化されない http で ${endpoint} に認証情報を送ることは拒否します。https を使うか、意図したものであれば --allow-insecure-endpoint（またはプロファイルに "allowInsecureEndpoint": true）を指定してください`,
  profileTooDeep: (where, depth) =>
    `プロファイル ${where} の入れ子が ${depth} 段より深いため、プロファイルとして読めません`,
  redirectRefused: (call, origin) =>
    `サーバーが ${call} を ${origin} へリダイレクトしました。ログイン情報やセッションはリダイレクト先には送りません`,
  redirectDowngrade: (origin) =>
    `https から ${origin} へのリダイレクトは拒否します（暗号化されずに送られるため）`,
  redirectDropsBody: (call, origin) =>
    `サーバーが ${call} を ${origin} へリダイレクトしました。リクエストボディは別のサーバーには送りません`,
  fetchAllNotArray: "--fetch-all でページをまとめられません: レスポンスが配列ではありません",
  fetchAllLoop: (header, key) =>
    `--fetch-all を止めました: サーバーが同じ ${header} を 2 回返しました（${key}）`,
  fetchProgress: (pages, items) => `取得中: ${pages} ページ（${items} 件）`,
  tableLeftOut: (names, query) =>
    `表示していない項目: ${someOfJa(names, "件")}。すべて見るには --output json${
      query === undefined ? "" : `、列を選ぶには --query '${query}'`
    } を使います`,
  tableEmpty: "表示する項目はありません",
  statusLeftOut: (names) =>
    `この幅では表示していない列: ${someOfJa(names, "列")}。すべて見るには --json を使います`,
  networkReason: (why, detail) =>
    why === "other" && detail !== "" ? `${JA_NETWORK.other}（${detail}）` : JA_NETWORK[why],
  networkFailed: (call, host, why, detail, tries, retried) =>
    `${host} への ${call}: ${ja.networkReason(why, detail)}（${
      {
        retried: `${tries} 回試しました`,
        notRetried: "待っても直らないため再試行していません",
        retryOff: "--no-retry-on-error のため再試行していません",
      }[retried]
    }）`,
  hintHostName:
    "ネットワークの接続と、エンドポイント（プロファイルの endpoint、--coverage-type）を確認してください",
  noHomeProfiles:
    "ホームフォルダーが見つかりません（HOME が設定されていません）。SORACOM_PROFILE_DIR を設定してください",
  noHomeSessions: "ホームフォルダーが見つかりません。SORACOM_SESSION_DIR を設定してください",
  sessionStoreInvalid: (value) =>
    `SORACOM_SESSION_STORE は "file" か "keyring" にしてください（${value} でした）`,
  keyringFailed: (name, why) =>
    `警告: キーリング（${name}）にセッションを保存できませんでした（${why}）。代わりにセッションファイルに保存しました`,
  sessionDirDistrusted: (dir: string, why: "link" | "owner" | "writable") =>
    `警告: セッションキャッシュを使いません。${dir} は${
      {
        link: "シンボリックリンクです",
        owner: "ほかのユーザーのものです",
        writable: "ほかのユーザーが書き込めます (直すには: chmod 700 " + dir + ")",
      }[why]
    }。直すまでは、コマンドのたびにログインします`,
  invalidProfileName: (name) => `プロファイル名 ${JSON.stringify(name)} は使えません`,
  profileEmpty: (where) => `${where}: ファイルが空です`,
  profileInvalidJson: (where, line, column, problem) =>
    `${where}:${line}:${column}: JSON が正しくありません（${
      JA_JSON_PROBLEMS[problem] ?? problem
    }）`,
  profileMissing: (name, path, near, how) =>
    near.length > 0
      ? `プロファイル '${name}' はありません（${
        near.map((n) => `'${n}'`).join(" または ")
      } のことですか？）`
      : `プロファイル '${name}' はありません（${path} がありません）。'${how}' で作成してください`,
  notAFile: (path) => `${path} はファイルではありません`,
  profileTooOpen: (path) =>
    `認証情報を含むファイル '${path}' のアクセス権が広すぎます。'chmod 600 ${path}' を実行してください`,
  profileTooLarge: (path, size, max) =>
    `${path} は ${size} バイトあり、プロファイルの上限（${max}）を超えています`,
  notUtf8File: (path) => `${path}: ファイルが UTF-8 ではありません`,
  noCredentials: (label) =>
    `${label} に認証情報がありません（authKeyId と authKey、email と password、または operatorId、username と password）`,
  sourceNotLoaded: (name, why) => `ソースプロファイル '${name}' を読み込めません: ${why}`,
  nestedSwitchUser: (name) =>
    `ソースプロファイル '${name}' に sourceProfile を設定することはできません（スイッチユーザーの連鎖は不可）`,
  switchUserIncomplete: "スイッチユーザーで認証するには operatorId と username の両方が必要です",
  loginNotJson: "認証のレスポンスが JSON ではありません",
  loginIncomplete: "認証のレスポンスに apiKey、token、operatorId のいずれかがありません",
  waitingForLogin: "ログイン中の別の soracom の実行を待っています...",
  commandSplit: (label, why) => `${label}: ${why}`,
  commandNotFound: (label, program) => `${label}: プログラムが見つかりません: ${program}`,
  commandCannotRun: (label, program) => `${label}: ${program} を実行できません: 権限がありません`,
  commandStopped: (label, program, why) => `${label} '${program}' ${why}`,
  commandTimedOut: (label, program, seconds) =>
    `${label} '${program}' が ${seconds} 秒でタイムアウトしました`,
  commandTooMuchOutput: (label, program, bytes) =>
    `${label} '${program}' の出力が ${bytes} バイトを超えました`,
  commandFailed: (label, program, status, last) =>
    `${label} '${program}' が終了ステータス ${status} で失敗しました${last ? `: ${last}` : ""}`,
  commandNotUtf8: (label, program) => `${label} '${program}' の出力が UTF-8 ではありません`,
  commandOutputEmpty: (program) => `profileCommand '${program}' の出力が空です`,
  commandOutputNotJson: (program) =>
    `profileCommand '${program}' の出力が正しい JSON ではありません`,
  otpCommandEmpty: "mfaOTPCommand がワンタイムコードを出力しませんでした",
  outputTooLarge: (bytes) => `出力が ${bytes} バイトを超えました`,
  timedOut: (seconds) => `${seconds} 秒でタイムアウトしました`,
  aborted: "中止しました",
  abort: "中止しました",
  updateAvailable: (latest, current, notes, target) =>
    `soracom v${latest} が公開されています（このバージョンは v${current}）。\nリリースノート: ${notes}\n` +
    `${target} を置き換えます。パッケージマネージャーでインストールした場合は、そちらで更新してください。`,
  updateNow: "今すぐ更新しますか？ (y/N) ",
  updateUnderDeno: (version, repo) =>
    `soracom v${version} は Deno 上のスクリプトとして動いているため、置き換える実行ファイルがありません。\n` +
    `更新するには最新のソースを取得する（チェックアウトで git pull）か、${repo}/releases/latest からお使いのプラットフォーム用の実行ファイルをインストールしてください。`,
  upToDate: (version, latest) => `soracom v${version} は最新です（最新のリリースは v${latest}）。`,
  updateNeedsTerminal:
    "self-update の確認にはターミナルが必要です。確認せずに更新するには --yes を付けてください",
  checksumMismatch: (name, expected, actual) =>
    `${name} のチェックサムが一致しません（期待値 ${expected}、実際 ${actual}）。soracom は変更していません`,
  sandboxProfileExists: (name) => `プロファイル '${name}' はすでにあります (--overwrite=false)`,
  sandboxNeedsTerminal:
    "configure-sandbox にはターミナルか、--auth-key-id、--auth-key、--email、--password のすべての指定が必要です",
  unconfigureConfirm: (name) => `プロファイル '${name}' を削除しますか？ (y/N) `,
  unconfigureNeedsTerminal:
    "unconfigure の確認にはターミナルが必要です。確認を省くには --yes を付けてください",
  removeMissing: (path) => `${path} を削除できません: ファイルがありません`,
  configureNeedsTerminal:
    "configure で質問するにはターミナルが必要です。ターミナルがないときは、回答をフラグで指定してください: --auth-key-id と --auth-key、--email と --password、--operator-id と --user-name と --password、または --profile-command（'soracom configure --help' を参照）",
  configureNeedsFlag: (flag) =>
    `${flag} がありません。configure が尋ねられるのはターミナルがあるときだけです。${flag} を付けてください`,
  profileNotObject: (where, got) => `${where}: JSON オブジェクトが必要ですが、${got} でした`,
  profileFieldType: (where, field, type, got) =>
    `${where}: フィールド '${field}' は${
      ({ integer: "整数", number: "整数", string: "文字列", boolean: "真偽値" } as Record<
        string,
        string
      >)[type] ?? type
    }にしてください（${got} でした）`,
  profileFieldInvalid: (where, field, got) =>
    `${where}: フィールド '${field}' が正しくありません（${got} でした）`,
  commandTimeoutSetting: (raw) =>
    `SORACOM_PROFILE_COMMAND_TIMEOUT は正の秒数にしてください（${raw} でした）`,
  unclosedQuote: "コマンドラインの文字列が正しくありません: 引用符が閉じていません",
  emptyCommand: "コマンドが空です",
  releasesUrlInvalid: "SORACOM_RELEASES_URL が URL ではありません",
  releasesUrlScheme:
    "SORACOM_RELEASES_URL は https の URL にしてください（http はこのマシン上のテスト用のみ）",
  releaseUrlRefused: (url, allowed) =>
    `${url} はダウンロードしません。リリースのファイルは ${allowed} から https でのみ受け取ります。soracom は変更していません`,
  releaseTooLarge: (name, limit) =>
    `${name} が ${limit} バイトを超えています。リリースのファイルとしては大きすぎます。soracom は変更していません`,
  releaseSignatureMissing: (version, file) =>
    `リリース v${version} に署名（${file}）がありません。soracom は変更していません`,
  releaseSignatureBad: (version, why) =>
    `リリース v${version} の署名は${
      {
        malformed: "minisign の署名ではありません",
        unknownKey: "この soracom が信頼していない鍵で作られています",
        badSignature: "SHA256SUMS と一致しません",
      }[why]
    }。soracom は変更していません`,
  releaseRequestFailed: (what, why) => `${what}: ${why}`,
  releaseNotJson: (what, why) => `${what}: レスポンスが JSON ではありません（${why}）`,
  releaseNotARelease: (what) => `${what}: レスポンスがリリースではありません`,
  downloadInterrupted: (asset, why) =>
    `${asset} のダウンロードが中断されました（${why}）。soracom は変更していません`,
  updateTargetNotFile: (target) => `${target} はファイルではないため、更新するものがありません`,
  noReleaseForPlatform: (os, arch) => `${os}/${arch} 用の soracom のリリースはありません`,
  releaseTagNotVersion: (tag) => `最新リリースのタグ ${tag} がバージョンではありません`,
  releaseMissingAsset: (version, name, notes) =>
    `リリース v${version} に ${name} がありません。${notes} を参照してください`,
  releaseMissingSums: (version, sums, name) =>
    `リリース v${version} に ${name} を確認するための ${sums} がありません。soracom は変更していません`,
  releaseSumsMissingLine: (sums, version, name) =>
    `v${version} の ${sums} に ${name} の行がありません。soracom は変更していません`,
  cannotReplace: (target, why) =>
    `${target} を置き換えられません: ${why}。soracom は変更していません`,
  updated: (from, to, target) => `soracom を v${from} から v${to} に更新しました（${target}）。`,
  releaseAnswer: "リリース情報のレスポンス",
  invalidUrl: "（不正な URL）",
  noAnswerInTime: "タイムアウトまでにレスポンスがありません",
  cannotRename: "この環境ではファイルの名前を変更できません",
  catalogueLacks: (name) => `カタログに '${name}' コマンドがありません`,
  askNotEmpty: "空にはできません。",
  chooseANumber: (max) => `1 から ${max} までの数字を入力してください。`,
  selectPrompt: (max) => `番号（1-${max}）> `,
  qAuthKeyId: "認証キー ID: ",
  qAuthKey: "認証キーのシークレット: ",
  qEmail: "メールアドレス: ",
  qPassword: "パスワード: ",
  qUsername: "ユーザー名: ",
  qProfileCommand: "認証情報を JSON で出力するコマンド: ",
  configureIntro: (path, dir) =>
    `--- SORACOM CLI の設定 ---\n${path} を作成します（フォルダー ${dir}）。`,
  configureOverwrite: (name) => `プロファイル ${name} はすでにあります。上書きしますか？ (y/N) `,
  configureExists: (name) =>
    `プロファイル '${name}' はすでにあります。置き換えるには --overwrite を付けてください`,
  selectCoverage: "カバレッジタイプを選んでください:",
  coverages: ["グローバル", "日本"],
  selectMethod: "認証方法を選んでください:",
  methods: [
    "認証キー ID と認証キー（推奨。MFA の対象外）",
    "オペレーター（ルートアカウント）のメールアドレスとパスワード",
    "SAM ユーザー名とパスワード",
    "スイッチユーザー（別のプロファイルでログインしてからユーザーを切り替え）",
    "1Password: アイテムから認証情報とワンタイムコードを取得（op）",
    "認証情報を JSON で出力する別のコマンド（パスワードマネージャー）",
  ],
  qOperatorId: "オペレーター ID (OP00...): ",
  qSwitchOperatorId: "切り替え先のオペレーター ID (OP00...): ",
  qSwitchUsername: "切り替え先のユーザー名: ",
  selectSource: "ソースプロファイル（最初にログインするプロファイル）を選んでください:",
  noSourceProfile:
    "切り替え元にできるプロファイルがありません（スイッチユーザーのプロファイルは使えません）。先に作成してください",
  sourceIsSwitchUser: (name) =>
    `プロファイル '${name}' 自体がスイッチユーザーです。ソースは直接ログインするプロファイルにしてください（連鎖は不可）`,
  selectMfa: "このユーザーは MFA（ワンタイムコード）を使っていますか？",
  mfaOptions: [
    "いいえ",
    "はい: コマンドからコードを取得（例: 1Password の 'op item get ITEM --otp'）",
    "はい: ログインが必要になったときにコードを尋ねる",
  ],
  qOtpCommand: "コードを出力するコマンド: ",
  qOpItem: "1Password のアイテム名: ",
  selectOpKind: "このアイテムでログインするのは誰ですか？",
  opKinds: [
    "SAM ユーザー（ラベルが 'operator id'、'username'、'password' のフィールド）",
    "ルートユーザー（メールアドレスを入れた 'username' と 'password' のフィールド）",
  ],
  qOpHasOtp: "このアイテムにワンタイムコード（MFA）はありますか？ (Y/n) ",
  configureLoggedIn: (who) => `${who} としてログインしました。セッションはキャッシュされています。`,
  configureLoginFailed: (why) =>
    `プロファイルは保存しましたが、そのプロファイルでのログインに失敗しました: ${why}`,
  configureTryAgain: (tries) =>
    `認証情報が受け付けられませんでした。もう一度入力してください（3 回中 ${tries} 回目）。`,
  configureNotSaved: (why) =>
    `認証情報が受け付けられなかったため、プロファイルは保存していません: ${why}`,
  configureSaved: (name) => `保存しました。試すには: 'soracom --profile ${name} subscribers list'`,
  helpUsage: "使い方",
  helpCommands: "コマンド",
  helpSubcommands: "サブコマンド",
  helpFlags: "フラグ",
  helpGlobalFlags: "グローバルフラグ",
  helpExamples: "例",
  helpOtherCommands: "その他のコマンド",
  helpRoute: "呼び出す API:",
  helpWords: {
    command: "コマンド",
    subcommand: "サブコマンド",
    flags: "[フラグ]",
    method: "メソッド",
    path: "パス",
    args: "[引数...]",
    words: "言葉...",
  },
  valueNames: {
    string: "文字列",
    strings: "文字列...",
    int: "整数",
    number: "数値",
    name: "名前",
    key: "キー",
    token: "トークン",
    id: "ID",
    secret: "シークレット",
    command: "コマンド",
    code: "コード",
    json: "JSON",
    email: "メールアドレス",
    password: "パスワード",
    profile: "プロファイル",
    url: "URL",
    expression: "式",
    format: "形式",
    "key=value": "キー=値",
    "name:value": "名前:値",
    port: "ポート",
    address: "アドレス",
    file: "ファイル",
    count: "数",
    n: "数値",
    ms: "ミリ秒",
  },
  helpReference: "API リファレンス:",
  helpAlso: "別名:",
  helpRequired: "必須",
  helpDefault: (value) => `既定: ${value}`,
  helpValues: (values) => `値: ${values}`,
  helpDeprecated: (alternative) =>
    alternative
      ? `非推奨: 代わりに 'soracom ${alternative}' を使ってください。`
      : "非推奨: このコマンドは SORACOM が削除する可能性があります。",
  helpSubgroup: (children) => `コマンド: ${children}`,
  helpMore:
    "コマンドの内容とフラグは 'soracom help コマンド'（または 'soracom コマンド --help'）で確認できます。見つからなければ 'soracom search 言葉' で探せます。ドキュメント: https://users.soracom.io/ja-jp/",
  helpGroupMore: (name) => `各コマンドのフラグは 'soracom help ${name} コマンド' で確認できます。`,
  searchTitle: (query) => `「${query}」に合うコマンド:`,
  searchMore: (n) => `ほかに ${n} 件あります。言葉を足すと絞り込めます。`,
  searchNext: "コマンドの内容とフラグは 'soracom help コマンド' で確認できます。",
  searchNeedsWords: "search には探す言葉を指定してください（例: soracom search 速度クラス）",
  nothingFound: (query, near) =>
    `「${query}」に合うコマンドはありません${
      near.length > 0 ? `（${near.map((n) => `"${n}"`).join(" または ")} のことですか？）` : ""
    }。すべてのコマンドは 'soracom help' で確認できます`,
  execNoCommand: "exec にはコマンドが必要です: soracom exec --profile 名前 -- コマンド [引数...]",
  execNotFound: (program) => `exec: コマンドが見つかりません: ${program}`,
  exportFormat: (format) =>
    `"--format" の値 ${JSON.stringify(format)} は使えません。使える値: env、json`,
  emulatorRange: (flag, value, range) =>
    `"--${flag}" は ${range} の範囲で指定してください（${value} は範囲外です）`,
  emulatorFaultsBroken: (path, why) => `障害ファイル ${path} は使えません: ${why}`,
  emulatorStateBroken: (path, why) =>
    `状態ファイル ${path} は使えません: ${why}。ファイルはそのままです（新しく始めるには移動してください）`,
  emulatorCannotListen: (address, why) => `${address} で待ち受けられません: ${why}`,
  emulatorListening: (url, sims, seed, state) =>
    `SORACOM API エミュレーター: ${url}（SIM ${sims} 枚、シード ${seed}、${
      state === undefined ? "状態はメモリー上" : `状態は ${state}`
    }）`,
  emulatorProfileIntro: (operatorId, keyId, key, url) =>
    `プロファイルを作ります（オペレーター ${operatorId} の認証キー）:\n` +
    `  soracom configure --profile emulator --auth-key-id ${keyId} --auth-key ${key} --endpoint ${url}`,
  emulatorThenTry:
    "次に試してください:\n  soracom --profile emulator subscribers list --output table --query '[].{imsi: imsi, name: tags.name, status: status}'",
  emulatorStateWins: (sims, seed) =>
    `状態ファイルは SIM ${sims} 枚、シード ${seed} で作られています。--sims と --seed は新しい状態ファイルにだけ使われます。`,
  emulatorRootUser: (email, password) =>
    `ルートユーザーは ${email} / ${password} でサインインできます。`,
  emulatorExposed: (host) =>
    `警告: ${host} で待ち受けています: ネットワーク上の他の人も接続でき、上の認証情報が表示されています。`,
  emulatorStop: "Ctrl-C で止まります。",
  emulatorStopped: "エミュレーターを止めました",
  mcpStarted: (profile, writes) =>
    `soracom mcp: 標準入出力で MCP サーバーとして動作中（プロファイル ${profile}、${
      writes ? "変更可。変更は毎回ユーザーに確認します" : "読み取り専用"
    }）`,
  mcpLogRan: (command, request, dryRun, failed) =>
    `${command} を${dryRun ? "送らずに表示しました（--dry-run）" : "実行しました"}${
      failed ? "（失敗）" : ""
    }: ${request}`,
  mcpLogRefused: (command, why) => `${command} を拒否しました: ${why}`,
  mcpSearchTitle: "SORACOM の操作を探す",
  mcpSearchAbout:
    'やりたいことを表す言葉（英語か日本語。例: "speed class"、"速度クラス"）から、それをする soracom のコマンド（SORACOM API の操作）を探します。コマンド名、概要、フラグを検索し、よく合うものから 20 件を概要付きで返します。フラグは soracom_describe で確認できます。',
  mcpSearchQuery: "やりたいことを表す言葉",
  mcpDescribeTitle: "SORACOM の操作を説明する",
  mcpDescribeAbout:
    'soracom_search が返す名前（例: "subscribers list"）で指定したコマンドのフラグを返します。各フラグの型、必須かどうか、取りうる値（trueMeans は true が表す値）、既定、用途と、HTTP メソッドとルート、このサーバーの soracom_call で実行できるかどうかがわかります。',
  mcpCommandWords: 'コマンドの単語（例: "subscribers list"）',
  mcpCallTitle: "SORACOM の操作を実行する",
  mcpCallAbout: (readOnly, maxChars) =>
    `soracom のコマンド（SORACOM API の操作）を、このサーバーを起動したプロファイルで 1 つ実行します。フラグは送信前にカタログと照合されます。flags はフラグ名（-- なし）から値への対応です（例: {"limit": 10, "status-filter": "active"}）。スイッチは true、繰り返すフラグはリスト、リクエストボディはそのフラグか "body"（JSON テキスト）で渡します。"query"（JMESPath）でレスポンスから抜き出し、"fetch-all" で全ページを取得します。付けなければ次のページのキーを返します。"dry-run" は送らずにリクエストを示します。${maxChars} 文字を超える出力は切り詰めます。${
      readOnly
        ? "このサーバーは読み取り専用です。読み取る操作（GET）だけを実行します。"
        : "変更する操作は、クライアントが確認できる場合、ユーザーが許可してから実行します。"
    }`,
  mcpCallFlags: 'フラグ名（-- なし）から値への対応（例: {"imsi": "001010000000001"}）',
  mcpProfilesTitle: "プロファイル",
  mcpProfilesAbout:
    "すべてのプロファイルについて、ログインするユーザー、接続先、セッションのキャッシュの有無を示します（soracom auth status --all --json と同じ内容。秘密情報は含みません）",
  mcpProfileTitle: "このサーバーのプロファイル",
  mcpProfileAbout:
    "このサーバーが使うプロファイルのユーザー、接続先、セッションを示します（soracom auth status --json と同じ内容。秘密情報は含みません）",
  mcpUnknownTool: (name, tools) =>
    `ツール ${name} はありません。ツールは ${tools.join("、")} です。`,
  mcpUnknownResource: (uri) => `リソース ${uri} はありません。`,
  mcpNeedsText: (tool, field) => `${tool} には "${field}"（テキスト）が必要です。`,
  mcpTooLong: (field, max) => `"${field}" が長すぎます（${max} 文字を超えています）。`,
  mcpFlagsObject: '"flags" はフラグ名（-- なし）から値へのオブジェクトにしてください。',
  mcpFlagValue: (flag) =>
    `--${flag}: 値はテキスト、数値、true か false、またはそれらのリストにしてください。`,
  mcpUnknownOperation: (name, near) =>
    `${name} という soracom のコマンドはありません${
      near.length > 0 ? `（${near.join(" または ")} のことですか？）` : ""
    }。soracom_search でやりたいことからコマンドを探せます。`,
  mcpNotAnOperation: (name) =>
    `${name} は API の操作ではありません。soracom_call が実行するのは API の操作だけです（soracom_search で探せます）。`,
  mcpWriteRefused: (name, method) =>
    `${name} は変更する操作（${method}）で、このサーバーは読み取り専用です。何も送信していません。変更を許すには、ユーザーがサーバーを --allow-write 付きで起動します。変更のたびにユーザーに確認します。`,
  mcpDenied: (name, pattern) =>
    `${name} はこのサーバーの --deny ${pattern} で拒否されます。何も送信していません。`,
  mcpNotAllowed: (name) =>
    `${name} はこのサーバーの --allow のどのパターンにも合いません。何も送信していません。`,
  mcpServerFlag: (flag) =>
    `--${flag} はここでは指定できません。サーバーのコマンドライン（soracom mcp ...）で決まります。`,
  mcpBodyFromHere:
    "--body - と --body @FILE はこのマシンの標準入力やファイルを読みます。ボディは JSON テキストで渡してください。",
  mcpConsentAsk: (name) =>
    `AI エージェントがこのリクエスト（soracom ${name}）の送信を求めています。SORACOM アカウントの内容を変更します。送信しますか？`,
  mcpConsentDeclined: "ユーザーが拒否しました。何も送信していません。",
  mcpConsentCancelled: "ユーザーが答えませんでした。何も送信していません。",
  mcpOtpField: "ワンタイムコード",
  mcpOtpCannotAsk: (profile) =>
    `このログインにはワンタイムコードが必要ですが、この MCP クライアントはユーザーに尋ねられません（elicitation に対応していません）。コードをモデルから受け取ることはありません。ターミナルで一度ログインしてください（例: soracom operator get --profile ${profile}）。そのとき保存されたセッションをここで使います。`,
  mcpOutputCut: (shown, total) =>
    `出力を ${total} 文字中 ${shown} 文字で切り詰めました。"query"、絞り込みのフラグ、"limit" で量を減らしてください。`,
  mcpParseError: "Parse error: 行が JSON ではありません。",
  mcpInvalidRequest: "Invalid request: JSON-RPC 2.0 のメッセージではありません。",
  mcpLineTooLong: (max) =>
    `Invalid request: メッセージが ${max} バイトを超えているため読み飛ばしました。`,
  emulator: {
    tokenRequired: "API キーと API トークンが必要です（X-Soracom-API-Key、X-Soracom-Token）。",
    invalidToken: "API キーまたはトークンが正しくないか、有効期限が切れています。",
    authFailed: "認証に失敗しました: この認証情報のアカウントはありません。",
    mfaRequired: "このユーザーは MFA が有効です: ワンタイムコード (mfaOTPCode) が必要です。",
    mfaInvalid: "ワンタイムコードが正しくないか、古すぎます。",
    switchNotAllowed: (target: string) =>
      `${target} の信頼ポリシーでは、このユーザーへの切り替えは許可されていません。`,
    tokenExpired: "トークンの有効期限が切れています: 認証し直してください。",
    forbidden: (operatorId: string) =>
      `このセッションではオペレーター ${operatorId} として操作できません。`,
    permissionDenied: (user: string, api: string) =>
      `SAM ユーザー ${user} には ${api} を呼び出す権限がありません（権限とロールを確認してください）。`,
    badRequest: (detail: string) => `リクエストが正しくありません: ${detail}`,
    noSuchApi: (method: string, path: string) => `API ${method} ${path} はありません。`,
    bodyTooLarge: (limit: string) => `リクエストボディが ${limit} を超えています。`,
    notFound: (kind: string, id: string) => `${kind} ${id} は存在しません。`,
    alreadyExists: (kind: string, id: string) => `${kind} ${id} はすでに存在します。`,
    badStatus: (id: string, from: string, to: string) =>
      `${id} の状態を ${from} から ${to} に変えることはできません。`,
    terminationProtected: (id: string) =>
      `${id} は解約から保護されています: 先に解約を許可してください (enable-termination)。`,
    mfaState: (state: string) => `このユーザーの MFA は${state}。`,
    rateLimited: (seconds: number) =>
      `リクエストが多すぎます: ${seconds} 秒後に再試行してください。`,
    serverError: "サーバーでエラーが起きました（エミュレーターの障害ルールによるもの）。",
    internal: (detail: string) => `エミュレーターがこのリクエストの処理に失敗しました: ${detail}`,
    sandboxAuthKeyInvalid: "本番環境の認証キーが正しくありません。",
    sandboxEmailTaken: (email: string) => `${email} はすでに登録されています。`,
    kinds: {
      subscriber: "加入者",
      sim: "SIM",
      group: "グループ",
      user: "SAM ユーザー",
      role: "ロール",
      authKey: "認証キー",
      soralet: "Soralet",
      soraletVersion: "Soralet のバージョン",
      eventHandler: "イベントハンドラー",
      dataEntry: "データエントリー",
      operator: "オペレーター",
      password: "パスワード",
    },
    mfaStates: {
      on: "すでに有効です",
      off: "有効ではありません",
      pending: "開始されていません（先に有効化してください）",
    },
    problems: {
      type: (at: string, type: string) => `${at || "ボディ"} は ${type} である必要があります`,
      required: (at: string) => `${at} は必須です`,
      enum: (at: string, values: string) =>
        `${at || "ボディ"} は次のいずれかである必要があります: ${values}`,
      range: (at: string, bound: string) => `${at || "ボディ"} は ${bound} である必要があります`,
      length: (at: string, bound: string) =>
        `${at || "ボディ"} の長さは ${bound} である必要があります`,
      pattern: (at: string, pattern: string) =>
        `${at || "ボディ"} は ${pattern} に一致する必要があります`,
      oneOf: (at: string, count: string) =>
        `${at || "ボディ"} は ${count} 通りの形のいずれかに合う必要があります`,
      notJson: (why: string) => `ボディが JSON ではありません（${why}）`,
      bodyRequired: "リクエストボディが必要です",
      param: (name: string) => `パラメーター ${name} は必須です`,
      paramType: (name: string, type: string) =>
        `パラメーター ${name} は ${type} である必要があります`,
      paramEnum: (name: string, values: string) =>
        `パラメーター ${name} は次のいずれかである必要があります: ${values}`,
    },
  },
};

const TABLES: Readonly<Record<Lang, Messages>> = { en, ja };

/** A message that takes arguments. */
// deno-lint-ignore no-explicit-any -- any message's own argument list
export type MessageFn = (...args: any[]) => string;

/** The keys of the messages that are text (or make text from arguments). */
export type TextKey = {
  [K in keyof Messages]: Messages[K] extends string | MessageFn ? K : never;
}[keyof Messages];

/** The arguments the message `K` takes (none for plain text). */
export type ArgsOf<K extends TextKey> = Messages[K] extends (...args: infer A) => string ? A : [];

/**
 * A message to say later, in whichever language the reader wants: errors are
 * made deep in the code, and printed (in the user's language) by the CLI.
 */
export interface Said {
  /** The message's key. */
  readonly key: TextKey;
  /** Its arguments. */
  readonly args: readonly unknown[];
}

/**
 * A message by key, with its arguments.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { render, said } from "./messages.ts";
 *
 * const message = said("needsPermission", "--allow-net", "network access");
 * assert.ok(render(message, "en").includes("--allow-net"));
 * ```
 */
export function said<K extends TextKey>(key: K, ...args: ArgsOf<K>): Said {
  return { key, args };
}

/** The text of `message` in `lang`. */
export function render(message: Said, lang: Lang): string {
  const entry = TABLES[lang][message.key] as string | MessageFn;
  return typeof entry === "string" ? entry : entry(...message.args);
}

/** The message table for `lang`. */
export function messages(lang: Lang): Messages {
  return TABLES[lang];
}
