/**
 * The session cache: one file per identity (a SHA-256 of who logged in and
 * where, keyed with the folder's secret key and the password or AuthKey,
 * never the secret itself), mode 0600 in a 0700 folder, written atomically. A lock file per
 * identity makes parallel runs wait for one login instead of each logging in.
 *
 * Nothing is trusted that another user could have put there: a folder that is
 * a link, another user's, or writable by others turns the cache off (with a
 * warning); a session file that is a link, not ours, or not made for the
 * identity and endpoint asked for is not used.
 *
 * Folder: `$SORACOM_SESSION_DIR`, else the platform's cache folder:
 * `$XDG_CACHE_HOME/soracom/sessions` or `~/.cache/soracom/sessions` (Linux),
 * `~/Library/Caches/soracom/sessions` (macOS), `%LOCALAPPDATA%\soracom\sessions` (Windows).
 *
 * @module
 */

import { atomicLeftovers, type Context, type FileInfo } from "../context.ts";
import { parseJsonData } from "../json/mod.ts";
import { CliError } from "../errors.ts";
import type { Session } from "./login.ts";
import type { CachedSessionFile } from "./session_zod.ts";
import { parseCachedSession } from "./validators.generated.ts";
import { messages, said } from "../messages.ts";
import type { Keyring } from "./keyring.ts";

/** This OS's keyring, loaded only when asked for (most runs keep sessions in files). */
async function loadKeyring(ctx: Context): Promise<Keyring> {
  return (await import("./keyring.ts")).osKeyring(ctx);
}

/** A session as stored, with what logout and renewal need. */
export type CachedSession =
  & Omit<CachedSessionFile, "version" | "identity" | "store" | "apiKey" | "token">
  & { readonly apiKey: string; readonly token: string };

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

/** Who a session is for: the identity's details, and the secret it logs in with, if known. */
export interface SessionIdentity {
  /** Who logs in and where (no secret), as one string. */
  readonly who: string;
  /** The password or AuthKey: only a keyed hash of it goes into the key. */
  readonly secret?: string;
}

/**
 * The file name for an identity: hex SHA-256, so no identity detail shows in
 * the folder. WebCrypto's first call in a process costs a warm command no more
 * than the hand-written SHA-256 it replaced (Deno 2.9.6, medians of 21 fresh
 * processes: 1.8 ms against 2.4 ms, the whole process 58.7 ms against 60.9 ms).
 */
export async function sessionKey(identity: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(identity));
  return new Uint8Array(digest).toHex();
}

/** Why a folder or file of the cache cannot be trusted, or undefined when it can. */
function distrust(
  info: FileInfo,
  me: number | undefined,
): "link" | "owner" | "writable" | undefined {
  if (info.isSymlink) return "link";
  if (me !== undefined && info.uid !== undefined && info.uid !== null && info.uid !== me) {
    return "owner";
  }
  if (info.mode !== null && (info.mode & 0o022) !== 0) return "writable";
  return undefined;
}

/**
 * The keyring `SORACOM_SESSION_STORE=keyring` asks for, or undefined for the
 * file (the default, also "file").
 */
async function sessionKeyring(ctx: Context): Promise<Keyring | undefined> {
  const store = ctx.env("SORACOM_SESSION_STORE") ?? "";
  if (store === "" || store === "file") return undefined;
  if (store !== "keyring") {
    throw new CliError("config", said("sessionStoreInvalid", JSON.stringify(store)));
  }
  return await loadKeyring(ctx);
}

/** The file of the key for hashing secrets into identities (32 random bytes, hex). */
const IDENTITY_KEY_FILE = "identity.key";

/** The files of ours in the cache folder an atomic write may be interrupted in: sessions, the hashing key. */
const WRITTEN = "[0-9a-f]{64}\\.json|identity\\.key";

/** Reads, writes and locks cached sessions in one folder. */
export class SessionCache {
  /**
   * A cache in folder `dir`, keeping API keys and tokens in `keyring` when
   * given; {@link SessionCache.open} checks the folder first.
   */
  constructor(
    private readonly ctx: Context,
    readonly dir: string,
    private readonly keyring?: Keyring,
    private readonly me: number | undefined = ctx.userId(),
  ) {}

  /**
   * The cache in `dir`, or undefined (after a warning on stderr) when the
   * folder is a link, another user's, or writable by others.
   */
  static async open(ctx: Context, dir: string): Promise<SessionCache | undefined> {
    // Asked first, so a missing --allow-sys=uid shows on the first run, not once the folder exists.
    const me = ctx.userId();
    const info = await ctx.fs.lstat(dir);
    const why = info === null ? undefined : distrust(info, me);
    if (why !== undefined) {
      ctx.stderr.write(`${messages(ctx.lang).sessionDirDistrusted(dir, why)}\n`);
      return undefined;
    }
    return new SessionCache(ctx, dir, await sessionKeyring(ctx), me);
  }

  #path(key: string): string {
    return `${this.dir}/${key}.json`;
  }

  /**
   * The key (file name) for `identity`: its details and a keyed hash of its
   * secret, so a wrong password or AuthKey never finds the right one's session,
   * and the folder tells nothing of either. With `lookOnly`, undefined when the
   * folder has no hashing key.
   */
  async keyFor(identity: SessionIdentity, lookOnly = false): Promise<string | undefined> {
    if (identity.secret === undefined) return sessionKey(identity.who);
    // Looking writes nothing: without a hashing key yet, no session of a secret can be there.
    const key = await this.#identityKey(!lookOnly);
    if (key === undefined) return undefined;
    // One SHA-256 over the details, the folder's secret key and the secret: a keyed hash (no one
    // without the key can test a guess), and one hash, as every warm command pays for it.
    return sessionKey(JSON.stringify([identity.who, key, identity.secret]));
  }

  /** The folder's hashing key, made on first use (under a lock, so parallel runs agree). */
  async #identityKey(create: boolean): Promise<string | undefined> {
    const path = `${this.dir}/${IDENTITY_KEY_FILE}`;
    const read = async () => {
      const bytes = await this.#readOwn(path, 256, false);
      const text = bytes && new TextDecoder().decode(bytes).trim();
      return text !== undefined && /^[0-9a-f]{64}$/.test(text) ? text : undefined;
    };
    const found = await read();
    if (found !== undefined || !create) return found;
    return await this.withLock("identity", async () => {
      const now = await read();
      if (now !== undefined) return now;
      const made = crypto.getRandomValues(new Uint8Array(32)).toHex();
      await this.ctx.fs.writeFileAtomic(path, new TextEncoder().encode(made), 0o600);
      return made;
    });
  }

  /**
   * The cached session for `key`, or undefined: missing, unreadable, larger
   * than a session file can be, a link, not ours, or made for another identity
   * or (when `endpoint` is given) another endpoint.
   */
  async get(key: string, endpoint?: string): Promise<CachedSession | undefined> {
    const parsed = await this.#stored(key, true);
    if (parsed === undefined || parsed.identity !== key) return undefined;
    if (endpoint !== undefined && parsed.endpoint !== endpoint) return undefined;
    const { version: _v, identity: _i, store, apiKey, token, ...rest } = parsed;
    const keys = store === "keyring"
      ? await this.#fromKeyring(key).catch(() => undefined)
      : { apiKey, token };
    if (!keys?.apiKey || !keys.token) return undefined;
    return { ...rest, apiKey: keys.apiKey, token: keys.token };
  }

  /** The API key and token the keyring holds for `key` (none when the keyring is off). */
  async #fromKeyring(key: string): Promise<{ apiKey: string; token: string } | undefined> {
    const secret = await this.keyring?.get(key);
    if (secret === undefined) return undefined;
    const keys: unknown = JSON.parse(new TextDecoder().decode(Uint8Array.fromBase64(secret)));
    if (keys === null || typeof keys !== "object") return undefined;
    const { apiKey, token } = keys as Record<string, unknown>;
    return typeof apiKey === "string" && typeof token === "string" ? { apiKey, token } : undefined;
  }

  /**
   * Stores `session` under `key` (atomically, mode 0600), bound to that key;
   * with a keyring, its API key and token go there (the file, if the keyring fails).
   */
  async put(key: string, session: CachedSession): Promise<void> {
    await this.ctx.fs.ensureDir(this.dir, 0o700);
    let stored: Omit<CachedSessionFile, "version" | "identity"> = session;
    if (this.keyring) {
      const { apiKey, token, ...rest } = session;
      try {
        const keys = new TextEncoder().encode(JSON.stringify({ apiKey, token }));
        await this.keyring.set(key, keys.toBase64());
        stored = { ...rest, store: "keyring" };
      } catch (e) {
        const why = e instanceof Error ? e.message : String(e);
        const m = messages(this.ctx.lang);
        this.ctx.stderr.write(`${m.keyringFailed(this.keyring.name, why)}\n`);
      }
    }
    const data = JSON.stringify({ version: 2, identity: key, ...stored });
    await this.ctx.fs.writeFileAtomic(this.#path(key), new TextEncoder().encode(data), 0o600);
  }

  /** Deletes the session under `key`, if any. */
  async drop(key: string): Promise<void> {
    if (await this.#inKeyring(key)) await this.keyring?.delete(key).catch(() => {});
    await this.ctx.fs.remove(this.#path(key));
  }

  /** True when the file of `key` says its API key and token are in the keyring. */
  async #inKeyring(key: string): Promise<boolean> {
    return (await this.#stored(key, false))?.store === "keyring";
  }

  /**
   * The session file of `key` as the check generated from session_zod.ts
   * reads it, or undefined (not there, not ours, or a file it turns down). With
   * `privateOnly`, a file others may read is deleted instead.
   */
  async #stored(key: string, privateOnly: boolean): Promise<CachedSessionFile | undefined> {
    try {
      const bytes = await this.#readOwn(this.#path(key), MAX_SESSION_BYTES, privateOnly);
      return bytes && parseCachedSession(parseJsonData(new TextDecoder().decode(bytes)));
    } catch {
      return undefined;
    }
  }

  /**
   * The bytes of `path` when it is a file of ours (not a link, not another
   * user's, not writable by others) of at most `max` bytes, read without
   * following links and no further than `max` (the file may have grown).
   * With `privateOnly`, a file others may read is deleted, and undefined.
   */
  async #readOwn(path: string, max: number, privateOnly: boolean) {
    const info = await this.ctx.fs.lstat(path);
    if (info === null || !info.isFile || info.size > max) return undefined;
    if (distrust(info, this.me) !== undefined) return undefined;
    if (privateOnly && info.mode !== null && (info.mode & 0o077) !== 0) {
      await this.ctx.fs.remove(path);
      return undefined;
    }
    return await this.ctx.fs.readFileCapped(path, max, { noFollow: true });
  }

  /**
   * Deletes the session for `key` and its lock file, for good (logout,
   * unconfigure): `false` when no session was there.
   */
  async forget(key: string): Promise<boolean> {
    // The keyring's entry goes too, whether or not the keyring is still asked for.
    if (await this.#inKeyring(key)) {
      const keyring = this.keyring ?? await loadKeyring(this.ctx);
      await keyring.delete(key).catch(() => {});
    }
    const removed = await this.ctx.fs.remove(this.#path(key));
    await this.ctx.fs.remove(`${this.dir}/${key}.lock`);
    // With the last session gone, its hashing key goes too: the folder is left as it was found.
    // (A run hashing with it at this moment makes a session no one finds: one login more, once.)
    if ((await this.keys()).length === 0) {
      await this.ctx.fs.remove(`${this.dir}/${IDENTITY_KEY_FILE}`);
      await this.ctx.fs.remove(`${this.dir}/identity.lock`);
    }
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

  /**
   * The temp files of ours (sessions, the hashing key) that interrupted writes
   * left, at least `minAgeMs` old: a younger one may be a write still going on.
   */
  leftovers(minAgeMs: number): Promise<string[]> {
    return atomicLeftovers(this.ctx, this.dir, WRITTEN, minAgeMs);
  }

  /**
   * The session a leftover temp file (of {@link leftovers}) holds with its
   * API key and token, or undefined: not ours, not a session, or its keys in
   * the keyring.
   */
  async leftoverSession(name: string): Promise<CachedSession | undefined> {
    try {
      const bytes = await this.#readOwn(`${this.dir}/${name}`, MAX_SESSION_BYTES, false);
      const parsed = bytes && parseCachedSession(parseJsonData(new TextDecoder().decode(bytes)));
      if (parsed === undefined || !parsed.apiKey || !parsed.token) return undefined;
      const { version: _v, identity: _i, store: _s, apiKey, token, ...rest } = parsed;
      return { ...rest, apiKey, token };
    } catch {
      return undefined;
    }
  }

  /** Deletes a leftover temp file (of {@link leftovers}). */
  async removeLeftover(name: string): Promise<void> {
    await this.ctx.fs.remove(`${this.dir}/${name}`);
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
      () => this.ctx.stderr.write(`${messages(this.ctx.lang).waitingForLogin}\n`),
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
