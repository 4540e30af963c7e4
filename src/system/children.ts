/**
 * Child processes: `run` (a profileCommand or mfaOTPCommand, output captured,
 * killed with everything it started on timeout) and `runAttached` (`soracom
 * exec`, on our terminal).
 *
 * @module
 */

import type { CommandResult, RunOptions } from "../context.ts";
import { CliError } from "../errors.ts";
import { said } from "../messages.ts";
import { concatBytes } from "./files.ts";

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
    return concatBytes(chunks, total);
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

/** Runs a child with its output captured (see `Context.run`). */
export async function runChild(
  argv: readonly string[],
  options: RunOptions,
): Promise<CommandResult> {
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
