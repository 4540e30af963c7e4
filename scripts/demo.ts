/**
 * `deno task demo`: a short tour of `soracom` against its own SORACOM API
 * emulator (`soracom emulator`, started in this process), with MFA and a
 * stand-in password manager, where one login and one one-time code last the
 * whole session, across profiles:
 *
 * 1. `soracom configure` writes a profile whose credentials and one-time code
 *    come from the password manager (a stand-in `op`, piped into jq), and logs
 *    in with it: the one login, the one code;
 * 2. `sims list --output table`, `update-speed-class` then `get`, tags, Harvest
 *    Data: each sends only its own request, and each change is seen by the next;
 * 3. two switch-user profiles on top of it switch from its cached session (no
 *    password manager, no code);
 * 4. `soracom auth status --all` shows every session.
 *
 * Each step shows the command, what it printed, the requests the emulator saw
 * and how often the password manager ran. Everything lives in a temporary
 * folder that is removed at the end. Needs Deno and jq, nothing else.
 *
 * @module
 */

import { startEmulator } from "../src/emulator/server.ts";
import { realContext } from "../src/system/real.ts";
import { installFakeOp, opRuns } from "./fake_op.ts";
import { SCRIPT_OP_ITEMS, SCRIPT_OPERATORS, switchProfile } from "./emulator_accounts.ts";
import { tempDir, writeProfile } from "./profile_files.ts";
import { REPO_ROOT } from "./file_path.ts";
import { run } from "./smoke.ts";

/** The README's 1Password profile: credentials from `op` through jq, the code from `op --otp`. */
const PROFILE_COMMAND =
  `/bin/sh -c "op item get soracom-power-sam-user --format json | jq '{username:.fields[1].value,password:.fields[0].value,operatorId:.fields[4].value}'"`;
const OTP_COMMAND = "op item get soracom-power-sam-user --otp";
/** At most this many lines of a command's output are shown. */
const SHOWN_LINES = 14;

function step(title: string): void {
  console.log(`\n=== ${title}`);
}

async function hasJq(): Promise<boolean> {
  try {
    const jq = new Deno.Command("jq", { args: ["--version"], stdout: "null", stderr: "null" });
    return (await jq.output()).success;
  } catch {
    return false;
  }
}

/** Runs `soracom ARGS` from this checkout, as a user would. */
function soracom(args: readonly string[], env: Record<string, string>) {
  return run([Deno.execPath(), "run", "--quiet", "-A", `${REPO_ROOT}/main.ts`], [...args], env);
}

function shown(text: string): string {
  const lines = text.trimEnd().split("\n");
  return lines.length <= SHOWN_LINES
    ? lines.join("\n")
    : [...lines.slice(0, SHOWN_LINES), `  … (${lines.length - SHOWN_LINES} more lines)`].join("\n");
}

/** What the tour needs at every step. */
interface Tour {
  readonly api: Awaited<ReturnType<typeof startEmulator>>;
  readonly env: Record<string, string>;
  readonly opLog: string;
}

/** An argument as a shell would need it written. */
function quoted(arg: string): string {
  return /^[\w@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", "'\\''")}'`;
}

/** Runs one command of the tour and shows what it did; its exit code. */
async function show(tour: Tour, args: readonly string[], note: string): Promise<number> {
  step(`soracom ${args.map(quoted).join(" ")}\n    (${note})`);
  const before = tour.api.log.length;
  const r = await soracom(args, tour.env);
  if (r.stdout.trim()) console.log(shown(r.stdout));
  if (r.stderr.trim()) console.error(r.stderr.trimEnd());
  console.log("requests the emulator saw:");
  for (const l of tour.api.log.slice(before)) {
    const fields = l.path === "/v1/auth"
      ? ` with ${Object.keys(JSON.parse(l.body)).sort().join(", ")}`
      : "";
    console.log(`  ${l.method} ${l.path}${fields}`);
  }
  console.log(`password manager runs so far: ${await opRuns(tour.opLog)}`);
  return r.code;
}

const IMSI = "440100000000001";
const SIM_COLUMNS = "[].{simId: simId, name: tags.name, status: status, speedClass: speedClass}";

/** The tour's commands, each with what it shows. */
const STEPS: readonly (readonly [readonly string[], string])[] = [
  [
    ["--profile", "demo", "sims", "list", "--output", "table", "--query", SIM_COLUMNS],
    "the first command logs in: the password manager runs twice (credentials, then the code)",
  ],
  [
    [
      "--profile",
      "demo",
      "subscribers",
      "update-speed-class",
      "--imsi",
      IMSI,
      "--speed-class",
      "s1.4xfast",
      "--query",
      "speedClass",
    ],
    "a change: the cached session, no login",
  ],
  [
    ["--profile", "demo", "subscribers", "get", "--imsi", IMSI, "--query", "speedClass"],
    "the next command sees it",
  ],
  [
    [
      "--profile",
      "demo",
      "subscribers",
      "put-tags",
      "--imsi",
      IMSI,
      "--body",
      '[{"tagName":"room","tagValue":"101"}]',
      "--query",
      "tags",
    ],
    "tags",
  ],
  [
    [
      "--profile",
      "demo",
      "api",
      "POST",
      `/sandbox/data/Subscriber/${IMSI}`,
      "--body",
      '{"temperature":21.5}',
      "--query",
      "time",
    ],
    "Harvest Data: what a device would send, put through the emulator's sandbox API",
  ],
  [
    ["--profile", "demo", "data", "get", "--imsi", IMSI, "--query", "[].content"],
    "Harvest Data, newest first",
  ],
  [
    ["--profile", "customer-a", "operator", "get", "--query", "operatorId"],
    "switch user, from demo's session: no password manager, no code",
  ],
  [
    ["--profile", "customer-b", "operator", "get", "--query", "operatorId"],
    "the same, for another profile",
  ],
];

async function tour(dir: string, tourOf: Omit<Tour, "env" | "opLog">): Promise<number> {
  const op = await installFakeOp(dir, SCRIPT_OP_ITEMS);
  const profiles = `${dir}/.soracom`;
  await Deno.mkdir(profiles, { mode: 0o700 });
  const env = {
    HOME: dir,
    PATH: op.path,
    SORACOM_ENDPOINT: tourOf.api.url,
    SORACOM_SESSION_DIR: `${dir}/sessions`,
    FAKE_OP_LOG: op.log,
  };
  const t: Tour = { ...tourOf, env, opLog: op.log };
  const configure = [
    "configure",
    "--profile",
    "demo",
    "--profile-command",
    PROFILE_COMMAND,
    "--mfa-otp-command",
    OTP_COMMAND,
  ];
  let code = await show(
    t,
    configure,
    "a profile with MFA: credentials and code from the password manager; nothing is sent yet",
  );
  for (const name of ["customer-a", "customer-b"]) {
    await writeProfile(profiles, name, switchProfile("demo"));
  }
  for (const [args, note] of STEPS) code ||= await show(t, args, note);
  step("soracom auth status --all   (sends nothing, shows no secret)");
  console.log((await soracom(["auth", "status", "--all"], env)).stdout.trimEnd());
  step("done: one login and one one-time code for the whole session, across three profiles");
  return code;
}

async function main(): Promise<number> {
  if (!await hasJq()) {
    console.error(
      "Error: the demo's profile pipes the password manager into jq; install jq (apt-get install jq, brew install jq) and rerun",
    );
    return 1;
  }
  const dir = await tempDir();
  const api = await startEmulator(realContext(), { operators: SCRIPT_OPERATORS });
  try {
    step(`soracom emulator: a local SORACOM API at ${api.url} (10 SIMs; try it: soracom emulator)`);
    return await tour(dir, { api });
  } finally {
    await api.close();
    await Deno.remove(dir, { recursive: true });
  }
}

Deno.exit(await main());
