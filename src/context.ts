/**
 * The one door to the outside world. Every effect `soracom` has (environment,
 * streams, network, clock, files, child processes, the terminal) goes through a
 * {@link Context}: `main.ts` passes the real one (`system/real.ts`), tests the
 * in-memory {@link fakeContext} of this module (no disk, no processes, no
 * network unless they script it).
 *
 * A run never exits the process itself: when it must stop at once (stdout's
 * reader went away, a signal came during a prompt) it throws {@link Ended},
 * which `main.ts` turns into the exit code.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { fakeContext } from "./context.ts";
 *
 * const fake = fakeContext({ env: { HOME: "/home/ann" } });
 * await fake.ctx.fs.ensureDir("/home/ann", 0o700);
 * await fake.ctx.fs.writeFileAtomic("/home/ann/a.txt", new TextEncoder().encode("hi"), 0o600);
 * fake.ctx.stdout.write("done\n");
 * assert.equal(fake.stdout(), "done\n");
 * assert.equal(fake.file("/home/ann/a.txt"), "hi");
 * ```
 *
 * @module
 */

import type { Lang } from "./messages.ts";
import { hidingSecrets, KnownSecrets } from "./secrets.ts";
import { safeOnTerminal } from "./terminal_text.ts";

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
 * The reader's language, as soracom-cli picks it from `LC_ALL`, `LC_MESSAGES`,
 * `LANG` and `LANGUAGE` (it is also the API's `X-Soracom-Lang`). Called only
 * where a Context is made (here and `system/real.ts`), so a run decides it once
 * and everything else reads {@link Context.lang}; a lint rule
 * (`soracom/one-language-decision`) keeps it so. English when the environment
 * cannot be read.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { detectLang } from "./context.ts";
 *
 * assert.equal(detectLang((n) => ({ LANG: "ja_JP.UTF-8" })[n]), "ja");
 * assert.equal(detectLang((n) => ({ LC_ALL: "C", LANG: "ja_JP.UTF-8" })[n]), "en");
 * ```
 */
export function detectLang(env: (name: string) => string | undefined): Lang {
  try {
    return langIn(env);
  } catch {
    return "en"; // no permission to read the environment: nothing to go by
  }
}

function langIn(env: (name: string) => string | undefined): Lang {
  const lcAll = env("LC_ALL");
  const lang = env("LANG");
  if (lang === "C" || lcAll === "C") return "en";
  if (lcAll) return supported(lcAll) ?? alternative(env) ?? "en";
  const messages = supported(env("LC_MESSAGES"));
  if (messages) return messages;
  if (lang) return supported(lang) ?? alternative(env) ?? "en";
  return "en";
}

/** An output stream. Writes are synchronous so output order is exact. */
export interface Output {
  /** Writes `data`; bytes are valid only during the call (the caller may reuse them). */
  write(data: string | Uint8Array): void;
  /** Whether a person is looking at it. */
  isTerminal(): boolean;
  /**
   * Writes a control sequence of ours (the progress line's return and erase):
   * on a terminal, everything else written has its control characters shown
   * escaped (`terminal_text.ts`), as it may come from outside.
   */
  writeControl?(sequence: string): void;
}

/** File facts the profile and session code need. */
export interface FileInfo {
  /** A regular file (not a folder). */
  readonly isFile: boolean;
  /** Its size in bytes. */
  readonly size: number;
  /** Permission bits (POSIX), or null where the platform has none (Windows). */
  readonly mode: number | null;
  /** A symbolic link (only {@link FileSystem.lstat} says so; `stat` follows links). */
  readonly isSymlink?: boolean;
  /** The owner's user ID (POSIX), or null where the platform has none (Windows). */
  readonly uid?: number | null;
  /** When it was last written (ms since the epoch), when the system says. */
  readonly mtime?: number | null;
}

/** What a child process left behind. */
export interface CommandResult {
  /** Its exit status. */
  readonly code: number;
  /** Everything it printed on stdout (up to the cap). */
  readonly stdout: Uint8Array;
  /** Captured stderr, when it was not passed through to the user. */
  readonly stderr?: Uint8Array;
}

/** How to run a child process. */
export interface RunOptions {
  /** Stop the child (SIGKILL) after this many milliseconds. */
  readonly timeoutMs: number;
  /** Stop the child when stdout grows beyond this many bytes. */
  readonly maxStdoutBytes: number;
  /** Pass stdin/stderr through to the user's terminal (so `op` can prompt), or capture stderr. */
  readonly interactive: boolean;
  /** Variables set in the child's environment, on top of this process's own. */
  readonly env?: Readonly<Record<string, string>>;
  /** Written to the child's stdin, which is then closed (not with `interactive`). */
  readonly input?: Uint8Array;
}

/** The file operations `soracom` uses. Paths are absolute. */
export interface FileSystem {
  /** The whole file; rejects with `Deno.errors.NotFound` when it is missing. */
  readFile(path: string): Promise<Uint8Array>;
  /**
   * The whole file when it holds at most `maxBytes`; `undefined` (having read
   * no more) when it holds more, as `/dev/zero` does.
   */
  readFileCapped(
    path: string,
    maxBytes: number,
    options?: { readonly noFollow?: boolean },
  ): Promise<Uint8Array | undefined>;
  /** `null` when the path does not exist. */
  stat(path: string): Promise<FileInfo | null>;
  /** As {@link stat}, of a symbolic link itself rather than what it points to. */
  lstat(path: string): Promise<FileInfo | null>;
  /** Creates the folder (and parents) with `mode`; an existing folder is left as it is. */
  ensureDir(path: string, mode: number): Promise<void>;
  /**
   * Writes a file so that readers see the old or the new content, never a mix:
   * a temp file in the same folder, fsync, then rename over the target.
   */
  writeFileAtomic(path: string, data: Uint8Array, mode: number): Promise<void>;
  /**
   * Takes an exclusive lock on `path` (created with `mode` if missing), waiting
   * while another process holds it; resolves to the release. The OS drops the
   * lock when its process dies, so a killed run never leaves it held.
   */
  lock(path: string, mode: number): Promise<() => void>;
  /** `false` when there was nothing to remove. */
  remove(path: string): Promise<boolean>;
  /** The names in a folder; none when it does not exist. */
  readDir(path: string): Promise<string[]>;
}

/** The UUID in the name of a temp file of {@link FileSystem.writeFileAtomic}: `.NAME.UUID.tmp`. */
const TEMP_OF = "\\.[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\\.tmp$";

/**
 * The temp files that interrupted atomic writes (see
 * {@link FileSystem.writeFileAtomic}) of files named like `names` (a pattern
 * for the target's name, e.g. `[0-9a-f]{64}\\.json`) left in `dir`, at least
 * `minAgeMs` old: a younger one may be a write still going on. A file the
 * system gives no time for counts as old.
 */
export async function atomicLeftovers(
  ctx: Pick<Context, "fs" | "now">,
  dir: string,
  names: string,
  minAgeMs: number,
): Promise<string[]> {
  const temp = new RegExp(`^\\.(?:${names})${TEMP_OF}`);
  const found: string[] = [];
  for (const name of await ctx.fs.readDir(dir)) {
    if (!temp.test(name)) continue;
    const info = await ctx.fs.lstat(`${dir}/${name}`);
    if (info === null || !info.isFile) continue;
    const mtime = info.mtime ?? undefined;
    if (mtime === undefined || ctx.now() - mtime >= minAgeMs) found.push(name);
  }
  return found;
}

/** Where {@link Context.serve} listens, and what stops it. */
export interface ServeOptions {
  /** The address to bind, e.g. `127.0.0.1`. */
  readonly hostname: string;
  /** The port; 0 picks a free one. */
  readonly port: number;
  /** Aborting it closes the server (connections in flight are dropped). */
  readonly signal: AbortSignal;
}

/** A server {@link Context.serve} started. */
export interface Served {
  /** The address it listens on. */
  readonly hostname: string;
  /** The port it listens on (the one picked, for port 0). */
  readonly port: number;
  /** Settles once the server has stopped. */
  readonly finished: Promise<void>;
}

/** Everything a command may touch. */
export interface Context {
  /** An environment variable. */
  env(name: string): string | undefined;
  /**
   * The reader's language, for everything the run says and the API's
   * `X-Soracom-Lang`: decided once, when the Context is made ({@link detectLang}).
   */
  readonly lang: Lang;
  /** Where results go. */
  readonly stdout: Output;
  /** Where errors, warnings and questions go: every secret in {@link secrets} is hidden there. */
  readonly stderr: Output;
  /** The secrets this run has seen (credentials, codes, session keys), hidden on stderr. */
  readonly secrets: KnownSecrets;
  /**
   * All of stdin (for `--body -`) when it holds at most `maxBytes`;
   * `undefined` (having read no more) when it holds more.
   */
  readStdin(maxBytes: number): Promise<Uint8Array | undefined>;
  /**
   * Stdin as it comes, chunk by chunk, until it ends: for a program that
   * talks over stdin and stdout (`soracom mcp`).
   */
  stdinChunks(): AsyncIterable<Uint8Array>;
  /** Whether stdin is a terminal (a person could answer). */
  stdinIsTerminal(): boolean;
  /** The terminal's width in columns when stdout is a terminal, else `undefined`. */
  terminalWidth(): number | undefined;
  /**
   * Whether stdout goes into another program (a pipe, a socket), or may:
   * what that program prints can show up on this terminal at any moment, so
   * nothing but the output may be drawn there meanwhile. False for a
   * terminal, a file or a device; true where the system cannot tell.
   */
  stdoutIsPiped(): boolean;
  /**
   * The terminal's width in columns when stderr is a terminal, else
   * `undefined`: errors and questions are wrapped to it.
   */
  stderrWidth(): number | undefined;
  /**
   * Asks the user on the terminal and reads one line; `secret` turns echo off.
   * With `stdinOk`, a plain answer may come from a piped stdin
   * (`echo y | soracom unconfigure`), as with soracom-cli; the question is
   * then not shown. Returns `undefined` when there is nobody to ask (no
   * terminal, or stdin at its end).
   */
  prompt(
    message: string,
    options?: { secret?: boolean; stdinOk?: boolean },
  ): Promise<string | undefined>;
  /** Sends a request (the network). */
  fetch(input: Request): Promise<Response>;
  /** Milliseconds since the epoch. */
  now(): number;
  /** Waits `ms` milliseconds (retries' back-off). */
  sleep(ms: number): Promise<void>;
  /** Files. */
  readonly fs: FileSystem;
  /** The user's home folder. */
  homeDir(): string | undefined;
  /**
   * The keys release signatures are checked with: unset in the real Context,
   * which trusts only the built-in keys (`release_key.ts`); tests sign with
   * their own.
   */
  readonly releaseKeys?: readonly string[];
  /** The user ID this process runs as (to check who owns a session file); undefined on Windows. */
  userId(): number | undefined;
  /** Runs a child process with its output captured (profileCommand, mfaOTPCommand). */
  run(argv: readonly string[], options: RunOptions): Promise<CommandResult>;
  /**
   * Runs a program on this process's stdin, stdout and stderr, with `env`
   * added to its environment, and resolves to its exit status (128 + the
   * signal's number when a signal ended it). While it runs, Ctrl-C is its to
   * handle, and SIGTERM/SIGHUP sent to us are passed on to it.
   *
   * @throws Deno.errors.NotFound when there is no such program
   */
  runAttached(argv: readonly string[], env: Readonly<Record<string, string>>): Promise<number>;
  /**
   * Serves HTTP (`soracom emulator`): each request goes to `handler`, whose
   * failures become a 500. Rejects when the address cannot be bound.
   */
  serve(options: ServeOptions, handler: (request: Request) => Promise<Response>): Promise<Served>;
  /** Settles at the first Ctrl-C (SIGINT) or SIGTERM, with the signal's name. */
  interrupted(): Promise<string>;
  /** `Deno.build.os`. */
  readonly os: "linux" | "darwin" | "windows" | string;
  /** `Deno.build.arch`. */
  readonly arch: string;
  /** The running executable, for `self-update`; fakes may leave it out. */
  readonly executable?: Executable;
}

/** What `self-update` needs to know about and do to the running executable. */
export interface Executable {
  /**
   * The real path (symlinks resolved) of a compiled `soracom`, or `undefined`
   * under `deno run`, where the executable is Deno itself.
   */
  path(): Promise<string | undefined>;
  /** Renames a file: a running Windows executable can be moved aside, not overwritten. */
  rename(from: string, to: string): Promise<void>;
}

/**
 * Thrown when the run must stop at once and quietly, with exit code `code`:
 * 141 when stdout's reader went away (as SIGPIPE would end us), 143 when a
 * signal came while a secret prompt had echo off. `main.ts` turns it into the
 * exit code; nothing prints it.
 */
export class Ended extends Error {
  /** The exit code. */
  readonly code: number;

  /** `reason` is for debugging only: it is never shown. */
  constructor(code: number, reason: string) {
    super(reason);
    this.name = "Ended";
    this.code = code;
  }
}

/** What a test scripts in a {@link fakeContext}. */
export interface FakeOptions {
  /** The environment (`HOME` is the home folder). */
  readonly env?: Readonly<Record<string, string>>;
  /** The reader's language; by default the one `env` asks for ({@link detectLang}). */
  readonly lang?: Lang;
  /** Answers to prompts, in order; `undefined` (the default) means "no terminal". */
  readonly prompts?: readonly string[];
  /** What stdin holds. */
  readonly stdin?: string;
  /** Whether stderr is a terminal. */
  readonly stderrIsTerminal?: boolean;
  /** Columns of a pretend terminal on stderr (it is one then); none by default. */
  readonly stderrWidth?: number;
  /** Whether stdin is a terminal; by default, when `prompts` are scripted. */
  readonly stdinIsTerminal?: boolean;
  /** Columns of a pretend terminal on stdout; none (not a terminal) by default. */
  readonly terminalWidth?: number;
  /** Whether stdout is a pretend pipe; by default it is a file. */
  readonly stdoutIsPiped?: boolean;
  /** The network; by default every request is refused. */
  readonly fetch?: (req: Request) => Promise<Response>;
  /** The clock (milliseconds); a fixed time by default, moved on by `sleep`. */
  readonly now?: number;
  /** Child processes, answered by the test; by default there are none (NotFound). */
  readonly run?: (argv: readonly string[], options: RunOptions) => Promise<CommandResult>;
  /** `soracom exec`'s child, answered by the test; by default there is none (NotFound). */
  readonly runAttached?: (
    argv: readonly string[],
    env: Readonly<Record<string, string>>,
  ) => Promise<number>;
  /** Files there from the start: path -> text. */
  readonly files?: Readonly<Record<string, string>>;
  /** Settles when the test says the user pressed Ctrl-C; by default never. */
  readonly interrupted?: Promise<string>;
}

/** A {@link fakeContext}, and what it recorded. */
export interface Fake {
  /** The context to run with. */
  readonly ctx: Context;
  /** All stdout so far. */
  stdout(): string;
  /** All stderr so far. */
  stderr(): string;
  /** The prompts shown, in order. */
  readonly asked: string[];
  /** A file's text, or `undefined` when there is none. */
  file(path: string): string | undefined;
  /** A file's mode. */
  mode(path: string): number | undefined;
}

function notFound(what: string): Error {
  return new Deno.errors.NotFound(`${what}: not in the fake`);
}

/** Files and folders in memory. */
function memoryFileSystem(initial: Readonly<Record<string, string>>) {
  const files = new Map<string, { data: Uint8Array; mode: number }>();
  const dirs = new Map<string, number>();
  const parent = (path: string) => path.slice(0, Math.max(path.lastIndexOf("/"), 0)) || "/";
  const mkdirs = (path: string, mode: number) => {
    for (let p = path; p !== "/" && !dirs.has(p); p = parent(p)) dirs.set(p, mode);
  };
  for (const [path, text] of Object.entries(initial)) {
    mkdirs(parent(path), 0o700);
    files.set(path, { data: new TextEncoder().encode(text), mode: 0o600 });
  }
  const fs: FileSystem = {
    readFile: (path) => {
      const file = files.get(path);
      return file ? Promise.resolve(file.data.slice()) : Promise.reject(notFound(path));
    },
    readFileCapped: async (path, max) => {
      const data = await fs.readFile(path);
      return data.length > max ? undefined : data;
    },
    stat: (path) => {
      const file = files.get(path);
      const uid = FAKE_UID;
      if (file) {
        return Promise.resolve({ isFile: true, size: file.data.length, mode: file.mode, uid });
      }
      const dir = dirs.get(path);
      return Promise.resolve(dir === undefined ? null : { isFile: false, size: 0, mode: dir, uid });
    },
    // Memory has no links.
    lstat: (path) => fs.stat(path),
    ensureDir: (path, mode) => Promise.resolve(mkdirs(path, mode)),
    writeFileAtomic: (path, data, mode) => {
      if (!dirs.has(parent(path))) return Promise.reject(notFound(parent(path)));
      files.set(path, { data: data.slice(), mode });
      return Promise.resolve();
    },
    lock: (path, mode) => {
      if (!files.has(path)) files.set(path, { data: new Uint8Array(0), mode });
      return Promise.resolve(() => {});
    },
    remove: (path) => Promise.resolve(files.delete(path)),
    readDir: (path) => {
      const names = [...files.keys(), ...dirs.keys()]
        .filter((p) => parent(p) === path && p !== path)
        .map((p) => p.slice(path.length + 1));
      return Promise.resolve([...new Set(names)]);
    },
  };
  return { fs, files };
}

/** What the fake's stdin and terminals are, as `options` pretend. */
function fakeStreams(
  options: FakeOptions,
): Pick<
  Context,
  | "readStdin"
  | "stdinChunks"
  | "stdinIsTerminal"
  | "terminalWidth"
  | "stdoutIsPiped"
  | "stderrWidth"
> {
  return {
    readStdin: (max) => {
      const bytes = new TextEncoder().encode(options.stdin ?? "");
      return Promise.resolve(bytes.length > max ? undefined : bytes);
    },
    stdinChunks: async function* () {
      if (options.stdin) yield new TextEncoder().encode(options.stdin);
    },
    stdinIsTerminal: () => options.stdinIsTerminal ?? options.prompts !== undefined,
    terminalWidth: () => options.terminalWidth,
    stdoutIsPiped: () => options.stdoutIsPiped ?? false,
    stderrWidth: () => options.stderrWidth,
  };
}

/** The user the fake runs as, and who owns its files. */
const FAKE_UID = 1000;

/**
 * A Context that touches nothing outside this process: files in memory,
 * output captured, prompts and stdin scripted, a clock that `sleep` moves on,
 * and no network or child processes unless the test provides them.
 */
export function fakeContext(options: FakeOptions = {}): Fake {
  const out: string[] = [];
  const err: string[] = [];
  const asked: string[] = [];
  const decoder = new TextDecoder();
  const capture = (sink: string[], terminal: boolean): Output =>
    safeOnTerminal({
      write: (d) => void sink.push(typeof d === "string" ? d : decoder.decode(d)),
      isTerminal: () => terminal,
    });
  const prompts = options.prompts === undefined ? undefined : [...options.prompts];
  const env = options.env ?? {};
  const { fs, files } = memoryFileSystem(options.files ?? {});
  let clock = options.now ?? Date.UTC(2026, 0, 1);
  const secrets = new KnownSecrets();
  const ctx: Context = {
    env: (name) => env[name],
    lang: options.lang ?? detectLang((name) => env[name]),
    stdout: capture(out, false),
    stderr: hidingSecrets(
      capture(err, options.stderrIsTerminal ?? options.stderrWidth !== undefined),
      secrets,
    ),
    secrets,
    ...fakeStreams(options),
    prompt: (message) => {
      asked.push(message);
      return Promise.resolve(prompts?.shift());
    },
    fetch: options.fetch ?? ((req) => Promise.reject(new TypeError(`no network: ${req.url}`))),
    now: () => clock,
    sleep: (ms) => Promise.resolve(void (clock += ms)),
    fs,
    homeDir: () => env.HOME,
    userId: () => FAKE_UID,
    run: options.run ?? ((argv) => Promise.reject(notFound(argv[0]))),
    runAttached: options.runAttached ?? ((argv) => Promise.reject(notFound(argv[0]))),
    serve: () => Promise.reject(new Deno.errors.NotCapable("no network in the fake")),
    interrupted: () => options.interrupted ?? new Promise<string>(() => {}),
    os: "linux",
    arch: "x86_64",
  };
  return {
    ctx,
    stdout: () => out.join(""),
    stderr: () => err.join(""),
    asked,
    file: (path) => {
      const file = files.get(path);
      return file && decoder.decode(file.data);
    },
    mode: (path) => files.get(path)?.mode,
  };
}
