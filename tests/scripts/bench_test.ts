/**
 * `deno task bench` in its quick mode (tiny counts, one run): the harness runs
 * every measurement end to end and writes a well-formed `results.json`. The
 * figures themselves are not checked (no timing assertions), except the request
 * counts, which do not depend on the machine.
 */
import assert from "node:assert/strict";
import { tempDir } from "../helpers/run.ts";
import { bundlePath } from "../helpers/bundle.ts";
import { testWhere } from "../helpers/platform.ts";
import { PERMISSION_FLAGS } from "../../src/permissions.ts";
import type { BenchResults } from "../../scripts/bench.ts";
import { formatTable, ORACLE, parseBenchArgs, QUICK_SETTINGS } from "../../scripts/bench.ts";

const BENCH = new URL("../../scripts/bench.ts", import.meta.url).pathname;

/** Every row of the table, for main.ts. */
/** soracom beside soracom-cli, when the oracle is present. */
const ORACLE_ROWS = [
  "oracle-version",
  "oracle-call",
  "oracle-fetch-all",
  "oracle-fetch-all-memory",
];

const MAIN_ROWS = [
  "version",
  "leaf-help",
  "warm-call",
  "requests-warm",
  "requests-warm-switch",
  "fetch-all-small",
  "fetch-all-small-memory",
  "fetch-all-large",
  "fetch-all-large-memory",
  "fetch-all-memory-growth",
  "profile-command-first",
  "profile-command-second",
];

/** The rows measured again for the bundle. */
const BUNDLE_ROWS = [
  "version-bundle",
  "warm-call-bundle",
  "fetch-all-small-bundle",
  "fetch-all-small-memory-bundle",
];

Deno.test("bench --quick measures every row and writes results.json", async () => {
  const dir = await tempDir();
  try {
    const out = `${dir}/bench/results.json`;
    const { code, stdout, stderr } = await new Deno.Command(Deno.execPath(), {
      args: ["run", "--allow-all", "--quiet", BENCH, "--quick", "--out", out],
      stdout: "piped",
      stderr: "piped",
    }).output();
    const printed = new TextDecoder().decode(stdout);
    assert.equal(code, 0, new TextDecoder().decode(stderr));
    const results: BenchResults = JSON.parse(await Deno.readTextFile(out));

    assert.equal(results.version, 1);
    assert.equal(results.quick, true);
    assert.equal(results.runs, 1);
    assert.match(results.soracom, /--allow-net/);
    // Run from a checkout, modules load when imported (as in the executable).
    assert.match(results.soracom, /--unstable-lazy-dynamic-imports/);
    assert.ok(!/--allow-all|(^| )-A( |$)/.test(results.soracom), results.soracom);
    assert.ok(["gnu-time", "proc-vmhwm", "none"].includes(results.memory), results.memory);
    const expected = [
      ...MAIN_ROWS,
      ...(results.oracle ? ORACLE_ROWS : []),
      ...(results.bundle ? BUNDLE_ROWS : []),
    ];
    // The peer is measured wherever ../shared/oracle has it.
    assert.deepEqual(results.oracle, await Deno.stat(ORACLE).then(() => true, () => false));
    assert.deepEqual(results.rows.map((r) => r.id), expected);

    for (const row of results.rows) {
      for (const text of [row.what, row.baseline, row.target]) {
        assert.ok(typeof text === "string" && text.length > 0, `${row.id}: empty text`);
      }
      assert.ok(["ms", "MB", "requests"].includes(row.unit), `${row.id}: unit ${row.unit}`);
      assert.ok(row.pass === null || typeof row.pass === "boolean", `${row.id}: pass`);
      const measured = row.unit !== "MB" || results.memory !== "none";
      if (measured) {
        for (const n of [row.value, row.baselineValue, row.ratio]) {
          // The growth row is a difference of two peaks; every other figure is positive.
          const ok = row.id.includes("growth") ? Number.isFinite(n) : Number.isFinite(n) && n > 0;
          assert.ok(ok, `${row.id}: ${n} is not a measurement`);
        }
        assert.ok(Math.abs(row.ratio - row.value / row.baselineValue) < 1e-9, `${row.id}: ratio`);
      }
      // Each row is one line of the printed table.
      assert.ok(printed.includes(`| ${row.what} `));
    }

    // The targets are the executable's; the bundle's and soracom-cli's rows are for comparison.
    for (const row of results.rows) {
      const targeted = !row.id.endsWith("-bundle") && !row.id.startsWith("profile-command-first") &&
        !row.id.startsWith("oracle-");
      if (targeted) assert.ok(row.target !== "-" && row.pass !== null, `${row.id}: no target`);
      else assert.deepEqual([row.target, row.pass], ["-", null], row.id);
    }

    // Request counts do not depend on the machine: one request per warm command.
    const requests = results.rows.filter((r) => r.unit === "requests");
    assert.deepEqual(requests.map((r) => [r.id, r.value, r.baselineValue, r.pass]), [
      ["requests-warm", 1, 2, true],
      ["requests-warm-switch", 1, 3, true],
    ]);
    assert.match(requests[0].what, /cold: 2/);
    assert.match(requests[1].what, /cold: 3/);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});

testWhere(
  ["/bin/sh"],
  "bench --binary measures an executable in main.ts's place (here the bundle behind a script)",
  async () => {
    const dir = await tempDir();
    try {
      // The release passes the compiled executable; a script running the bundle under the
      // release flags stands in for it here.
      const soracom = `${dir}/soracom`;
      await Deno.writeTextFile(
        soracom,
        `#!/bin/sh\nexec "${Deno.execPath()}" run --quiet --no-config ${
          PERMISSION_FLAGS.join(" ")
        } "${await bundlePath()}" "$@"\n`,
        { mode: 0o755 },
      );
      await Deno.chmod(soracom, 0o755);
      const out = `${dir}/bench-results.json`;
      const { code, stderr } = await new Deno.Command(Deno.execPath(), {
        args: [
          "run",
          "--allow-all",
          "--quiet",
          BENCH,
          "--quick",
          "--binary",
          soracom,
          "--out",
          out,
        ],
        stdout: "piped",
        stderr: "piped",
      }).output();
      assert.equal(code, 0, new TextDecoder().decode(stderr));
      const results: BenchResults = JSON.parse(await Deno.readTextFile(out));
      assert.deepEqual(results.soracom, soracom);
      assert.equal(results.bundle, false);
      assert.deepEqual(results.rows.map((r) => r.id), [
        ...MAIN_ROWS,
        ...(results.oracle ? ORACLE_ROWS : []),
      ]);
      const requests = results.rows.filter((r) => r.unit === "requests").map((r) => r.value);
      assert.deepEqual(requests, [1, 1]);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("bench arguments: --quick, --runs, --warmup, --out; anything else is an error", () => {
  const quick = parseBenchArgs(["--quick", "--runs=3", "--out", "x.json"]);
  assert.deepEqual(quick.settings, { ...QUICK_SETTINGS, runs: 3 });
  assert.equal(quick.out, "x.json");
  assert.deepEqual(parseBenchArgs([]).settings.subscribers, [20_000, 100_000]);
  assert.equal(parseBenchArgs(["--warmup", "0"]).settings.warmup, 0);
  assert.throws(
    () => parseBenchArgs(["--runs", "0"]),
    (e) => e instanceof Error && e.message.includes("--runs"),
  );
  assert.throws(
    () => parseBenchArgs(["--runs"]),
    (e) => e instanceof Error && e.message.includes("--runs needs a value"),
  );
  assert.throws(
    () => parseBenchArgs(["--fast"]),
    (e) => e instanceof Error && e.message.includes("unknown argument"),
  );
  assert.deepEqual(parseBenchArgs(["--binary", "b", "--soracom-cli=c"]).targets, {
    binary: "b",
    soracomCli: "c",
  });
  assert.deepEqual(parseBenchArgs([]).targets, {});
});

Deno.test("the table: one line per row, ratios to two places, and whether each target is met", () => {
  const table = formatTable({
    version: 1,
    date: "2025-01-01T00:00:00.000Z",
    quick: false,
    runs: 9,
    warmup: 2,
    deno: "2.9.6",
    os: "linux",
    arch: "x86_64",
    cpus: 2,
    soracom: "deno run --allow-net main.ts",
    bundle: false,
    oracle: false,
    memory: "gnu-time",
    rows: [
      {
        id: "version",
        what: "soracom --version",
        baseline: "deno run of a one-line script",
        unit: "ms",
        value: 120.4,
        baselineValue: 100,
        ratio: 1.204,
        target: "<= 1.6x",
        pass: true,
      },
      {
        id: "fetch-all-small-memory",
        what: "peak memory",
        baseline: "the bare loop's peak",
        unit: "MB",
        value: 151.25,
        baselineValue: 50,
        ratio: 3.026,
        target: "< 150 MB",
        pass: false,
      },
    ],
  });
  const lines = table.split("\n");
  assert.equal(lines.length, 4);
  assert.ok(
    /^\| soracom --version +\| 120 ms +\| 100 ms +\| .* \| 1\.20x +\| <= 1\.6x +\| yes \|$/.test(
      lines[2],
    ),
    lines[2],
  );
  assert.ok(
    /\| 151\.3 MB +\| 50\.0 MB +\|.*\| 3\.03x +\| < 150 MB +\| NO +\|$/.test(lines[3]),
    lines[3],
  );
});
