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
import { CliError } from "../errors.ts";
import type { Session } from "./login.ts";

/** A session as stored, with what logout and renewal need. */
export interface CachedSession {
  readonly apiKey: string;
  readonly token: string;
  readonly operatorId: string;
  readonly userName?: string;
  /** Milliseconds since the epoch. */
  readonly expiresAt: number;
  /** Lifetime asked for at login, in seconds (renewals ask for the same). */
  readonly lifetimeSeconds: number;
  readonly endpoint: string;
  /** Which profile or flag made it (shown by `logout`; not a secret). */
  readonly label: string;
}

/**
 * A cache file's content as a session, or `undefined` when it is not one of ours (version 1).
 * Checked by hand rather than with zod: this runs on every warm command, and loading zod
 * would cost it about 50 ms.
 */
function toCachedSession(value: unknown): CachedSession | undefined {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const text = (x: unknown): x is string => typeof x === "string";
  const ok = v.version === 1 &&
    text(v.apiKey) && v.apiKey !== "" &&
    text(v.token) && v.token !== "" &&
    text(v.operatorId) &&
    (v.userName === undefined || text(v.userName)) &&
    typeof v.expiresAt === "number" && Number.isFinite(v.expiresAt) &&
    Number.isSafeInteger(v.lifetimeSeconds) && (v.lifetimeSeconds as number) > 0 &&
    text(v.endpoint) &&
    text(v.label);
  if (!ok) return undefined;
  return {
    apiKey: v.apiKey as string,
    token: v.token as string,
    operatorId: v.operatorId as string,
    ...(v.userName === undefined ? {} : { userName: v.userName as string }),
    expiresAt: v.expiresAt as number,
    lifetimeSeconds: v.lifetimeSeconds as number,
    endpoint: v.endpoint as string,
    label: v.label as string,
  };
}

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
  if (!home) throw new CliError("config", "cannot find the home folder; set SORACOM_SESSION_DIR");
  return `${home}/.cache/soracom/sessions`;
}

/** The file name for an identity: hex SHA-256, so no identity detail shows in the folder. */
export async function sessionKey(identity: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(identity));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

/** Reads, writes and locks cached sessions in one folder. */
export class SessionCache {
  constructor(private readonly ctx: Context, readonly dir: string) {}

  #path(key: string): string {
    return `${this.dir}/${key}.json`;
  }

  /** The cached session for `key`, or undefined (missing, unreadable, or not ours). */
  async get(key: string): Promise<CachedSession | undefined> {
    const path = this.#path(key);
    const info = await this.ctx.fs.stat(path);
    if (info === null) return undefined;
    if (info.mode !== null && (info.mode & 0o077) !== 0) {
      await this.ctx.fs.remove(path);
      return undefined;
    }
    try {
      const value: unknown = JSON.parse(new TextDecoder().decode(await this.ctx.fs.readFile(path)));
      return toCachedSession(value);
    } catch {
      return undefined;
    }
  }

  async put(key: string, session: CachedSession): Promise<void> {
    await this.ctx.fs.ensureDir(this.dir, 0o700);
    const data = JSON.stringify({ version: 1, ...session });
    await this.ctx.fs.writeFileAtomic(this.#path(key), new TextEncoder().encode(data), 0o600);
  }

  async drop(key: string): Promise<void> {
    await this.ctx.fs.remove(this.#path(key));
  }

  /** Keys of every cached session. */
  async keys(): Promise<string[]> {
    return (await this.ctx.fs.readDir(this.dir))
      .filter((n) => /^[0-9a-f]{64}\.json$/.test(n))
      .map((n) => n.slice(0, -".json".length));
  }

  /**
   * Runs `fn` holding the lock for `key`, so parallel runs log in once. A lock
   * older than `staleMs` is taken over (its owner died).
   */
  async withLock<T>(key: string, staleMs: number, fn: () => Promise<T>): Promise<T> {
    await this.ctx.fs.ensureDir(this.dir, 0o700);
    const lock = `${this.dir}/${key}.lock`;
    const pid = new TextEncoder().encode(String(this.ctx.now()));
    for (let wait = 20;;) {
      if (await this.ctx.fs.createExclusive(lock, pid, 0o600)) break;
      const info = await this.ctx.fs.stat(lock);
      if (info !== null && this.ctx.now() - info.mtime > staleMs) {
        await this.ctx.fs.remove(lock);
        continue;
      }
      await this.ctx.sleep(wait);
      wait = Math.min(wait * 2, 250);
    }
    try {
      return await fn();
    } finally {
      await this.ctx.fs.remove(lock);
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
