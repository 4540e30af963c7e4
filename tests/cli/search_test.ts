/**
 * Finding a command: `soracom search WORDS` and `soracom help WORDS` search
 * names, summaries (English and Japanese) and flags; `help` with a command's
 * last word lists the commands of that name; `help help` is a page. The
 * search code is never loaded by `--version` or an API command.
 *
 * @module
 */

import assert from "node:assert/strict";
import { runInProcess } from "../helpers/context.ts";

/** The command names a search printed, in order. */
function listed(stdout: string): string[] {
  return stdout.split("\n").filter((l) => /^ {2}\S/.test(l)).map((l) => l.trim().split(/ {2,}/)[0]);
}

Deno.test("search: 'speed', '通信量' and 'usage' find the commands that change speed and show data usage", async () => {
  const speed = await runInProcess(["search", "speed"]);
  assert.equal(speed.code, 0, speed.stderr);
  assert.deepEqual(listed(speed.stdout).slice(0, 2), [
    "sims update-speed-class",
    "subscribers update-speed-class",
  ]);
  for (
    const [words, env] of [[["通信量"], { LANG: "ja_JP.UTF-8" }], [["data", "usage"], {}]] as const
  ) {
    const r = await runInProcess(["search", ...words], { env });
    assert.equal(r.code, 0, r.stderr);
    assert.ok(listed(r.stdout).includes("stats air get"), r.stdout);
  }
  const usage = await runInProcess(["help", "usage"]);
  assert.ok(listed(usage.stdout).includes("stats"), usage.stdout);
  // Japanese words find English-named commands through their Japanese summaries.
  const ja = await runInProcess(["search", "速度クラス"], { env: { LANG: "ja_JP.UTF-8" } });
  assert.ok(listed(ja.stdout).includes("subscribers update-speed-class"), ja.stdout);
  assert.match(ja.stdout, /^「速度クラス」に合うコマンド:\n/);
});

Deno.test("search: a command whose summary has the word comes before a group whose summary has it", async () => {
  for (const lang of ["ja_JP.UTF-8", "C"]) {
    const r = await runInProcess(["search", "速度"], { env: { LANG: lang } });
    assert.equal(r.code, 0, r.stderr);
    const found = listed(r.stdout);
    assert.ok(
      found.indexOf("subscribers update-speed-class") < found.indexOf("subscribers"),
      r.stdout,
    );
    assert.ok(found.indexOf("subscribers get") < found.indexOf("subscribers"), r.stdout);
  }
  // A group named by the word still comes first.
  const group = await runInProcess(["search", "subscribers"]);
  assert.equal(listed(group.stdout)[0], "subscribers", group.stdout);
});

Deno.test("help WORDS: a command's last word lists the commands of that name; help help is a page", async () => {
  const r = await runInProcess(["help", "update-speed-class"]);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(listed(r.stdout), ["sims update-speed-class", "subscribers update-speed-class"]);
  const help = await runInProcess(["help", "help"]);
  assert.equal(help.code, 0, help.stderr);
  assert.match(help.stdout, /^Show what a command does and its flags/);
  assert.match(help.stdout, /soracom help update-speed-class/);
  // A group's page is still a group's page, and a command's still its page.
  assert.match((await runInProcess(["help", "stats", "air"])).stdout, /^data usage of SIMs/);
  assert.match((await runInProcess(["help", "sims", "get"])).stdout, /^Show one SIM/);
});

Deno.test("search: nothing found is an error with the closest command words; no words is one too", async () => {
  const typo = await runInProcess(["help", "sped"]);
  assert.equal(typo.code, 2);
  assert.equal(
    typo.stderr,
    `Error: no command matches "sped" (did you mean "speed"?); run 'soracom help' for every command\n`,
  );
  const ja = await runInProcess(["search", "xyzzy"], { env: { LANG: "ja_JP.UTF-8" } });
  assert.equal(ja.code, 2);
  assert.equal(
    ja.stderr,
    "Error: 「xyzzy」に合うコマンドはありません。すべてのコマンドは 'soracom help' で確認できます\n",
  );
  const none = await runInProcess(["search"]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /^Error: search needs words/);
});

Deno.test("the search is not loaded by --version, nor by an API command's run (only dynamically)", async () => {
  const main = new URL("../../main.ts", import.meta.url);
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["info", "--json", main.pathname],
    stdout: "piped",
  }).output();
  const graph = JSON.parse(new TextDecoder().decode(out.stdout)) as {
    modules: {
      specifier: string;
      dependencies?: { code?: { specifier: string }; isDynamic?: boolean }[];
    }[];
  };
  const bySpecifier = new Map(graph.modules.map((m) => [m.specifier, m]));
  const staticClosure = new Set<string>();
  const queue = [main.href];
  while (queue.length > 0) {
    const at = queue.pop()!;
    if (staticClosure.has(at)) continue;
    staticClosure.add(at);
    for (const dep of bySpecifier.get(at)?.dependencies ?? []) {
      if (!dep.isDynamic && dep.code) queue.push(dep.code.specifier);
    }
  }
  const search = new URL("../../src/cli/search.ts", import.meta.url).href;
  assert.ok(bySpecifier.has(search), "search.ts is in the graph (dynamically)");
  assert.ok(!staticClosure.has(search), "search.ts is imported statically from main.ts");
});
