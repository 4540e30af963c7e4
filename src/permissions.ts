/**
 * The Deno permissions `soracom` runs with, each with the feature that needs
 * it. This is the one list: `scripts/release.ts` compiles the executables with
 * it, `scripts/bundle.ts` prints it for running `dist/soracom.js`, the tests run
 * the bundle with exactly these flags, and README.md explains each one.
 *
 * Never `-A`/`--allow-all`; of `--allow-sys` only `uid`; `--allow-ffi` is not needed.
 *
 * @example
 * ```ts
 * import { PERMISSION_FLAGS } from "./permissions.ts";
 * const args = ["compile", ...PERMISSION_FLAGS, "main.ts"];
 * ```
 *
 * @module
 */

/**
 * Every environment variable the program reads (through `Context.env` or
 * `Context.homeDir`), with the reason. Deno's `fetch` reads the proxy
 * variables itself, without an `--allow-env` grant; the program reads only
 * whether those that proxy plain http are set.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(Object.keys(ENV_VARIABLES).includes("SORACOM_ENDPOINT"));
 * ```
 */
export const ENV_VARIABLES: Readonly<Record<string, string>> = {
  SORACOM_PROFILE: "the profile when --profile is not given",
  SORACOM_PROFILE_DIR: "the profile folder",
  SORACOM_ENDPOINT: "the API endpoint",
  SORACOM_API_KEY: "an API key to use (with SORACOM_API_TOKEN), as `soracom exec` sets it",
  SORACOM_API_TOKEN: "an API token to use (with SORACOM_API_KEY), as `soracom exec` sets it",
  SORACOM_SESSION_DIR: "the session cache folder",
  SORACOM_NO_SESSION_CACHE: "turns the session cache off",
  SORACOM_SESSION_STORE: "where session keys are kept: file (default) or keyring",
  SORACOM_VERBOSE: "request and response dumps",
  SORACOM_TIMEOUT: "the API request timeout",
  SORACOM_PROFILE_COMMAND_TIMEOUT: "the profileCommand and mfaOTPCommand timeout",
  SORACOM_RELEASES_URL: "the releases API that self-update asks",
  SORACOM_SELF_UPDATE_TARGET: "the file self-update replaces (tests)",
  LANG: "the language of X-Soracom-Lang and help",
  LC_ALL: "the language of X-Soracom-Lang and help",
  LC_MESSAGES: "the language of X-Soracom-Lang and help",
  LANGUAGE: "the language of X-Soracom-Lang and help",
  HOME: "the home folder (profiles, session cache) on Linux and macOS",
  XDG_CACHE_HOME: "the session cache folder on Linux",
  USERPROFILE: "the home folder (profiles) on Windows",
  LOCALAPPDATA: "the session cache folder on Windows",
  HTTP_PROXY:
    "whether plain http goes through a proxy (then loopback endpoints are reached directly)",
  http_proxy: "the same, as the variable is often written",
  ALL_PROXY: "the same, for a proxy of every scheme",
  all_proxy: "the same, as the variable is often written",
};

/** One Deno permission flag and the features that need it. */
export interface Permission {
  /** The flag as `deno compile` and `deno run` take it. */
  readonly flag: string;
  /** Why `soracom` needs it, in a user's words. */
  readonly reason: string;
}

/**
 * The permissions, in the order they are passed.
 *
 * @example
 * ```ts
 * PERMISSIONS.map((p) => p.flag.split("=")[0]);
 * // ["--allow-net", "--allow-read", "--allow-write", "--allow-run", "--allow-env", "--allow-sys"]
 * ```
 */
export const PERMISSIONS: readonly Permission[] = [
  {
    flag: "--allow-net",
    reason: "the SORACOM API (api.soracom.io, g.api.soracom.io, the sandbox) and any host " +
      "SORACOM_ENDPOINT or a profile's `endpoint` names, so it cannot be narrowed to a list; " +
      "self-update asks the releases API and downloads from where it points",
  },
  {
    flag: "--allow-read",
    reason: "profiles (~/.soracom or SORACOM_PROFILE_DIR), the session cache, `--body @FILE`, " +
      "the terminal (/dev/tty) for prompts, and the executable's real path for self-update; " +
      "all of these can be anywhere the user says",
  },
  {
    flag: "--allow-write",
    reason: "`configure` writing profiles, the session cache, the terminal (/dev/tty) for " +
      "prompts, and self-update writing the new executable next to the running one",
  },
  {
    flag: "--allow-run",
    reason: "a profile's `profileCommand` (or --profile-command) and `mfaOTPCommand`: any " +
      "program the user names, such as the 1Password CLI `op`; with " +
      "SORACOM_SESSION_STORE=keyring, the OS keyring's tool (security, secret-tool, powershell)",
  },
  {
    flag: "--allow-sys=uid",
    reason: "the user's own ID, to refuse a session cache folder or file that belongs to " +
      "another user (nothing else of the system is read)",
  },
  {
    flag: `--allow-env=${Object.keys(ENV_VARIABLES).join(",")}`,
    reason: "only the environment variables listed in ENV_VARIABLES",
  },
];

/**
 * Just the flags, for a command line.
 *
 * @example
 * ```ts
 * new Deno.Command("deno", { args: ["run", ...PERMISSION_FLAGS, "dist/soracom.js"] });
 * ```
 */
export const PERMISSION_FLAGS: readonly string[] = PERMISSIONS.map((p) => p.flag);

/**
 * The flag for running `main.ts` from a checkout (`deno run`). By default
 * `deno run` reads and analyses every module any literal `import()` could load
 * (every command, the 46 catalogue groups, zod) before the first line
 * runs; this loads each when it is imported, as the compiled executable does,
 * and saves about 9 ms of every warm call. It changes no behaviour (the test
 * suite passes either way) and is not a permission. The executables and the
 * bundle need nothing of the kind, so `deno compile` is not given it.
 *
 * @example
 * ```ts
 * new Deno.Command("deno", { args: ["run", ...SOURCE_RUN_FLAGS, ...PERMISSION_FLAGS, "main.ts"] });
 * ```
 */
export const SOURCE_RUN_FLAGS: readonly string[] = ["--unstable-lazy-dynamic-imports"];
