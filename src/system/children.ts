/**
 * Child processes: `run` (a profileCommand or mfaOTPCommand, output captured,
 * killed with everything it started on timeout) and `runAttached` (`soracom
 * exec`, on our terminal).
 *
 * @module
 */

import { type CommandResult, Ended, type RunOptions } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { concatBytes } from "../bytes.ts";

/** A stream being read to its end, which can be cut short. */
interface StreamReading {
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
): StreamReading {
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
    return concatBytes(chunks, total);
  })();
  return { done, cancel: () => void reader.cancel().catch(() => {}) };
}

/** Every process's parent and process group, by ID. */
type ProcessTable = ReadonlyMap<number, { readonly ppid: number; readonly pgid: number }>;

/** The processes `ps` shows (POSIX); none when there is no `ps`. */
async function processTable(): Promise<ProcessTable> {
  const table = new Map<number, { ppid: number; pgid: number }>();
  try {
    // `ps`, not /proc: reading /proc needs --allow-all, which the release never has.
    const out = await new Deno.Command("ps", {
      args: ["-A", "-o", "pid=,ppid=,pgid="],
      stderr: "null",
    }).output();
    for (const line of new TextDecoder().decode(out.stdout).split("\n")) {
      const [pid, ppid, pgid] = line.trim().split(/\s+/).map(Number);
      if (pid && ppid !== undefined && pgid !== undefined) table.set(pid, { ppid, pgid });
    }
  } catch { /* no ps: the child alone is killed */ }
  return table;
}

/** Process IDs of every descendant of `pid` (children, grandchildren...) in `table`. */
function descendants(table: ProcessTable, pid: number): number[] {
  const children = new Map<number, number[]>();
  for (const [child, { ppid }] of table) children.set(ppid, [...children.get(ppid) ?? [], child]);
  const found: number[] = [];
  const queue = [pid];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/**
 * The processes of our own process group that a child in it left behind by
 * forking twice (`(sleep 9 &)`): not its descendants any more (their parent
 * died; init, or a subreaper, took them), but still in our group. Those new
 * since `before` (this group's members when the child started) whose line of
 * parents leaves the group without passing a process that was there before:
 * a pipeline's other commands (`soracom ... | less`), and what they start,
 * have such a parent and are left alone.
 */
function orphansOf(table: ProcessTable, before: ReadonlySet<number>): number[] {
  const group = table.get(Deno.pid)?.pgid;
  if (group === undefined) return [];
  const orphaned = (pid: number): boolean => {
    for (let p = pid, hops = 0; hops < table.size; hops++) {
      if (before.has(p)) return false;
      const entry = table.get(p);
      if (entry === undefined || entry.pgid !== group) return true;
      p = entry.ppid;
    }
    return false;
  };
  return [...table].filter(([pid, { pgid }]) => pgid === group && orphaned(pid)).map(([p]) => p);
}

/** The members of our process group now (POSIX), for {@link orphansOf} once a child is done. */
async function groupMembers(): Promise<ReadonlySet<number>> {
  const table = await processTable();
  const group = table.get(Deno.pid)?.pgid;
  return new Set([...table].filter(([, e]) => e.pgid === group).map(([pid]) => pid));
}

/**
 * Kills a child and everything it started: `/bin/sh -c "op ... | jq ..."` leaves
 * `op` and `jq` holding the pipe open after the shell is gone. A child in a
 * process group of its own (`grouped`) goes with its whole group; on Windows
 * `taskkill /T` ends the tree; otherwise each descendant `ps` shows is killed,
 * and, given the group's members `before` the child started, what it left in
 * our group by forking twice ({@link orphansOf}).
 */
async function killTree(
  child: Deno.ChildProcess,
  grouped: boolean,
  before?: ReadonlySet<number>,
): Promise<void> {
  if (Deno.build.os === "windows") {
    await new Deno.Command("taskkill", {
      args: ["/PID", String(child.pid), "/T", "/F"],
      stdout: "null",
      stderr: "null",
    }).output().catch(() => undefined);
  } else if (grouped) {
    try {
      Deno.kill(-child.pid, "SIGKILL");
      return;
    } catch { /* the group is gone, or was never made: kill what is left one by one */ }
  }
  const table = Deno.build.os === "windows" ? new Map() : await processTable();
  const tree = [...descendants(table, child.pid), ...(before ? orphansOf(table, before) : [])];
  for (const pid of [child.pid, ...tree]) {
    try {
      Deno.kill(pid, "SIGKILL");
    } catch { /* already gone */ }
  }
}

/** Signals that end this run, and its exit code; the child's tree ends with it. */
const ENDING: Readonly<Partial<Record<Deno.Signal, number>>> = {
  SIGINT: 130,
  SIGTERM: 143,
  SIGHUP: 129,
};

/**
 * Until `stop` is called: on SIGINT, SIGTERM or SIGHUP, `kill` the child's tree
 * and resolve with the exit code the signal calls for. A child on our terminal
 * too: Ctrl-C reaches it from there, but a SIGTERM sent to us alone would leave
 * it reading the terminal after we are gone.
 */
function endWithSignals(kill: () => Promise<void>) {
  let stop = () => {};
  const ended = new Promise<number>((resolve) => {
    if (Deno.build.os === "windows") return;
    const handlers = (Object.entries(ENDING) as [Deno.Signal, number][]).map(([signal, code]) => {
      const handler = () => void kill().then(() => resolve(code));
      Deno.addSignalListener(signal, handler);
      return [signal, handler] as const;
    });
    stop = () =>
      handlers.forEach(([signal, handler]) => Deno.removeSignalListener(signal, handler));
  });
  return { ended, stop: () => stop() };
}

/** How long the pipes may stay open after the child is gone (a grandchild holding them). */
const PIPE_GRACE_MS = 1000;

/**
 * Starts a child for {@link runChild}. A captured child gets a process group
 * (and session) of its own, so a timeout, or this run ending, takes everything
 * it started. One that may prompt stays in the terminal's group: it must read
 * the terminal, and Ctrl-C from there reaches all of it.
 */
function spawn(argv: readonly string[], options: RunOptions) {
  const [program, ...args] = argv;
  const grouped = Deno.build.os !== "windows" && !options.interactive;
  const child = new Deno.Command(program, {
    args,
    env: options.env,
    stdin: options.interactive ? "inherit" : options.input ? "piped" : "null",
    stdout: "piped",
    stderr: options.interactive ? "inherit" : "piped",
    detached: grouped,
  }).spawn();
  if (options.input && !options.interactive) {
    // A secret goes on stdin, never on the command line where other users' `ps` would see it.
    const writer = child.stdin.getWriter();
    void writer.write(options.input).then(() => writer.close()).catch(() => {});
  }
  return { child, grouped };
}

/** Runs a child with its output captured (see `Context.run`). */
export async function runChild(
  argv: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
  // One on our terminal stays in our group: what it leaves there is told apart by this list.
  const posix = Deno.build.os !== "windows";
  const before = options.interactive && posix ? await groupMembers() : undefined;
  const { child, grouped } = spawn(argv, options);
  const kill = () => killTree(child, grouped, before);
  const signals = endWithSignals(kill);
  const stdout = readStream(child.stdout, options.maxStdoutBytes, () => {
    void kill();
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
      signals.ended,
    ]);
    if (typeof first === "number") throw new Ended(first, "signal while a command ran");
    if (first === "timeout") {
      await kill();
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
    signals.stop();
  }
}

/** Signals a run-attached child is sent when we get them (Ctrl-C reaches it from the terminal). */
const PASSED_ON: readonly Deno.Signal[] = ["SIGTERM", "SIGHUP"];

/** Runs a child on our terminal and resolves to its exit status (see `Context.runAttached`). */
export async function runAttached(
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
