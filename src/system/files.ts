/**
 * The real file system, as `Context.fs` describes it: small reads in this
 * thread, atomic writes (temp file, fsync, rename), OS file locks.
 *
 * @module
 */

import type { FileInfo, FileSystem } from "../context.ts";
import { collectCapped } from "../bytes.ts";

/** `f()` as a promise: its error a rejection, never thrown at the caller. */
function settled<T>(f: () => T): Promise<T> {
  try {
    return Promise.resolve(f());
  } catch (e) {
    return Promise.reject(e);
  }
}

/** See `FileSystem.ensureDir`. */
async function ensureDir(path: string, mode: number): Promise<void> {
  // A folder the user made (SORACOM_PROFILE_DIR, ...) keeps its mode; one we make gets `mode`.
  const existing = await Deno.stat(path).catch(() => undefined);
  if (existing?.isDirectory) return;
  await Deno.mkdir(path, { recursive: true, mode });
  if (Deno.build.os !== "windows") await Deno.chmod(path, mode);
}

/** See `FileSystem.writeFileAtomic`. */
async function writeFileAtomic(path: string, data: Uint8Array, mode: number): Promise<void> {
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
}

/** See `FileSystem.lock`. */
async function lock(path: string, mode: number): Promise<() => void> {
  const file = await Deno.open(path, { read: true, write: true, create: true, mode });
  try {
    await file.lock(true);
  } catch (e) {
    file.close();
    throw e;
  }
  return () => file.close(); // closing the file releases the lock
}

/** See `FileSystem.remove`. */
async function remove(path: string): Promise<boolean> {
  try {
    await Deno.remove(path);
    return true;
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return false;
    throw e;
  }
}

/**
 * See `FileSystem.readDir`. In this thread, as the reads are: the session
 * folder is listed on every command that opens the cache (for interrupted
 * writes to clean).
 */
function readDir(path: string): string[] {
  const names: string[] = [];
  try {
    for (const entry of Deno.readDirSync(path)) names.push(entry.name);
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return [];
    throw e;
  }
  return names;
}

/** Reads `file` to its end, or `undefined` once more than `max` bytes came. */
export function readCapped(
  file: { read(p: Uint8Array): Promise<number | null> },
  max: number,
): Promise<Uint8Array | undefined> {
  return collectCapped(
    (async function* () {
      for (;;) {
        const buffer = new Uint8Array(64 * 1024);
        const n = await file.read(buffer);
        if (n === null) return;
        yield buffer.subarray(0, n);
      }
    })(),
    max,
  );
}

/**
 * See `FileSystem.readFileCapped`. Opened and read in this thread, like the
 * other reads of small local files (a session, the hashing key, a profile):
 * each async step would be a hop to Deno's blocking pool and back on every
 * warm command.
 */
async function readFileCapped(
  path: string,
  max: number,
  options?: { readonly noFollow?: boolean },
): Promise<Uint8Array | undefined> {
  const link = options?.noFollow ? Deno.lstatSync(path) : undefined;
  if (link?.isSymlink) throw new Deno.errors.PermissionDenied(`${path} is a symbolic link`);
  using file = Deno.openSync(path, { read: true });
  // The file opened must be the one looked at: not swapped for a link in between.
  if (link && link.ino !== null) {
    const opened = file.statSync();
    if (opened.ino !== link.ino || opened.dev !== link.dev) {
      throw new Deno.errors.PermissionDenied(`${path} changed while it was opened`);
    }
  }
  return await collectCapped(
    (function* () {
      for (;;) {
        const buffer = new Uint8Array(Math.min(64 * 1024, max + 1));
        const n = file.readSync(buffer);
        if (n === null || n === 0) return;
        yield buffer.subarray(0, n);
      }
    })(),
    max,
  );
}

/** What `Deno.statSync`/`lstatSync` say of `path`, in `FileInfo` terms; null when it is missing. */
function infoOf(path: string, follow: boolean): FileInfo | null {
  try {
    const info = follow ? Deno.statSync(path) : Deno.lstatSync(path);
    const posix = Deno.build.os !== "windows";
    return {
      isFile: info.isFile,
      size: info.size,
      mode: posix ? info.mode : null,
      isSymlink: info.isSymlink,
      uid: posix ? info.uid : null,
      mtime: info.mtime?.getTime() ?? null,
    };
  } catch (e) {
    if (e instanceof Deno.errors.NotFound) return null;
    throw e;
  }
}

/** The file system of this machine. */
export function realFileSystem(): FileSystem {
  return {
    // Reads and stats are of small local files (a profile, a session) on every
    // command: done in this thread they skip a hop to Deno's blocking pool and
    // back, a few milliseconds of a warm command on a busy machine.
    readFile: (path) => settled(() => Deno.readFileSync(path)),
    stat: (path) => settled(() => infoOf(path, true)),
    lstat: (path) => settled(() => infoOf(path, false)),
    readFileCapped,
    ensureDir,
    writeFileAtomic,
    lock,
    remove,
    readDir: (path) => settled(() => readDir(path)),
  };
}
