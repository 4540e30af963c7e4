/**
 * The OS keyring, for `SORACOM_SESSION_STORE=keyring`: a session's API key and
 * token go there instead of into its cache file (which keeps only who, where
 * and until when). macOS: the login Keychain (`security`); Windows: the
 * Credential Manager (PowerShell calling `CredWriteW`/`CredReadW`); Linux and
 * others: the Secret Service (`secret-tool`, libsecret). Secrets travel on the
 * tool's stdin, never on a command line other users could read with `ps`.
 * Any failure is thrown; the session cache falls back to the file.
 *
 * @module
 */

import type { Context } from "../context.ts";

/** The service name every entry is stored under. */
const SERVICE = "soracom-cli-ts";
/** How long a keyring tool may take (it may show an unlock dialog). */
const TIMEOUT_MS = 60_000;

/** A place for secrets, keyed by account name. */
export interface Keyring {
  /** Its name, for messages. */
  readonly name: string;
  /** The secret of `account`, or undefined when there is none. */
  get(account: string): Promise<string | undefined>;
  /** Stores `secret` for `account`, replacing any. */
  set(account: string, secret: string): Promise<void>;
  /** Deletes the secret of `account`, if any. */
  delete(account: string): Promise<void>;
}

/** Runs a keyring tool; its output, or an error naming it with its exit status. */
async function tool(ctx: Context, argv: string[], input?: string) {
  const result = await ctx.run(argv, {
    timeoutMs: TIMEOUT_MS,
    maxStdoutBytes: 64 * 1024,
    interactive: false,
    input: input === undefined ? undefined : new TextEncoder().encode(input),
  });
  return { code: result.code, out: new TextDecoder().decode(result.stdout) };
}

function failed(name: string, code: number): Error {
  return new Error(`${name} exited with status ${code}`);
}

/** The Secret Service through `secret-tool`. */
function secretService(ctx: Context): Keyring {
  const attributes = (account: string) => ["service", SERVICE, "account", account];
  return {
    name: "Secret Service (secret-tool)",
    async get(account) {
      const { code, out } = await tool(ctx, ["secret-tool", "lookup", ...attributes(account)]);
      // secret-tool says 1 both for "none" and for a failure: a failure shows as no session.
      return code === 0 && out !== "" ? out : undefined;
    },
    async set(account, secret) {
      const argv = ["secret-tool", "store", "--label=soracom session", ...attributes(account)];
      const { code } = await tool(ctx, argv, secret);
      if (code !== 0) throw failed("secret-tool", code);
    },
    async delete(account) {
      await tool(ctx, ["secret-tool", "clear", ...attributes(account)]);
    },
  };
}

/** The macOS Keychain through `security` (the secret goes in by `security -i` on stdin). */
function keychain(ctx: Context): Keyring {
  const entry = (account: string) => ["-s", SERVICE, "-a", account];
  return {
    name: "macOS Keychain (security)",
    async get(account) {
      const argv = ["security", "find-generic-password", ...entry(account), "-w"];
      const { code, out } = await tool(ctx, argv);
      if (code === 44) return undefined; // not in the keychain
      if (code !== 0) throw failed("security", code);
      return out.trimEnd();
    },
    async set(account, secret) {
      // `security -i` reads commands from stdin: the secret (base64, no spaces) is not in argv.
      const command = ["add-generic-password", "-U", ...entry(account), "-w", secret].join(" ");
      const { code } = await tool(ctx, ["security", "-i"], `${command}\n`);
      if (code !== 0) throw failed("security", code);
    },
    async delete(account) {
      await tool(ctx, ["security", "delete-generic-password", ...entry(account)]);
    },
  };
}

/** C# for PowerShell's Add-Type: the Credential Manager's generic credentials. */
const WINDOWS_CREDENTIALS = String.raw`
using System; using System.Runtime.InteropServices; using System.Text;
public static class SoracomCredentials {
  [StructLayout(LayoutKind.Sequential, CharSet = CharSet.Unicode)]
  struct Credential {
    public int Flags; public int Type; public string TargetName; public string Comment;
    public long LastWritten; public int BlobSize; public IntPtr Blob; public int Persist;
    public int AttributeCount; public IntPtr Attributes; public string TargetAlias; public string UserName;
  }
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredReadW(string target, int type, int flags, out IntPtr credential);
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredWriteW(ref Credential credential, int flags);
  [DllImport("advapi32.dll", CharSet = CharSet.Unicode, SetLastError = true)]
  static extern bool CredDeleteW(string target, int type, int flags);
  [DllImport("advapi32.dll")] static extern void CredFree(IntPtr credential);
  public static string Read(string target) {
    IntPtr p;
    if (!CredReadW(target, 1, 0, out p)) return null;
    try {
      Credential c = (Credential)Marshal.PtrToStructure(p, typeof(Credential));
      byte[] bytes = new byte[c.BlobSize];
      Marshal.Copy(c.Blob, bytes, 0, c.BlobSize);
      return Encoding.UTF8.GetString(bytes);
    } finally { CredFree(p); }
  }
  public static void Write(string target, string secret) {
    byte[] bytes = Encoding.UTF8.GetBytes(secret);
    Credential c = new Credential();
    c.Type = 1; c.TargetName = target; c.Persist = 2; c.UserName = "soracom";
    c.BlobSize = bytes.Length; c.Blob = Marshal.AllocHGlobal(bytes.Length);
    try {
      Marshal.Copy(bytes, 0, c.Blob, bytes.Length);
      if (!CredWriteW(ref c, 0)) throw new System.ComponentModel.Win32Exception();
    } finally { Marshal.FreeHGlobal(c.Blob); }
  }
  public static void Delete(string target) { CredDeleteW(target, 1, 0); }
}`;

/**
 * The PowerShell script for one operation, for `-EncodedCommand` (so no
 * quoting can go wrong). It holds no secret: `set` reads it from stdin.
 * `target` is our service name and a hex key.
 */
export function windowsScript(op: "get" | "set" | "delete", target: string): string {
  const call = {
    get: `$s = [SoracomCredentials]::Read('${target}'); if ($s -eq $null) { exit 44 }; ` +
      `[Console]::Out.Write($s)`,
    set: `[SoracomCredentials]::Write('${target}', [Console]::In.ReadToEnd())`,
    delete: `[SoracomCredentials]::Delete('${target}')`,
  }[op];
  return `$ErrorActionPreference = 'Stop'\nAdd-Type -TypeDefinition @'\n${WINDOWS_CREDENTIALS}\n'@\n${call}\n`;
}

/** `script` as PowerShell's `-EncodedCommand` takes it: base64 of UTF-16LE. */
function encodedCommand(script: string): string {
  const bytes = new Uint8Array(script.length * 2);
  for (let i = 0; i < script.length; i++) {
    bytes[2 * i] = script.charCodeAt(i) & 0xff;
    bytes[2 * i + 1] = script.charCodeAt(i) >> 8;
  }
  return bytes.toBase64();
}

/** The Windows Credential Manager through PowerShell (the secret on stdin). */
function credentialManager(ctx: Context): Keyring {
  const run = (op: "get" | "set" | "delete", account: string, input?: string) =>
    tool(ctx, [
      "powershell",
      "-NoProfile",
      "-NonInteractive",
      "-EncodedCommand",
      encodedCommand(windowsScript(op, `${SERVICE}:${account}`)),
    ], input);
  return {
    name: "Windows Credential Manager (PowerShell)",
    async get(account) {
      const { code, out } = await run("get", account);
      if (code === 44) return undefined;
      if (code !== 0) throw failed("powershell", code);
      return out.trim();
    },
    async set(account, secret) {
      const { code } = await run("set", account, secret);
      if (code !== 0) throw failed("powershell", code);
    },
    async delete(account) {
      await run("delete", account);
    },
  };
}

/** This OS's keyring. */
export function osKeyring(ctx: Context): Keyring {
  if (ctx.os === "darwin") return keychain(ctx);
  if (ctx.os === "windows") return credentialManager(ctx);
  return secretService(ctx);
}
