/**
 * The session cache: one file per identity (a SHA-256 of who logged in and
 * where, never a secret), mode 0600 in a 0700 folder, written atomically.
 * A lock file per identity makes parallel runs wait for one login instead of
 * each logging in.
 *
 * Folder: `$SORACOM_SESSION_DIR`, else the platform's cache folder:
 * `$XDG_CACHE_HOME/soracom/sessions` or `~/.cache/soracom/sessions` (Linux),
 * `~/Library/Caches/soracom/sessions` (macOS), `%LOCALAPPDATA%\soracom\sessions` (Windows).
 *
 * @module
 */

import type { Context } from "../context.ts";
import { parseJsonData } from "../json/mod.ts";
import { CliError } from "../errors.ts";
import type { Session } from "./login.ts";
import type { CachedSessionFile } from "./session_zod.ts";
import { parseCachedSession } from "./validators.generated.ts";
import { sha256Hex } from "../sha256.ts";
import { messagesFor, said } from "../messages.ts";

/** A session as stored, with what logout and renewal need. */
export type CachedSession = Omit<CachedSessionFile, "version">;

/** How long a run waits for another run's login before it says so. */
const LOCK_NOTICE_MS = 2000;

/** The cache folder for this platform. */
export function sessionDir(ctx: Context): string {
  const override = ctx.env("SORACOM_SESSION_DIR");
  if (override) return override;
  const home = ctx.homeDir();
  if (ctx.os === "windows") {
    const local = ctx.env("LOCALAPPDATA");
    if (local) return `${local}\\soracom\\sessions`;
  } else if (ctx.os === "darwin" && home) {
    return `${home}/Library/Caches/soracom/sessions`;
  } else {
    const xdg = ctx.env("XDG_CACHE_HOME");
    if (xdg) return `${xdg}/soracom/sessions`;
  }
  if (!home) throw new CliError("config", said("noHomeSessions"));
  return `${home}/.cache/soracom/sessions`;
}

/** The most a session file may hold (one is about 1 KiB): a larger one is not read. */
const MAX_SESSION_BYTES = 64 * 1024;

/** The file name for an identity: hex SHA-256, so no identity detail shows in the folder. */
export function sessionKey(identity: string): string {
  return sha256Hex(new TextEncoder().encode(identity));
}

/** Reads, writes and locks cached sessions in one folder. */
export class SessionCache {
  /** A cache in folder `dir`. */
  constructor(private readonly ctx: Context, readonly dir: string) {}

  #path(key: string): string {
    return `${this.dir}/${key}.json`;
  }

  /**
   * The cached session for `key`, or undefined (missing, unreadable, larger
   * than a session file can be, or not ours).
   */
  async get(key: string): Promise<CachedSession | undefined> {
    const path = this.#path(key);
    const info = await this.ctx.fs.stat(path);
    if (info === null || info.size > MAX_SESSION_BYTES) return undefined;
    if (info.mode !== null && (info.mode & 0o077) !== 0) {
      await this.ctx.fs.remove(path);
      return undefined;
    }
    try {
      // Read no more than a session file can hold, whatever the size said (it may have grown).
      const bytes = await this.ctx.fs.readFileCapped(path, MAX_SESSION_BYTES);
      if (bytes === undefined) return undefined;
      const value: unknown = parseJsonData(new TextDecoder().decode(bytes));
      // The check generated from session_zod.ts: a file it turns down is not used.
      const parsed = parseCachedSession(value);
      if (parsed === undefined) return undefined;
      const { version: _v, ...session } = parsed;
      return session;
    } catch {
      return undefined;
    }
  }

  /** Stores `session` under `key` (atomically, mode 0600). */
  async put(key: string, session: CachedSession): Promise<void> {
    await this.ctx.fs.ensureDir(this.dir, 0o700);
    const data = JSON.stringify({ version: 1, ...session });
    await this.ctx.fs.writeFileAtomic(this.#path(key), new TextEncoder().encode(data), 0o600);
  }

  /** Deletes the session under `key`, if any. */
  async drop(key: string): Promise<void> {
    await this.ctx.fs.remove(this.#path(key));
  }

  /**
   * Deletes the session for `key` and its lock file, for good (logout,
   * unconfigure): `false` when no session was there.
   */
  async forget(key: string): Promise<boolean> {
    const removed = await this.ctx.fs.remove(this.#path(key));
    await this.ctx.fs.remove(`${this.dir}/${key}.lock`);
    return removed;
  }

  /** Deletes lock files whose session is gone (left by runs that never logged in). */
  async removeStrayLocks(): Promise<void> {
    const names = new Set(await this.ctx.fs.readDir(this.dir));
    for (const name of names) {
      const key = /^([0-9a-f]{64})\.lock$/.exec(name)?.[1];
      if (key !== undefined && !names.has(`${key}.json`)) {
        await this.ctx.fs.remove(`${this.dir}/${name}`);
      }
    }
  }

  /** Keys of every cached session. */
  async keys(): Promise<string[]> {
    return (await this.ctx.fs.readDir(this.dir))
      .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
      .map((n) => n.slice(0, -".json".length));
  }

  /**
   * Runs `fn` holding the lock for `key`, so parallel runs log in once. The lock
   * is the OS's (it dies with its process: Ctrl-C at a password prompt leaves
   * nothing behind); after two seconds of waiting, say why on stderr.
   */
  async withLock<T>(key: string, fn: () => Promise<T>): Promise<T> {
    await this.ctx.fs.ensureDir(this.dir, 0o700);
    const timer = setTimeout(
      () => this.ctx.stderr.write(`${messagesFor((n) => this.ctx.env(n)).waitingForLogin}\n`),
      LOCK_NOTICE_MS,
    );
    let release: () => void;
    try {
      release = await this.ctx.fs.lock(`${this.dir}/${key}.lock`, 0o600);
    } finally {
      clearTimeout(timer);
    }
    try {
      return await fn();
    } finally {
      release();
    }
  }
}

/** A live session from its cached form. */
export function toSession(cached: CachedSession): Session {
  return {
    apiKey: cached.apiKey,
    token: cached.token,
    operatorId: cached.operatorId,
    userName: cached.userName,
    expiresAt: cached.expiresAt,
  };
}
