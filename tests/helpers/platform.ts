/**
 * What a test needs of the machine beyond Deno, and how it says so: the
 * helpers that spawn `setsid`, `script`, `/bin/sh` stand-ins or shells, or
 * read POSIX modes, run only where those exist. {@link testWhere} registers a
 * test that is ignored elsewhere, with the reason in its name; the helpers
 * themselves refuse to run where they cannot ({@link requireNeeds}), so a test
 * that forgot to declare a need fails with a message saying which.
 *
 * @module
 */

/** Something a test needs of the machine. */
export type Need =
  | "setsid" // util-linux: a child without a controlling terminal (runSoracom)
  | "script" // util-linux: a pseudo-terminal (runInPty)
  | "/bin/sh" // stand-in op, profileCommand pipelines
  | "posix-modes" // file permission bits (0600, 0700)
  | "bash"
  | "zsh"
  | "fish"
  | "jq"
  | "minisign" // to check our release signatures with the reference tool
  | "pgrep" // procps: to see that no child process is left running
  | "tmux" // a real terminal for a real interactive shell (Tab completion)
  | "secret-tool" // libsecret-tools: a real Secret Service keyring, with...
  | "gnome-keyring-daemon" // ...a keyring daemon to serve it, on...
  | "dbus-run-session" // ...a D-Bus session bus of its own
  | "root"; // to give a file to another user (chown), as an attacker's file would be

const LINUX_ONLY: ReadonlySet<Need> = new Set(["setsid", "script"]);
const POSIX_ONLY: ReadonlySet<Need> = new Set(["/bin/sh", "posix-modes"]);

/** Whether `program` is on PATH (as an executable file). */
function onPath(program: string): boolean {
  const separator = Deno.build.os === "windows" ? ";" : ":";
  for (const dir of (Deno.env.get("PATH") ?? "").split(separator)) {
    try {
      if (Deno.statSync(`${dir}/${program}`).isFile) return true;
    } catch { /* not here */ }
  }
  return false;
}

/** Why `need` is not met here, or `undefined` when it is. */
function unmet(need: Need): string | undefined {
  if (LINUX_ONLY.has(need) && Deno.build.os !== "linux") return `${need} (util-linux)`;
  if (POSIX_ONLY.has(need) && Deno.build.os === "windows") return need;
  if (need === "root") return Deno.uid() === 0 ? undefined : "root (chown to another user)";
  if (!LINUX_ONLY.has(need) && !POSIX_ONLY.has(need) && !onPath(need)) return `${need} on PATH`;
  return undefined;
}

/** The needs of `needs` this machine does not meet. */
export function unmetNeeds(needs: readonly Need[]): string[] {
  return needs.map(unmet).filter((why): why is string => why !== undefined);
}

/** Throws, naming what is missing, when a helper is run where it cannot work. */
export function requireNeeds(helper: string, ...needs: Need[]): void {
  const missing = unmetNeeds(needs);
  if (missing.length > 0) {
    throw new Error(
      `${helper} needs ${missing.join(", ")}, missing on ${Deno.build.os}: ` +
        `register the test with testWhere([${needs.map((n) => `"${n}"`).join(", ")}], ...)`,
    );
  }
}

/**
 * `Deno.test(name, fn)`, ignored where `needs` are not met, with the reason
 * in its name (as the tests that need ../shared say so in theirs).
 */
export function testWhere(
  needs: readonly Need[],
  name: string,
  fn: (t: Deno.TestContext) => void | Promise<void>,
): void {
  const missing = unmetNeeds(needs);
  Deno.test({
    name: missing.length === 0
      ? name
      : `${name} (IGNORED on ${Deno.build.os}: needs ${missing.join(", ")})`,
    ignore: missing.length > 0,
    fn,
  });
}

/**
 * What a child with a cleared environment still needs on Windows (Winsock, a
 * temp folder, program lookup); nothing elsewhere.
 */
export function systemEnv(): Record<string, string> {
  if (Deno.build.os !== "windows") return {};
  const names = ["SYSTEMROOT", "SystemDrive", "WINDIR", "TEMP", "TMP", "PATHEXT", "COMSPEC"];
  return Object.fromEntries(
    names.flatMap((n) => {
      const v = Deno.env.get(n);
      return v === undefined ? [] : [[n, v]];
    }),
  );
}
