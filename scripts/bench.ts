/**
 * `deno task bench`: what users feel, each figure measured beside a baseline in
 * the same run (interleaved, median after a warm-up), so the ratios hold on a
 * noisy machine. Prints one table and writes it as JSON to `bench/results.json`.
 *
 * ```sh
 * deno task bench                 # the full run (20,000 and 100,000 subscribers)
 * deno task bench --quick         # tiny counts, one run: checks the harness, not the speed
 * deno task bench --runs 11 --out /tmp/results.json
 * # the release's executable beside soracom-cli's (the release workflow, Linux x64):
 * deno task bench --binary dist/1.0.0/soracom_1.0.0_linux_amd64 --soracom-cli ./soracom-cli \
 *   --out bench-results.json
 * ```
 *
 * Every process is started the way users start it: `deno run` with the permission flags of the
 * release (`src/permissions.ts`) on `main.ts` (with `SOURCE_RUN_FLAGS`, so modules load when
 * imported, as in the executable), then on the bundle `deno task bundle` makes, against the
 * loopback SORACOM emulator started in this process. Baselines are `deno run` of small scripts
 * with the same flags and the same `deno.json` (none for the bundle), so a ratio is what `soracom`
 * itself adds. Peak memory is the child's max RSS (GNU time, else /proc VmHWM polled).
 *
 * @module
 */

import { type Emulator, startEmulator } from "../src/emulator/server.ts";
import { realContext } from "../src/system/real.ts";
import { AUTH_KEY_PROFILE, SCRIPT_OPERATORS, switchProfile } from "./emulator_accounts.ts";
import { writeProfile } from "./profile_files.ts";
import { PERMISSION_FLAGS, SOURCE_RUN_FLAGS } from "../src/permissions.ts";
import { readArgs } from "./args.ts";

/** How much to measure. */
export interface BenchSettings {
  /** Tiny counts, for checking the harness (the figures mean nothing). */
  readonly quick: boolean;
  /** Measured runs per figure (medians are taken). */
  readonly runs: number;
  /** Unmeasured runs first, per figure. */
  readonly warmup: number;
  /** Measured runs of the largest `--fetch-all`, which takes seconds each. */
  readonly heavyRuns: number;
  /** Totals for `--fetch-all`: the main one and the larger one that shows memory stays flat. */
  readonly subscribers: readonly [number, number];
  /** How long the stand-in password manager of the profileCommand row takes. */
  readonly profileCommandSeconds: number;
}

/** The full benchmark. */
export const FULL_SETTINGS: BenchSettings = {
  quick: false,
  runs: 9,
  warmup: 2,
  heavyRuns: 3,
  subscribers: [20_000, 100_000],
  profileCommandSeconds: 1,
};

/** A quick pass over every row: checks the harness end to end, measures nothing worth keeping. */
export const QUICK_SETTINGS: BenchSettings = {
  quick: true,
  runs: 1,
  warmup: 0,
  heavyRuns: 1,
  subscribers: [300, 1_000],
  profileCommandSeconds: 0.1,
};

/** One line of the table. */
export interface BenchRow {
  readonly id: string;
  /** What was measured, in the user's words. */
  readonly what: string;
  /** What it was measured beside. */
  readonly baseline: string;
  readonly unit: "ms" | "MB" | "requests";
  readonly value: number;
  readonly baselineValue: number;
  /** `value / baselineValue`. */
  readonly ratio: number;
  /** The target in words, e.g. `<= 1.5x`. */
  readonly target: string;
  /** Whether the target is met; `null` for figures shown for information only. */
  readonly pass: boolean | null;
}

/** What `bench/results.json` holds. */
export interface BenchResults {
  readonly version: 1;
  readonly date: string;
  readonly quick: boolean;
  readonly runs: number;
  readonly warmup: number;
  readonly deno: string;
  readonly os: string;
  readonly arch: string;
  readonly cpus: number;
  /** How soracom was started: `deno run` with the release's permission flags on main.ts. */
  readonly soracom: string;
  /** Whether the bundle (`deno task bundle`) was measured too (rows ending in `-bundle`). */
  readonly bundle: boolean;
  /** Whether soracom-cli (`../shared/oracle`) was measured beside soracom (rows `oracle-*`). */
  readonly oracle: boolean;
  /** How peak memory was read: GNU time's max RSS, or polling /proc VmHWM. */
  readonly memory: "gnu-time" | "proc-vmhwm" | "none";
  readonly rows: readonly BenchRow[];
}

const ROOT = new URL("../", import.meta.url).pathname;
const MAIN = `${ROOT}main.ts`;
const CONFIG = `${ROOT}deno.json`;
const GNU_TIME = "/usr/bin/time";
const NEXT_KEY_PARAM = "last_evaluated_key";
const NEXT_KEY_HEADER = "x-soracom-next-key";

/** `deno run` of a one-line script: the floor of any Deno program's start-up. */
const ONE_LINE_SCRIPT = `console.log("SORACOM API client");\n`;

/** One bare `fetch` with given headers, the body printed as it came. */
const BARE_FETCH_SCRIPT = `const headers = JSON.parse(Deno.args[1]);
const response = await fetch(Deno.args[0], { headers });
let bytes = new Uint8Array(await response.arrayBuffer());
while (bytes.length > 0) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
`;

/** Every page, fetched and printed as it came, following the next key. */
const BARE_FETCH_ALL_SCRIPT = `const headers = JSON.parse(Deno.args[1]);
let key = null;
do {
  const url = new URL(Deno.args[0]);
  if (key) url.searchParams.set("${NEXT_KEY_PARAM}", key);
  const response = await fetch(url, { headers });
  let bytes = new Uint8Array(await response.arrayBuffer());
  while (bytes.length > 0) bytes = bytes.subarray(Deno.stdout.writeSync(bytes));
  key = response.headers.get("${NEXT_KEY_HEADER}");
} while (key);
`;

/** One finished process. */
interface Sample {
  readonly ms: number;
  /** Peak resident memory in KiB, when it was asked for and could be read. */
  readonly peakKb?: number;
}

/** A process to start: argv and extra environment. */
interface Job {
  readonly argv: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
}

/** The environment every child gets: nothing from ours but what Deno needs to find its cache. */
function baseEnv(home: string): Record<string, string> {
  const env: Record<string, string> = {
    PATH: Deno.env.get("PATH") ?? "/usr/bin:/bin",
    HOME: home,
    NO_COLOR: "1",
    DENO_DIR: Deno.env.get("DENO_DIR") ?? `${Deno.env.get("HOME") ?? ""}/.cache/deno`,
  };
  for (const [k, v] of Object.entries(Deno.env.toObject())) {
    if (/^(DENO_|NPM_CONFIG_|SSL_CERT_)/.test(k)) env[k] = v;
  }
  return env;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function exists(path: string): Promise<boolean> {
  try {
    await Deno.stat(path);
    return true;
  } catch {
    return false;
  }
}

/** The peak of VmHWM seen while polling `/proc/PID/status` (a lower bound of the true peak). */
function pollPeak(pid: number, done: Promise<unknown>): Promise<number | undefined> {
  let peak: number | undefined;
  let finished = false;
  done.then(() => finished = true, () => finished = true);
  return (async () => {
    while (!finished) {
      try {
        const status = await Deno.readTextFile(`/proc/${pid}/status`);
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1]);
        if (Number.isFinite(kb)) peak = Math.max(peak ?? 0, kb);
      } catch { /* gone */ }
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    return peak;
  })();
}

/** Starts processes and times them. */
class Runner {
  constructor(
    private readonly home: string,
    private readonly memory: BenchResults["memory"],
  ) {}

  /** Runs `job` to the end; stdout goes to /dev/null. Throws when it fails. */
  async run(job: Job, options: { memory?: boolean } = {}): Promise<Sample> {
    const wantMemory = options.memory === true && this.memory !== "none";
    const timeFile = wantMemory && this.memory === "gnu-time"
      ? await Deno.makeTempFile({ dir: this.home, suffix: ".time" })
      : undefined;
    const argv = timeFile ? [GNU_TIME, "-f", "%M", "-o", timeFile, ...job.argv] : [...job.argv];
    const start = performance.now();
    const child = new Deno.Command(argv[0], {
      args: argv.slice(1),
      env: { ...baseEnv(this.home), ...job.env },
      clearEnv: true,
      cwd: ROOT,
      stdin: "null",
      stdout: "null",
      stderr: "piped",
    }).spawn();
    const output = child.output();
    const polled = wantMemory && this.memory === "proc-vmhwm"
      ? pollPeak(child.pid, output)
      : Promise.resolve(undefined);
    const { code, stderr } = await output;
    const ms = performance.now() - start;
    if (code !== 0) {
      const message = new TextDecoder().decode(stderr).trim().split("\n").slice(-3).join(" | ");
      // The bare fetches' last argument is the headers, with the emulator's token: left out.
      const words = job.argv.filter((w) => !w.startsWith("{")).slice(-4).join(" ");
      throw new Error(`${words} exited with ${code}: ${message}`);
    }
    let peakKb = await polled;
    if (timeFile) {
      peakKb = Number((await Deno.readTextFile(timeFile)).trim().split("\n").pop());
      await Deno.remove(timeFile);
    }
    return { ms, peakKb };
  }

  /**
   * Runs `a` and `b` alternately (`b` first every other round, so drift hits both alike):
   * `warmup` unmeasured rounds, then `runs` measured ones.
   */
  async pair(
    a: Job,
    b: Job,
    settings: { runs: number; warmup: number; memory?: boolean },
  ): Promise<{ a: Sample[]; b: Sample[] }> {
    const result = { a: [] as Sample[], b: [] as Sample[] };
    for (let round = 0; round < settings.warmup + settings.runs; round++) {
      const order = round % 2 === 0 ? (["a", "b"] as const) : (["b", "a"] as const);
      for (const which of order) {
        const sample = await this.run(which === "a" ? a : b, settings);
        if (round >= settings.warmup) result[which].push(sample);
      }
    }
    return result;
  }
}

function msOf(samples: readonly Sample[]): number {
  return median(samples.map((s) => s.ms));
}

function mbOf(samples: readonly Sample[]): number {
  return median(samples.map((s) => s.peakKb ?? Number.NaN)) / 1024;
}

function ratioRow(
  id: string,
  what: string,
  baseline: string,
  unit: BenchRow["unit"],
  value: number,
  baselineValue: number,
  maxRatio: number | null,
): BenchRow {
  const ratio = value / baselineValue;
  return {
    id,
    what,
    baseline,
    unit,
    value,
    baselineValue,
    ratio,
    target: maxRatio === null ? "-" : `<= ${maxRatio}x`,
    pass: maxRatio === null ? null : ratio <= maxRatio,
  };
}

/** The emulator the figures are measured against: `sims` SIMs, the scripts' accounts. */
function startBenchEmulator(sims: number): Promise<Emulator> {
  return startEmulator(realContext(), { sims, operators: SCRIPT_OPERATORS });
}

/** The headers soracom sent on its last request, for the bare-fetch baselines to send as well. */
function headersOfLast(api: Emulator): Record<string, string> {
  const last = api.log[api.log.length - 1];
  return Object.fromEntries(
    Object.entries(last.headers).filter(([name]) =>
      name === "user-agent" || name.startsWith("x-soracom-")
    ),
  );
}

/** Temp folders and profiles for one bench run. */
interface Setup {
  readonly home: string;
  readonly profiles: string;
  readonly scripts: { readonly oneLine: string; readonly fetch: string; readonly fetchAll: string };
}

async function setUp(settings: BenchSettings): Promise<Setup> {
  const home = await Deno.makeTempDir({ prefix: "soracom-bench-" });
  await Deno.chmod(home, 0o700);
  const profiles = `${home}/profiles`;
  await Deno.mkdir(profiles, { mode: 0o700 });
  // Every file with mode 0600; credentials.json is what the profileCommand prints.
  await writeProfile(home, "credentials", AUTH_KEY_PROFILE);
  await writeProfile(profiles, "bench-inline", AUTH_KEY_PROFILE);
  await writeProfile(profiles, "bench-switch", switchProfile("bench-inline"));
  // A stand-in password manager that takes its time, then prints the credentials.
  await writeProfile(profiles, "bench-command", {
    profileCommand:
      `/bin/sh -c "sleep ${settings.profileCommandSeconds}; cat ${home}/credentials.json"`,
  });
  const scripts = {
    oneLine: `${home}/one_line.ts`,
    fetch: `${home}/bare_fetch.ts`,
    fetchAll: `${home}/bare_fetch_all.ts`,
  };
  await Deno.writeTextFile(scripts.oneLine, ONE_LINE_SCRIPT);
  await Deno.writeTextFile(scripts.fetch, BARE_FETCH_SCRIPT);
  await Deno.writeTextFile(scripts.fetchAll, BARE_FETCH_ALL_SCRIPT);
  return { home, profiles, scripts };
}

async function memoryMethod(): Promise<BenchResults["memory"]> {
  if (await exists(GNU_TIME)) return "gnu-time";
  if (await exists("/proc/self/status")) return "proc-vmhwm";
  return "none";
}

/** How one build of soracom is started, and the config its baselines get to match it. */
interface Variant {
  /** Added to row names and ids: "" for main.ts. */
  readonly label: string;
  readonly suffix: string;
  /**
   * `--config deno.json` and `SOURCE_RUN_FLAGS` for main.ts (the baselines, having no
   * `import()`, are the same either way), `--no-config` for the bundle.
   */
  readonly config: readonly string[];
  readonly script: string;
  /**
   * Whether the issue's targets apply. They do to main.ts; the bundle's rows are
   * for comparison only: the bundle is one 1.4 MB file that Deno parses whole
   * before anything runs, where `deno compile` keeps modules apart and loads
   * each when the run needs it, as `deno run` with `SOURCE_RUN_FLAGS` does.
   */
  readonly targets: boolean;
  /** A compiled executable to run instead of `deno run ... script`. */
  readonly binary?: string;
}

/** The command line of soracom `args` in `variant`: the executable, or `deno run` of the script. */
function soracomArgv(variant: Variant, args: readonly string[]): string[] {
  return variant.binary ? [variant.binary, ...args] : denoRun(variant, variant.script, args);
}

/** `deno run` with the release's permission flags. */
function denoRun(variant: Variant, script: string, args: readonly string[]): string[] {
  return [Deno.execPath(), "run", ...PERMISSION_FLAGS, ...variant.config, script, ...args];
}

/** What every measurement needs. */
interface Bench {
  readonly settings: BenchSettings;
  readonly setup: Setup;
  readonly runner: Runner;
  /** The emulator with `settings.subscribers[0]` subscribers. */
  readonly api: Emulator;
  readonly rows: BenchRow[];
  readonly progress: (line: string) => void;
}

function sessionDirOf(bench: Bench, name: string): string {
  return `${bench.setup.home}/sessions-${name}`;
}

/** The environment of a soracom run against `api` with its own session folder. */
function soracomEnv(bench: Bench, sessions: string, api = bench.api): Record<string, string> {
  return {
    SORACOM_ENDPOINT: api.url,
    SORACOM_PROFILE_DIR: bench.setup.profiles,
    SORACOM_SESSION_DIR: sessionDirOf(bench, sessions),
  };
}

/** How many requests `job` makes run twice: cold (it logs in), then warm. */
async function coldAndWarmRequests(
  bench: Bench,
  job: Job,
): Promise<{ cold: number; warm: number }> {
  const { api, runner } = bench;
  let before = api.log.length;
  await runner.run(job);
  const cold = api.log.length - before;
  before = api.log.length;
  await runner.run(job);
  return { cold, warm: api.log.length - before };
}

/** A requests row: the warm count beside soracom-cli's, met when it is 1. */
function requestsRow(
  id: string,
  what: string,
  baseline: string,
  requests: { cold: number; warm: number },
  baselineValue: number,
): BenchRow {
  return {
    ...ratioRow(
      id,
      `${what} (cold: ${requests.cold})`,
      baseline,
      "requests",
      requests.warm,
      baselineValue,
      null,
    ),
    target: "1",
    pass: requests.warm === 1,
  };
}

/** soracom --version beside a one-line script. */
async function measureVersion(bench: Bench, variant: Variant): Promise<void> {
  bench.progress(`soracom --version${variant.label}`);
  const version = await bench.runner.pair(
    { argv: soracomArgv(variant, ["--version"]) },
    { argv: denoRun(variant, bench.setup.scripts.oneLine, []) },
    bench.settings,
  );
  bench.rows.push(ratioRow(
    `version${variant.suffix}`,
    `soracom --version${variant.label}`,
    "deno run of a one-line script",
    "ms",
    msOf(version.a),
    msOf(version.b),
    variant.targets ? 1.6 : null,
  ));
}

/**
 * A command's help page beside `--version` (both soracom): what help adds to the
 * least a run costs. Before our own help pages, stricli's page for `subscribers
 * list` read every catalogue group and took 1.47x of `--version` (116 vs 79 ms,
 * medians of 11 interleaved runs, Linux x86_64); the target keeps it within 1.3x
 * of that, so a page must not read other groups' text.
 */
export const LEAF_HELP_TARGET = 1.9;

async function measureLeafHelp(bench: Bench, variant: Variant): Promise<void> {
  bench.progress(`soracom subscribers list --help${variant.label}`);
  const help = await bench.runner.pair(
    { argv: soracomArgv(variant, ["subscribers", "list", "--help"]) },
    { argv: soracomArgv(variant, ["--version"]) },
    bench.settings,
  );
  bench.rows.push(ratioRow(
    `leaf-help${variant.suffix}`,
    `soracom subscribers list --help${variant.label}`,
    "soracom --version",
    "ms",
    msOf(help.a),
    msOf(help.b),
    variant.targets ? LEAF_HELP_TARGET : null,
  ));
}

/** A warm `subscribers list` beside a bare fetch; for main.ts also how many requests it makes. */
async function measureWarmCall(bench: Bench, variant: Variant): Promise<void> {
  const { api, runner } = bench;
  bench.progress(`subscribers list with a cached session${variant.label}`);
  const warm: Job = {
    argv: soracomArgv(variant, ["--profile", "bench-inline", "subscribers", "list"]),
    env: soracomEnv(bench, `inline${variant.suffix}`),
  };
  const requests = await coldAndWarmRequests(bench, warm);
  const last = api.log[api.log.length - 1];
  const query = Object.entries(last.query).flatMap(([k, vs]) => vs.map((v) => [k, v]));
  const url = `${api.url}${last.path}${
    query.length > 0 ? `?${new URLSearchParams(query).toString()}` : ""
  }`;
  const headers = JSON.stringify(headersOfLast(api));
  const bare: Job = { argv: denoRun(variant, bench.setup.scripts.fetch, [url, headers]) };
  const call = await runner.pair(warm, bare, bench.settings);
  bench.rows.push(ratioRow(
    `warm-call${variant.suffix}`,
    `soracom subscribers list (cached session)${variant.label}`,
    "a bare Deno fetch of the same URL with the same headers",
    "ms",
    msOf(call.a),
    msOf(call.b),
    variant.targets ? 1.5 : null,
  ));
  if (variant.suffix !== "") return;
  bench.rows.push(requestsRow(
    "requests-warm",
    "requests per warm API command",
    "soracom-cli: login + call",
    requests,
    2,
  ));
}

/** Requests of a cold and a warm run of a switch-user profile. */
async function measureSwitchRequests(bench: Bench, variant: Variant): Promise<void> {
  bench.progress("requests per warm command with switch user");
  const job: Job = {
    argv: soracomArgv(variant, [
      "--profile",
      "bench-switch",
      "subscribers",
      "list",
      "--limit",
      "1",
    ]),
    env: soracomEnv(bench, "switch"),
  };
  bench.rows.push(requestsRow(
    "requests-warm-switch",
    "requests per warm API command, switch user",
    "soracom-cli: login + switch + call",
    await coldAndWarmRequests(bench, job),
    3,
  ));
}

/**
 * `--fetch-all` beside the bare loop: wall time and peak memory at the first total, and (for
 * main.ts) at the second one, which shows whether memory stays flat.
 */
async function measureFetchAll(bench: Bench, variant: Variant, totals: number): Promise<void> {
  const { settings } = bench;
  /** soracom's peak above the bare loop's, per total: what soracom itself holds. */
  const above: number[] = [];
  for (const [index, total] of settings.subscribers.slice(0, totals).entries()) {
    const label = total.toLocaleString("en-US");
    bench.progress(`--fetch-all of ${label} subscribers${variant.label}`);
    const api = index === 0 ? bench.api : await startBenchEmulator(total);
    const size = index === 0 ? "small" : "large";
    try {
      const args = ["--profile", "bench-inline", "subscribers", "list", "--limit", "100"];
      const fetchAll = await fetchAllPair(bench.runner, api, {
        soracom: {
          argv: soracomArgv(variant, args),
          env: soracomEnv(bench, `inline${variant.suffix}`, api),
        },
        bare: denoRun(variant, bench.setup.scripts.fetchAll, []),
        runs: index === 0 ? settings.runs : settings.heavyRuns,
        warmup: index === 0 ? settings.warmup : Math.min(settings.warmup, 1),
      });
      bench.rows.push(ratioRow(
        `fetch-all-${size}${variant.suffix}`,
        `subscribers list --fetch-all, ${label} in pages of 100${variant.label}`,
        "a bare Deno loop fetching and printing the same pages",
        "ms",
        msOf(fetchAll.a),
        msOf(fetchAll.b),
        variant.targets ? 1.5 : null,
      ));
      const peak = mbOf(fetchAll.a);
      above.push(peak - mbOf(fetchAll.b));
      bench.rows.push({
        ...ratioRow(
          `fetch-all-${size}-memory${variant.suffix}`,
          `peak memory of --fetch-all, ${label}${variant.label}`,
          "the bare loop's peak",
          "MB",
          peak,
          mbOf(fetchAll.b),
          null,
        ),
        target: variant.targets ? "< 150 MB" : "-",
        pass: variant.targets ? peak < 150 : null,
      });
    } finally {
      if (api !== bench.api) await api.close();
    }
  }
  if (above.length < 2) return;
  // Deno's own fetch loop grows with the number of pages (the bare loop shows it), so
  // "flat" is about what soracom adds on top: it must not grow with the total.
  const [small, large] = settings.subscribers.map((n) => n.toLocaleString("en-US"));
  bench.rows.push({
    ...ratioRow(
      `fetch-all-memory-growth${variant.suffix}`,
      `memory --fetch-all adds to the bare loop's, ${large}${variant.label}`,
      `the same at ${small}`,
      "MB",
      above[1],
      above[0],
      1.2,
    ),
    target: "flat (<= 1.2x)",
  });
}

/** The official soracom-cli, when `../shared/oracle` has it (the peer users would otherwise run). */
export const ORACLE = new URL("../../shared/oracle/soracom-cli", import.meta.url).pathname;

/**
 * soracom beside soracom-cli, measured in the same run: start-up, a call with an
 * AuthKey profile (ours from the cached session, soracom-cli logs in each time),
 * and `--fetch-all` of the first total with its peak memory. For comparison only.
 */
async function measureOracle(bench: Bench, variant: Variant, peer: string): Promise<void> {
  const { runner, settings } = bench;
  const env = soracomEnv(bench, `inline${variant.suffix}`);
  const theirs = (args: readonly string[]): Job => ({ argv: [peer, ...args], env });
  const ours = (args: readonly string[]): Job => ({
    argv: soracomArgv(variant, args),
    env,
  });
  bench.progress("soracom-cli: version");
  const start = await runner.pair(ours(["--version"]), theirs(["version"]), settings);
  bench.rows.push(ratioRow(
    "oracle-version",
    "soracom --version",
    "soracom-cli version",
    "ms",
    msOf(start.a),
    msOf(start.b),
    null,
  ));
  bench.progress("soracom-cli: subscribers list with an AuthKey profile");
  const call = ["--profile", "bench-inline", "subscribers", "list"];
  const calls = await runner.pair(ours(call), theirs(call), settings);
  bench.rows.push(ratioRow(
    "oracle-call",
    "soracom subscribers list, AuthKey profile (cached session)",
    "soracom-cli, the same (logs in each time)",
    "ms",
    msOf(calls.a),
    msOf(calls.b),
    null,
  ));
  const label = settings.subscribers[0].toLocaleString("en-US");
  bench.progress(`soracom-cli: --fetch-all of ${label} subscribers`);
  const all = [...call, "--limit", "100", "--fetch-all"];
  // soracom-cli takes seconds for each (it merges the pages again at every page): few runs.
  const fetchAll = await runner.pair(ours(all), theirs(all), {
    runs: settings.heavyRuns,
    warmup: 0,
    memory: true,
  });
  bench.rows.push(ratioRow(
    "oracle-fetch-all",
    `subscribers list --fetch-all, ${label}`,
    "soracom-cli, the same",
    "ms",
    msOf(fetchAll.a),
    msOf(fetchAll.b),
    null,
  ));
  bench.rows.push(ratioRow(
    "oracle-fetch-all-memory",
    `peak memory of --fetch-all, ${label}`,
    "soracom-cli's peak",
    "MB",
    mbOf(fetchAll.a),
    mbOf(fetchAll.b),
    null,
  ));
}

/** A profileCommand that takes its time: paid by the first run only, not by the second. */
async function measureProfileCommand(bench: Bench, variant: Variant): Promise<void> {
  const { settings, runner } = bench;
  const seconds = settings.profileCommandSeconds;
  bench.progress(`a profileCommand that takes ${seconds} s, run twice`);
  const job = (profile: string): Job => ({
    argv: soracomArgv(variant, [
      "--profile",
      profile,
      "subscribers",
      "list",
      "--limit",
      "1",
    ]),
    env: soracomEnv(bench, profile),
  });
  const withCommand = job("bench-command");
  const inline = job("bench-inline");
  const first = { a: [] as Sample[], b: [] as Sample[] };
  const second = { a: [] as Sample[], b: [] as Sample[] };
  for (let round = 0; round < settings.warmup + settings.runs; round++) {
    for (const profile of ["bench-command", "bench-inline"]) {
      await Deno.remove(sessionDirOf(bench, profile), { recursive: true }).catch(() => {});
    }
    const once = { runs: 1, warmup: 0 };
    const firstRound = await runner.pair(withCommand, inline, once);
    const secondRound = await runner.pair(withCommand, inline, once);
    if (round < settings.warmup) continue;
    first.a.push(...firstRound.a);
    first.b.push(...firstRound.b);
    second.a.push(...secondRound.a);
    second.b.push(...secondRound.b);
  }
  bench.rows.push(ratioRow(
    "profile-command-first",
    `first run, profileCommand taking ${seconds} s (logs in)`,
    "first run, credentials inline (logs in)",
    "ms",
    msOf(first.a),
    msOf(first.b),
    null,
  ));
  bench.rows.push(ratioRow(
    "profile-command-second",
    `second run, profileCommand taking ${seconds} s (cached session)`,
    "second run, credentials inline (cached session)",
    "ms",
    msOf(second.a),
    msOf(second.b),
    1.2,
  ));
}

/** Builds `dist/soracom.js`'s equivalent into `dir` with `deno task bundle`'s code. */
async function buildBundle(dir: string): Promise<string | undefined> {
  try {
    const { bundle } = await import("./bundle.ts");
    return await bundle(`${dir}/soracom.js`);
  } catch {
    return undefined;
  }
}

/**
 * Runs every measurement and returns the results (the caller prints and saves them).
 * With `withBundle`, the start-up rows and the first `--fetch-all` are measured for the
 * bundle (`deno task bundle`) too.
 */
export async function runBench(
  settings: BenchSettings,
  progress: (line: string) => void = () => {},
  withBundle = true,
  targets: BenchTargets = {},
): Promise<BenchResults> {
  const setup = await setUp(settings);
  const memory = await memoryMethod();
  const api = await startBenchEmulator(settings.subscribers[0]);
  const bench: Bench = {
    settings,
    setup,
    runner: new Runner(setup.home, memory),
    api,
    rows: [],
    progress,
  };
  // A compiled executable takes main.ts's place (same rows, same targets); baselines are the
  // same one-line scripts under deno run, the runtime's own floor.
  const main: Variant = targets.binary
    ? {
      label: "",
      suffix: "",
      config: ["--no-config"],
      script: "",
      targets: true,
      binary: targets.binary,
    }
    : {
      label: "",
      suffix: "",
      config: ["--config", CONFIG, ...SOURCE_RUN_FLAGS],
      script: MAIN,
      targets: true,
    };
  const peer = targets.soracomCli ?? ORACLE;
  let bundled: string | undefined;
  let oracle = false;
  try {
    await measureVersion(bench, main);
    await measureLeafHelp(bench, main);
    await measureWarmCall(bench, main);
    await measureSwitchRequests(bench, main);
    await measureFetchAll(bench, main, 2);
    await measureProfileCommand(bench, main);
    oracle = await Deno.stat(peer).then((s) => s.isFile, () => false);
    if (oracle) await measureOracle(bench, main, peer);
    bundled = withBundle && !targets.binary ? await buildBundle(setup.home) : undefined;
    if (bundled !== undefined) {
      const bundle: Variant = {
        label: " (bundle)",
        suffix: "-bundle",
        config: ["--no-config"],
        script: bundled,
        targets: false,
      };
      progress("the bundle (deno task bundle)");
      await measureVersion(bench, bundle);
      await measureWarmCall(bench, bundle);
      await measureFetchAll(bench, bundle, 1);
    }
  } finally {
    await api.close();
    await Deno.remove(setup.home, { recursive: true }).catch(() => {});
  }
  return {
    version: 1,
    date: new Date().toISOString(),
    quick: settings.quick,
    runs: settings.runs,
    warmup: settings.warmup,
    deno: Deno.version.deno,
    os: Deno.build.os,
    arch: Deno.build.arch,
    cpus: navigator.hardwareConcurrency,
    soracom: targets.binary ??
      `deno run ${[...PERMISSION_FLAGS, ...SOURCE_RUN_FLAGS].join(" ")} main.ts`,
    bundle: bundled !== undefined,
    oracle,
    memory,
    rows: bench.rows,
  };
}

/** `--fetch-all` of every subscriber `api` serves, by soracom and by the bare loop. */
async function fetchAllPair(
  runner: Runner,
  api: Emulator,
  options: { soracom: Job; bare: readonly string[]; runs: number; warmup: number },
): Promise<{ a: Sample[]; b: Sample[] }> {
  const soracom = { ...options.soracom, argv: [...options.soracom.argv, "--fetch-all"] };
  // Log in first (unmeasured), and send the bare loop the headers soracom sends.
  const before = api.log.length;
  await runner.run(soracom);
  if (api.log.length === before) throw new Error("--fetch-all made no request");
  const url = new URL(`${api.url}/v1/subscribers`);
  url.searchParams.set("limit", "100");
  return await runner.pair(
    soracom,
    { argv: [...options.bare, url.href, JSON.stringify(headersOfLast(api))] },
    { runs: options.runs, warmup: options.warmup, memory: true },
  );
}

function formatValue(value: number, unit: BenchRow["unit"]): string {
  if (!Number.isFinite(value)) return "-";
  if (unit === "requests") return String(value);
  return `${unit === "MB" ? value.toFixed(1) : Math.round(value)} ${unit}`;
}

/** The results as a plain-text table (also the README's). */
export function formatTable(results: BenchResults): string {
  const header = ["what", "soracom", "baseline", "beside", "ratio", "target", "ok"];
  const lines = results.rows.map((row) => [
    row.what,
    formatValue(row.value, row.unit),
    formatValue(row.baselineValue, row.unit),
    row.baseline,
    Number.isFinite(row.ratio) ? `${row.ratio.toFixed(2)}x` : "-",
    row.target,
    row.pass === null ? "" : row.pass ? "yes" : "NO",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
  return [
    format(header),
    `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`,
    ...lines.map(format),
  ].join("\n");
}

/** What is measured: a compiled executable instead of main.ts, another soracom-cli. */
export interface BenchTargets {
  /** A compiled `soracom` (the release's): measured in main.ts's place, no bundle rows. */
  readonly binary?: string;
  /** The soracom-cli executable to compare with (default `../shared/oracle/soracom-cli`). */
  readonly soracomCli?: string;
}

/**
 * Reads `--quick`, `--runs N`, `--warmup N`, `--out FILE`, `--binary FILE`,
 * `--soracom-cli FILE`.
 */
export function parseBenchArgs(
  args: readonly string[],
): { settings: BenchSettings; out: string; targets: BenchTargets } {
  const { values } = readArgs(args, {
    quick: { type: "boolean" },
    runs: { type: "string" },
    warmup: { type: "string" },
    out: { type: "string", default: `${ROOT}bench/results.json` },
    binary: { type: "string" },
    "soracom-cli": { type: "string" },
  });
  const count = (flag: "runs" | "warmup", min: number) => {
    if (values[flag] === undefined) return {};
    const n = Number(values[flag]);
    if (!Number.isInteger(n) || n < min) throw new Error(`--${flag} needs an integer >= ${min}`);
    return { [flag]: n };
  };
  const overrides = { ...count("runs", 1), ...count("warmup", 0) };
  const targets = {
    ...(values.binary === undefined ? {} : { binary: values.binary }),
    ...(values["soracom-cli"] === undefined ? {} : { soracomCli: values["soracom-cli"] }),
  };
  const settings = values.quick ? QUICK_SETTINGS : FULL_SETTINGS;
  return { settings: { ...settings, ...overrides }, out: values.out, targets };
}

if (import.meta.main) {
  let parsed;
  try {
    parsed = parseBenchArgs(Deno.args);
  } catch (e) {
    console.error(`Error: ${(e as Error).message}`);
    Deno.exit(2);
  }
  const { settings, out, targets } = parsed;
  const results = await runBench(
    settings,
    (line) => console.error(`measuring: ${line}`),
    true,
    targets,
  );
  console.log(formatTable(results));
  const dir = out.slice(0, Math.max(0, out.lastIndexOf("/")));
  if (dir !== "") await Deno.mkdir(dir, { recursive: true });
  await Deno.writeTextFile(out, `${JSON.stringify(results, null, 2)}\n`);
  console.log(`\nwritten to ${out}`);
}
