/**
 * `deno task smoke`: the shipped program's main paths against the loopback
 * SORACOM emulator, as the release workflow runs them on each target's own
 * runner before anything is published.
 *
 * ```sh
 * deno task smoke --binary dist/1.0.0/soracom_1.0.0_linux_amd64   # an executable
 * deno task smoke                     # here: the bundle under the release permissions
 * ```
 *
 * Checks, each one line `ok N - ...` or `not ok N - ...` (exit 1 if any fails):
 * `--version`; a profileCommand + mfaOTPCommand login (a stand-in password
 * manager run through Deno, so no shell or jq is needed: it runs on Windows
 * too); a second call served from the cached session (one request, no
 * password manager); `--fetch-all` across pages; the API's permission-denied
 * error as one `Error:` line; `self-update` against a fake releases server
 * (up to date; a release signed by an untrusted key refused, nothing replaced).
 *
 * @module
 */

import { startEmulator } from "../src/emulator/server.ts";
import { realContext } from "../src/system/real.ts";
import { releaseOf, startFakeReleases } from "./fake_releases.ts";
import { FAKE_OP_SCRIPT, writeFakeOpItems } from "./fake_op.ts";
import { SCRIPT_OP_ITEMS, SCRIPT_OPERATORS } from "./emulator_accounts.ts";
import { PERMISSION_FLAGS } from "../src/permissions.ts";
import { readArgs } from "./args.ts";
import { VERSION, VERSION_LINE } from "../src/version.ts";

/** One run's outcome. */
interface Ran {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** A check's name and whether it held (with what was seen when it did not). */
export interface Check {
  readonly name: string;
  readonly ok: boolean;
  readonly detail?: string;
}

/** How the program under test is started: its command line before the arguments. */
export type Program = readonly string[];

/** Runs `program ARGS` with `env` added, stdin closed; what it printed and its exit code. */
export async function run(
  program: Program,
  args: string[],
  env: Record<string, string>,
): Promise<Ran> {
  const out = await new Deno.Command(program[0], {
    args: [...program.slice(1), ...args],
    env,
    stdin: "null",
    stdout: "piped",
    stderr: "piped",
  }).output();
  const text = (b: Uint8Array) => new TextDecoder().decode(b);
  return { code: out.code, stdout: text(out.stdout), stderr: text(out.stderr) };
}

/** The stand-in `op` as a command line soracom can run (single-quoted: Windows paths). */
function fakeOp(args: string): string {
  const deno = Deno.execPath();
  return `'${deno}' run --quiet --allow-env --allow-read --allow-write '${FAKE_OP_SCRIPT}' ${args}`;
}

/** Runs every check against `program` in the folder `dir`; the results, in order. */
export async function smoke(program: Program, dir: string): Promise<Check[]> {
  const checks: Check[] = [];
  const check = (name: string, ok: boolean, ran?: Ran) =>
    checks.push({ name, ok, detail: ok ? undefined : JSON.stringify(ran) });
  const api = await startEmulator(realContext(), { sims: 250, operators: SCRIPT_OPERATORS });
  const releases: { close(): Promise<void> }[] = [];
  try {
    const profiles = `${dir}/profiles`;
    await Deno.mkdir(profiles, { recursive: true, mode: 0o700 });
    const log = `${dir}/op.log`;
    const profile = {
      profileCommand: fakeOp("item get soracom-power-sam-user --soracom-profile"),
      mfaOTPCommand: fakeOp("item get soracom-power-sam-user --otp"),
    };
    // A profile as `configure` writes it: 0600 (soracom, like soracom-cli, refuses an open one).
    await Deno.writeTextFile(`${profiles}/smoke.json`, JSON.stringify(profile), { mode: 0o600 });
    if (Deno.build.os !== "windows") await Deno.chmod(`${profiles}/smoke.json`, 0o600);
    const env = {
      HOME: dir,
      USERPROFILE: dir,
      LOCALAPPDATA: dir,
      SORACOM_PROFILE_DIR: profiles,
      SORACOM_SESSION_DIR: `${dir}/sessions`,
      SORACOM_ENDPOINT: api.url,
      FAKE_OP_LOG: log,
      FAKE_OP_ITEMS: await writeFakeOpItems(dir, SCRIPT_OP_ITEMS),
      PATH: Deno.env.get("PATH") ?? "",
      SYSTEMROOT: Deno.env.get("SYSTEMROOT") ?? "",
    };
    const version = await run(program, ["--version"], env);
    check("--version", version.code === 0 && version.stdout === VERSION_LINE, version);

    const opRuns = async () =>
      (await Deno.readTextFile(log).catch(() => "")).split("\n").filter(Boolean).length;
    const first = await run(program, ["--profile", "smoke", "soralets", "list"], env);
    const logins = api.log.filter((l) => l.path === "/v1/auth").length;
    check(
      "profileCommand + mfaOTPCommand login (MFA user)",
      first.code === 0 && first.stdout.includes('"soraletId"') && logins === 1,
      first,
    );
    const before = api.log.length;
    const opBefore = await opRuns();
    const second = await run(program, ["--profile", "smoke", "soralets", "list"], env);
    check(
      "second call from the cached session: one request, no password manager",
      second.code === 0 && api.log.length - before === 1 && await opRuns() === opBefore,
      second,
    );

    const all = await run(program, [
      "--profile",
      "smoke",
      "subscribers",
      "list",
      "--limit",
      "100",
      "--fetch-all",
    ], env);
    const items = (() => {
      try {
        const list: unknown = JSON.parse(all.stdout);
        return Array.isArray(list) ? list.length : -1;
      } catch {
        return -1;
      }
    })();
    check("--fetch-all: 250 subscribers across 3 pages", items === 250, all);

    const denied = await run(program, [
      "--profile",
      "smoke",
      "operator",
      "get",
      "--operator-id",
      "OP9999999999",
    ], env);
    check(
      "permission denied: one Error: line, exit 5",
      denied.code === 5 && /^Error: .*COM0003/.test(denied.stderr) &&
        denied.stderr.trimEnd().split("\n").length === 1,
      denied,
    );

    const target = `${dir}/soracom-copy`;
    await Deno.writeTextFile(target, "old");
    for (const [tag, signature] of [[VERSION, "test"], ["99.0.0", "untrusted"]] as const) {
      const fake = startFakeReleases(
        await releaseOf(tag, new TextEncoder().encode("new"), {
          signature,
        }),
      );
      releases.push(fake);
      const updated = await run(program, ["self-update", "--yes"], {
        ...env,
        SORACOM_RELEASES_URL: fake.url,
        SORACOM_SELF_UPDATE_TARGET: target,
      });
      const unchanged = await Deno.readTextFile(target) === "old";
      check(
        tag === VERSION
          ? "self-update: up to date"
          : "self-update: a release signed by an untrusted key is refused, nothing replaced",
        unchanged &&
          (tag === VERSION
            ? updated.code === 0 && updated.stdout.includes("is up to date")
            : updated.code === 5 && updated.stderr.includes("does not trust")),
        updated,
      );
    }
  } finally {
    await api.close();
    for (const r of releases) await r.close();
  }
  return checks;
}

/** The bundle, built into `dir`, run as the release runs it (its permission flags). */
async function bundleProgram(dir: string): Promise<Program> {
  const { bundle } = await import("./bundle.ts");
  const file = await bundle(`${dir}/soracom.js`);
  return [Deno.execPath(), "run", "--quiet", "--no-config", ...PERMISSION_FLAGS, file];
}

if (import.meta.main) {
  let binary: string | undefined;
  try {
    binary = readArgs(Deno.args, { binary: { type: "string" } }).values.binary;
  } catch (e) {
    console.error(`Error: ${(e as Error).message}\nusage: deno task smoke [--binary FILE]`);
    Deno.exit(2);
  }
  const dir = await Deno.makeTempDir({ prefix: "soracom-smoke-" });
  let failed = 0;
  try {
    const program = binary !== undefined ? [binary] : await bundleProgram(dir);
    const checks = await smoke(program, dir);
    checks.forEach((c, i) => {
      console.log(`${c.ok ? "ok" : "not ok"} ${i + 1} - ${c.name}`);
      if (!c.ok) console.log(`  # ${c.detail}`);
    });
    failed = checks.filter((c) => !c.ok).length;
    console.log(`${checks.length - failed} passed, ${failed} failed`);
  } finally {
    await Deno.remove(dir, { recursive: true }).catch(() => {});
  }
  Deno.exit(failed === 0 ? 0 : 1);
}
