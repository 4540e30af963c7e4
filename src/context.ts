/**
 * The one door to the outside world. Every effect `soracom` has (environment,
 * streams, network, clock, files, child processes, the terminal) goes through a
 * {@link Context}, so each command runs in-process against a fake in tests and
 * against {@link realContext} in `main.ts`.
 *
 * @module
 */

import { CliError } from "./errors.ts";
import { said } from "./messages.ts";

/** An output stream. Writes are synchronous so output order is exact. */
export interface Output {
  /** Writes `data`; bytes are valid only during the call (the caller may reuse them). */
  write(data: string | Uint8Array): void;
  isTerminal(): boolean;
}

/** File facts the profile and session code need. */
export interface FileInfo {
  readonly isFile: boolean;
  readonly size: number;
  /** Permission bits (POSIX), or null where the platform has none (Windows). */
  readonly mode: number | null;
}

/** What a child process left behind. */
export interface CommandResult {
  readonly code: number;
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
}

/** The file operations `soracom` uses. Paths are absolute. */
export interface FileSystem {
  readFile(path: string): Promise<Uint8Array>;
  /** `null` when the path does not exist. */
  stat(path: string): Promise<FileInfo | null>;
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
  readDir(path: string): Promise<string[]>;
}

/** Everything a command may touch. */
export interface Context {
  env(name: string): string | undefined;
  readonly stdout: Output;
  readonly stderr: Output;
  /** All of stdin (for `--body -`). */
  readStdin(): Promise<Uint8Array>;
  stdinIsTerminal(): boolean;
  /** The terminal's width in columns when stdout is a terminal, else `undefined`. */
  terminalWidth(): number | undefined;
  /**
   * Asks the user on the terminal and reads one line; `secret` turns echo off.
   * With `stdinOk`, a plain answer may come from a piped stdin
   * (`echo y | soracom unconfigure`), as with soracom-cli. Returns `undefined`
   * when there is nobody to ask (no terminal, or stdin at its end).
   */
  prompt(
    message: string,
    options?: { secret?: boolean; stdinOk?: boolean },
  ): Promise<string | undefined>;
  fetch(input: Request): Promise<Response>;
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
  readonly fs: FileSystem;
  homeDir(): string | undefined;
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
  readonly os: "linux" | "darwin" | "windows" | string;
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

const encoder = new TextEncoder();

/** The largest buffer a {@link Utf8Buffer} keeps once its bytes are taken. */
const KEPT_BYTES = 3 << 20;

/**
 * UTF-8 bytes, appended a text at a time into one buffer that is reused: a
 * --fetch-all page would otherwise leave new buffers of its size behind it each
 * time, for the garbage collector to find. The buffer grows to fit (3 bytes a
 * UTF-16 unit at most), doubled at least, so texts of slowly growing size do not
 * grow it each time; one larger than {@link KEPT_BYTES} goes once its bytes are taken.
 */
export class Utf8Buffer {
  #bytes = new Uint8Array(0);
  #length = 0;

  /** How many bytes are in the buffer. */
  get length(): number {
    return this.#length;
  }

  /** Appends `text` as UTF-8 (a lone surrogate as U+FFFD). */
  append(text: string): void {
    const need = this.#length + text.length * 3;
    if (need > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#length += encoder.encodeInto(text, this.#bytes.subarray(this.#length)).written;
  }

  /** The bytes so far, and empties the buffer: they stay valid until the next append. */
  take(): Uint8Array {
    const bytes = this.#bytes.subarray(0, this.#length);
    this.#length = 0;
    if (this.#bytes.length > KEPT_BYTES) this.#bytes = new Uint8Array(0);
    return bytes;
  }
}

const scratch = new Utf8Buffer();

function encoded(text: string): Uint8Array {
  // Too long to keep a buffer for: one of about its UTF-8 size, not of three bytes a unit.
  if (text.length * 3 > KEPT_BYTES) return encoder.encode(text);
  scratch.append(text);
  return scratch.take();
}

/** Something written to synchronously: stdout, stderr, or the terminal a prompt opened. */
interface SyncWriter {
  writeSync(data: Uint8Array): number;
  isTerminal(): boolean;
}

function outputFor(stream: SyncWriter): Output {
  return {
    write(data) {
      let bytes = typeof data === "string" ? encoded(data) : data;
      try {
        while (bytes.length > 0) {
          const n = stream.writeSync(bytes);
          bytes = bytes.subarray(n);
        }
      } catch (e) {
        // The reader went away (`soracom ... | head`): stop quietly, as a program killed by
        // SIGPIPE does (exit 141), instead of reporting an error nobody asked for.
        if (e instanceof Deno.errors.BrokenPipe) Deno.exit(141);
        throw e;
      }
    },
    isTerminal: () => stream.isTerminal(),
  };
}

/** A stream being read to its end, which can be cut short. */
interface Reading {
  /** Everything read (up to the cap); what was read so far once cancelled. */
  readonly done: Promise<Uint8Array>;
  cancel(): void;
}

/**
 * Reads `stream` to its end. Past `max` bytes, `onOverflow` decides: throw
 * (stdout, which must be a profile) or keep what fits and drain the rest.
 */
function readStream(
  stream: ReadableStream<Uint8Array>,
  max: number,
  onOverflow?: () => never,
): Reading {
  const reader = stream.getReader();
  const done = (async () => {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      if (total + value.length > max) {
        if (onOverflow) onOverflow();
        continue;
      }
      total += value.length;
      chunks.push(value);
    }
    const out = new Uint8Array(total);
    let offset = 0;
    for (const chunk of chunks) {
      out.set(chunk, offset);
      offset += chunk.length;
    }
    return out;
  })();
  return { done, cancel: () => void reader.cancel().catch(() => {}) };
}

/** Process IDs of every descendant of `pid` (children, grandchildren...), on POSIX systems. */
async function descendants(pid: number): Promise<number[]> {
  const parents = new Map<number, number[]>();
  try {
    if (Deno.build.os === "linux") {
      for await (const entry of Deno.readDir("/proc")) {
        if (!/^\d+$/.test(entry.name)) continue;
        const stat = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
        // Field 4 is the parent PID; the command name in field 2 may hold spaces, hence lastIndexOf.
        const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
        parents.set(ppid, [...parents.get(ppid) ?? [], Number(entry.name)]);
      }
    } else if (Deno.build.os !== "windows") {
      const out = await new Deno.Command("ps", { args: ["-A", "-o", "pid=,ppid="], stderr: "null" })
        .output();
      for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
        const [child, parent] = line.trim().split(/\s+/).map(Number);
        if (child && parent) parents.set(parent, [...parents.get(parent) ?? [], child]);
      }
    }
  } catch { /* best effort */ }
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of parents.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * Kills a child and everything it started: `/bin/sh -c "op ... | jq ..."` leaves
 * `op` and `jq` holding the pipe open after the shell is gone.
 */
async function killTree(child: Deno.ChildProcess): Promise<void> {
  if (Deno.build.os === "windows") {
    // taskkill /T ends the whole tree (`cmd /c "op ... | jq ..."`).
    await new Deno.Command("taskkill", {
      args: ["/PID", String(child.pid), "/T", "/F"],
      stdout: "null",
      stderr: "null",
    }).output().catch(() => undefined);
  }
  const tree = await descendants(child.pid);
  for (const pid of [child.pid, ...tree]) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch { /* already gone */ }
  }
}

/** How long the pipes may stay open after the child is gone (a grandchild holding them). */
const PIPE_GRACE_MS = 1000;

async function runChild(argv: readonly string[], options: RunOptions): Promise<CommandResult> {
  const [program, ...args] = argv;
  const child = new Deno.Command(program, {
    args,
    env: options.env,
    stdin: options.interactive ? "inherit" : "null",
    stdout: "piped",
    stderr: options.interactive ? "inherit" : "piped",
  }).spawn();
  const stdout = readStream(child.stdout, options.maxStdoutBytes, () => {
    void killTree(child);
    throw new CliError("auth", said("outputTooLarge", options.maxStdoutBytes));
  });
  const stderr = options.interactive ? undefined : readStream(child.stderr, 64 * 1024);
  const outputs = Promise.all([stdout.done, stderr?.done]);
  const cutShort = () => {
    stdout.cancel();
    stderr?.cancel();
  };
  const timers: ReturnType<typeof setTimeout>[] = [];
  const after = <T>(ms: number, value: T) =>
    new Promise<T>((resolve) => timers.push(setTimeout(() => resolve(value), ms)));
  try {
    const first = await Promise.race([
      outputs.then(() => "read" as const),
      after(options.timeoutMs, "timeout" as const),
      // Like Go's WaitDelay: once the child is gone, its pipes get a moment, then are cut.
      child.status.then(() => after(PIPE_GRACE_MS, "exited" as const)),
    ]);
    if (first === "timeout") {
      await killTree(child);
      await Promise.race([Promise.allSettled([outputs, child.status]), after(PIPE_GRACE_MS, null)]);
      cutShort();
      throw new CliError("auth", said("timedOut", options.timeoutMs / 1000));
    }
    if (first === "exited") cutShort();
    const [out, err] = await outputs;
    const status = await child.status;
    return { code: status.code, stdout: out, stderr: err };
  } catch (e) {
    cutShort();
    await child.status;
    throw e;
  } finally {
    timers.forEach(clearTimeout);
  }
}

/** One line from a pipe, read byte by byte so nothing after it is consumed; undefined at its end. */
async function readLine(input: typeof Deno.stdin): Promise<string | undefined> {
  const buf = new Uint8Array(1);
  const bytes: number[] = [];
  for (;;) {
    const n = await input.read(buf);
    if (n === null || n === 0) {
      return bytes.length > 0 ? new TextDecoder().decode(new Uint8Array(bytes)) : undefined;
    }
    if (buf[0] === 0x0a) break;
    bytes.push(buf[0]);
  }
  return new TextDecoder().decode(new Uint8Array(bytes)).replace(/\r$/, "");
}

/** Reads one line from a terminal file, optionally without echo. */
async function promptOn(
  input: Deno.FsFile | typeof Deno.stdin,
  output: Output,
  message: string,
  secret: boolean,
): Promise<string> {
  // Echo goes off before the prompt shows, so a secret typed at once is never echoed; a
  // SIGTERM or SIGHUP while it is off puts it back before the process ends.
  const restore = () => {
    input.setRaw(false);
    Deno.exit(143);
  };
  const signals: Deno.Signal[] = secret && Deno.build.os !== "windows" ? ["SIGTERM", "SIGHUP"] : [];
  if (secret) input.setRaw(true);
  for (const signal of signals) Deno.addSignalListener(signal, restore);
  output.write(message);
  try {
    const buf = new Uint8Array(1);
    const bytes: number[] = [];
    while (true) {
      const n = await input.read(buf);
      if (n === null || n === 0) break;
      const c = buf[0];
      if (c === 0x0a || c === 0x0d) break;
      if (secret && c === 0x03) throw new CliError("aborted", said("aborted"));
      if (secret && c === 0x04 && bytes.length === 0) {
        throw new CliError("aborted", said("aborted"));
      }
      if (secret && c < 0x20 && c !== 0x7f && c !== 0x08) continue; // other control keys are not part of a secret
      if (secret && (c === 0x7f || c === 0x08)) {
        bytes.pop();
        continue;
      }
      bytes.push(c);
    }
    return new TextDecoder().decode(new Uint8Array(bytes));
  } finally {
    for (const signal of signals) Deno.removeSignalListener(signal, restore);
    if (secret) {
      input.setRaw(false);
      output.write("\n");
    }
  }
}

/** `f()` as a promise: its error a rejection, never thrown at the caller. */
function settled<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

function realFileSystem(): FileSystem {
  return {
    // Reads and stats are of small local files (a profile, a session) on every
    // command: done in this thread they skip a hop to Deno's blocking pool and
    // back, a few milliseconds of a warm command on a busy machine.
    readFile: (path) => settled(() => Deno.readFileSync(path)),
    stat: (path) =>
      settled(() => {
        try {
          const info = Deno.statSync(path);
          return {
            isFile: info.isFile,
            size: info.size,
            mode: Deno.build.os === "windows" ? null : info.mode,
          };
        } catch (e) {
          if (e instanceof Deno.errors.NotFound) return null;
          throw e;
        }
      }),
    async ensureDir(path, mode) {
      // A folder the user made (SORACOM_PROFILE_DIR, ...) keeps its mode; one we make gets `mode`.
      const existing = await Deno.stat(path).catch(() => undefined);
      if (existing?.isDirectory) return;
      await Deno.mkdir(path, { recursive: true, mode });
      if (Deno.build.os !== "windows") await Deno.chmod(path, mode);
    },
    async writeFileAtomic(path, data, mode) {
      const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
      const dir = slash >= 0 ? path.slice(0, slash) : ".";
      const base = slash >= 0 ? path.slice(slash + 1) : path;
      const tmp = `${dir}/.${base}.${crypto.randomUUID()}.tmp`;
      const file = await Deno.open(tmp, { write: true, createNew: true, mode });
      try {
        let rest = data;
        while (rest.length > 0) rest = rest.subarray(await file.write(rest));
        await file.sync();
      } catch (e) {
        file.close();
        await Deno.remove(tmp).catch(() => {});
        throw e;
      }
      file.close();
      try {
        if (Deno.build.os !== "windows") await Deno.chmod(tmp, mode);
        await Deno.rename(tmp, path);
      } catch (e) {
        await Deno.remove(tmp).catch(() => {});
        throw e;
      }
    },
    async lock(path, mode) {
      const file = await Deno.open(path, { read: true, write: true, create: true, mode });
      try {
        await file.lock(true);
      } catch (e) {
        file.close();
        throw e;
      }
      return () => file.close(); // closing the file releases the lock
    },
    async remove(path) {
      try {
        await Deno.remove(path);
        return true;
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return false;
        throw e;
      }
    },
    async readDir(path) {
      const names: string[] = [];
      try {
        for await (const entry of Deno.readDir(path)) names.push(entry.name);
      } catch (e) {
        if (e instanceof Deno.errors.NotFound) return [];
        throw e;
      }
      return names;
    },
  };
}

/** The real world, for `main.ts`. */
/** Signals a run-attached child is sent when we get them (Ctrl-C reaches it from the terminal). */
const PASSED_ON: readonly Deno.Signal[] = ["SIGTERM", "SIGHUP"];

async function runAttached(
  argv: readonly string[],
  env: Readonly<Record<string, string>>,
): Promise<number> {
  const [program, ...args] = argv;
  const child = new Deno.Command(program, {
    args,
    env: { ...env },
    stdin: "inherit",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn();
  const posix = Deno.build.os !== "windows";
  // The terminal sends Ctrl-C to the child too: we wait for it to decide, and report its status.
  const ignore = () => {};
  const passOn = new Map(PASSED_ON.map((s) => [s, () => child.kill(s)] as const));
  if (posix) {
    Deno.addSignalListener("SIGINT", ignore);
    for (const [signal, handler] of passOn) Deno.addSignalListener(signal, handler);
  }
  try {
    return (await child.status).code;
  } finally {
    if (posix) {
      Deno.removeSignalListener("SIGINT", ignore);
      for (const [signal, handler] of passOn) Deno.removeSignalListener(signal, handler);
    }
  }
}

export function realContext(): Context {
  const stderr = outputFor(Deno.stderr);
  return {
    env: (name) => Deno.env.get(name),
    stdout: outputFor(Deno.stdout),
    stderr,
    readStdin: async () => new Uint8Array(await new Response(Deno.stdin.readable).arrayBuffer()),
    stdinIsTerminal: () => Deno.stdin.isTerminal(),
    terminalWidth: () => {
      if (!Deno.stdout.isTerminal()) return undefined;
      try {
        return Deno.consoleSize().columns;
      } catch {
        return undefined;
      }
    },
    async prompt(message, options) {
      const secret = options?.secret ?? false;
      if (!Deno.stdin.isTerminal() && options?.stdinOk && !secret) {
        stderr.write(message);
        const line = await readLine(Deno.stdin);
        if (line !== undefined) stderr.write("\n");
        return line;
      }
      let tty: Deno.FsFile | undefined;
      if (!Deno.stdin.isTerminal() || !stderr.isTerminal()) {
        tty = Deno.build.os === "windows"
          ? undefined
          : await Deno.open("/dev/tty", { read: true, write: true }).catch(() => undefined);
        if (tty === undefined && !Deno.stdin.isTerminal()) return undefined;
      }
      try {
        // The question goes where the person is: stderr, or the terminal when stderr is redirected.
        const out: Output = stderr.isTerminal() || tty === undefined ? stderr : outputFor(tty);
        return await promptOn(Deno.stdin.isTerminal() ? Deno.stdin : tty!, out, message, secret);
      } finally {
        tty?.close();
      }
    },
    fetch: (input) => fetch(input),
    now: () => Date.now(),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fs: realFileSystem(),
    homeDir: () => Deno.build.os === "windows" ? Deno.env.get("USERPROFILE") : Deno.env.get("HOME"),
    run: runChild,
    runAttached,
    os: Deno.build.os,
    arch: Deno.build.arch,
    executable: {
      path: async () => Deno.build.standalone ? await Deno.realPath(Deno.execPath()) : undefined,
      rename: (from, to) => Deno.rename(from, to),
    },
  };
}
