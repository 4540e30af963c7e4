/**
 * `deno task action-pins`: the table of the GitHub actions our workflows use
 * (`.github/action-pins.json`), made from each action's own repository: the
 * tag named beside every pin, the commit that tag points to, and the runtime
 * its `action.yml` declares at that commit (`node24`, or `composite` with the
 * actions it runs in turn). `tests/workflows_test.ts` holds every pin in the
 * workflows to this table, so a commit or a version written from memory fails.
 *
 * ```sh
 * # REPOS holds a git clone (bare or not) of each action: REPOS/actions/checkout, ...
 * git clone --bare https://github.com/actions/checkout REPOS/actions/checkout   # and so on
 * deno task action-pins REPOS            # the table for the tags the workflows name
 * deno task action-pins --latest REPOS   # first move every pin to its newest vX.Y.Z tag
 * ```
 *
 * @module
 */

import { parseArgs } from "node:util";
import { parse as parseYaml } from "yaml";
import { REPO_ROOT } from "./file_path.ts";

/** One row of the table: an action at one tag. */
export interface ActionPin {
  /** `owner/name`. */
  readonly action: string;
  /** The release tag, `vX.Y.Z`. */
  readonly tag: string;
  /** The 40-hex commit the tag points to. */
  readonly commit: string;
  /** `runs.using` of its `action.yml` at that commit: `node24`, `composite`, ... */
  readonly runtime: string;
  /** The commit date (YYYY-MM-DD), to see at a glance how current it is. */
  readonly date: string;
  /** For a composite action: the actions it runs, as `owner/name@commit`. */
  readonly uses?: readonly string[];
}

/** The table file as committed. */
export interface ActionPinTable {
  readonly "//": string;
  readonly pins: readonly ActionPin[];
}

/** Where the table lives in this repository. */
export const PIN_TABLE_PATH = ".github/action-pins.json";

/** A `uses: owner/name@commit # vX.Y.Z` line of a workflow or an `action.yml`. */
export interface PinnedUse {
  readonly action: string;
  readonly commit: string;
  /** The tag in the comment beside it, when there is one. */
  readonly tag?: string;
}

/**
 * Every `uses:` of a workflow or action file, in order.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { pinnedUses } from "./action_pins.ts";
 * const text = "    - uses: actions/checkout@" + "a".repeat(40) + " # v7.0.1\n";
 * assert.deepEqual(pinnedUses(text), [
 *   { action: "actions/checkout", commit: "a".repeat(40), tag: "v7.0.1" },
 * ]);
 * ```
 */
export function pinnedUses(text: string): PinnedUse[] {
  const found: PinnedUse[] = [];
  for (const [, action, commit, tag] of text.matchAll(USES)) {
    found.push(tag ? { action, commit, tag } : { action, commit });
  }
  return found;
}

const USES = /^\s*(?:-\s+)?uses:\s*["']?([\w.-]+\/[\w./-]+)@([^\s"'#]+)["']?(?:\s+#\s*(\S+))?/gm;

/** Runs git in `gitDir` and returns its stdout, or throws with its stderr. */
export type Git = (gitDir: string, ...args: string[]) => Promise<string>;

/** `git --git-dir DIR ...` with Deno.Command. */
export const runGit: Git = async (gitDir, ...args) => {
  const out = await new Deno.Command("git", { args: ["--git-dir", gitDir, ...args] }).output();
  const text = new TextDecoder();
  if (!out.success) throw new Error(`git ${args.join(" ")}: ${text.decode(out.stderr).trim()}`);
  return text.decode(out.stdout);
};

/** The git folder of `owner/name` below `repos`: `owner/name` (bare or not) or `owner+name/repo`. */
export async function gitDirOf(repos: string, action: string): Promise<string> {
  const [owner, name] = action.split("/");
  for (const dir of [`${repos}/${owner}/${name}`, `${repos}/${owner}+${name}/repo`]) {
    for (const gitDir of [`${dir}/.git`, dir]) {
      try {
        await Deno.stat(`${gitDir}/HEAD`);
        return gitDir;
      } catch { /* not here */ }
    }
  }
  throw new Error(
    `no clone of ${action} in ${repos} (as ${owner}/${name} or ${owner}+${name}/repo)`,
  );
}

/** The newest `vX.Y.Z` tag of a repository, by version order. */
export async function latestTag(git: Git, gitDir: string): Promise<string> {
  const tags = (await git(gitDir, "tag", "--list", "v*")).split("\n")
    .filter((t) => /^v\d+\.\d+\.\d+$/.test(t));
  if (tags.length === 0) throw new Error(`${gitDir} has no vX.Y.Z tag`);
  const key = (t: string) => t.slice(1).split(".").map(Number);
  return tags.sort((a, b) => {
    const [x, y] = [key(a), key(b)];
    return x[0] - y[0] || x[1] - y[1] || x[2] - y[2];
  }).at(-1)!;
}

/** One action at one tag, read from its repository (and, when composite, what it runs). */
export async function readPin(
  git: Git,
  repos: string,
  action: string,
  tag: string,
): Promise<ActionPin[]> {
  const gitDir = await gitDirOf(repos, action);
  const commit = (await git(gitDir, "rev-parse", `${tag}^{commit}`)).trim();
  const date = (await git(gitDir, "log", "-1", "--format=%cs", commit)).trim();
  let manifest = "";
  for (const file of ["action.yml", "action.yaml"]) {
    manifest = await git(gitDir, "show", `${commit}:${file}`).catch(() => "");
    if (manifest) break;
  }
  if (!manifest) throw new Error(`${action}@${tag} has no action.yml`);
  const runs = (parseYaml(manifest) as { runs?: { using?: string } }).runs;
  const runtime = String(runs?.using ?? "unknown");
  if (runtime !== "composite") return [{ action, tag, commit, runtime, date }];
  const nested = pinnedUses(manifest);
  const rows: ActionPin[] = [{
    action,
    tag,
    commit,
    runtime,
    date,
    uses: nested.map((u) => `${u.action}@${u.commit}`),
  }];
  for (const use of nested) {
    const inner = await readPin(git, repos, use.action, use.tag ?? use.commit);
    if (inner[0].commit !== use.commit) {
      throw new Error(`${action}@${tag} runs ${use.action}@${use.commit}, not ${use.tag}`);
    }
    rows.push(...inner);
  }
  return rows;
}

/** The table for every pin of `workflows` (texts), each action at the tag named beside it. */
export async function buildTable(
  git: Git,
  repos: string,
  workflows: readonly string[],
): Promise<ActionPinTable> {
  const wanted = new Map<string, PinnedUse>();
  for (const use of workflows.flatMap(pinnedUses)) {
    if (!use.tag) throw new Error(`${use.action}@${use.commit} has no "# vX.Y.Z" beside it`);
    wanted.set(`${use.action}@${use.tag}`, use);
  }
  const rows = new Map<string, ActionPin>();
  for (const use of wanted.values()) {
    for (const row of await readPin(git, repos, use.action, use.tag!)) {
      rows.set(`${row.action}@${row.tag}`, row);
    }
  }
  return {
    "//":
      "GENERATED by scripts/action_pins.ts from each action's own repository (tag -> commit -> runtime). Do not edit.",
    pins: [...rows.values()].sort((a, b) =>
      `${a.action}@${a.tag}` < `${b.action}@${b.tag}` ? -1 : 1
    ),
  };
}

/** `text` with every pin of `action` moved to `commit # tag`. */
export function movePin(text: string, action: string, commit: string, tag: string): string {
  const escaped = action.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  return text.replace(
    new RegExp(`(uses:\\s*${escaped})@[0-9a-f]{40}(\\s+#\\s*\\S+)?`, "g"),
    `$1@${commit} # ${tag}`,
  );
}

async function main(args: string[]): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    options: { latest: { type: "boolean", default: false } },
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new Error("usage: deno task action-pins [--latest] REPOS");
  const repos = positionals[0];
  const dir = `${REPO_ROOT}/.github/workflows`;
  const files = [...Deno.readDirSync(dir)].filter((e) => e.name.endsWith(".yml"))
    .map((e) => `${dir}/${e.name}`).sort();
  let texts = files.map((f) => Deno.readTextFileSync(f));
  if (values.latest) {
    const actions = new Set(texts.flatMap(pinnedUses).map((u) => u.action));
    for (const action of actions) {
      const gitDir = await gitDirOf(repos, action);
      const tag = await latestTag(runGit, gitDir);
      const commit = (await runGit(gitDir, "rev-parse", `${tag}^{commit}`)).trim();
      texts = texts.map((t) => movePin(t, action, commit, tag));
    }
    files.forEach((f, i) => Deno.writeTextFileSync(f, texts[i]));
  }
  const table = await buildTable(runGit, repos, texts);
  const body = `${JSON.stringify(table, null, 2)}\n`;
  const tmp = `${REPO_ROOT}/${PIN_TABLE_PATH}.tmp`;
  Deno.writeTextFileSync(tmp, body);
  Deno.renameSync(tmp, `${REPO_ROOT}/${PIN_TABLE_PATH}`);
  for (const p of table.pins) {
    console.log(`${p.action}@${p.tag} ${p.commit} ${p.runtime} ${p.date}`);
  }
}

if (import.meta.main) {
  try {
    await main(Deno.args);
  } catch (e) {
    console.error(`action-pins: ${e instanceof Error ? e.message : e}`);
    Deno.exit(1);
  }
}
