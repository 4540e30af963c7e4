/**
 * The documentation holds: `deno doc --lint` finds nothing to say about
 * main.ts and the modules of src/ (every export documented, with its types
 * public). Their examples run as tests (`deno test --doc`, in the test task).
 */

import assert from "node:assert/strict";

/** Every module of src/ (generated ones included: they are documented too). */
async function sourceModules(dir: URL): Promise<string[]> {
  const found: string[] = [];
  for await (const entry of Deno.readDir(dir)) {
    const url = new URL(entry.name + (entry.isDirectory ? "/" : ""), dir);
    if (entry.isDirectory) found.push(...await sourceModules(url));
    else if (entry.name.endsWith(".ts")) found.push(url.pathname);
  }
  return found.sort();
}

Deno.test("deno doc --lint: main.ts and every module of src/ are documented", async () => {
  const root = new URL("../", import.meta.url);
  const modules = await sourceModules(new URL("src/", root));
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["doc", "--lint", new URL("main.ts", root).pathname, ...modules],
    env: { NO_COLOR: "1" },
    stdout: "piped",
    stderr: "piped",
  }).output();
  const report = new TextDecoder().decode(out.stderr).split("\n").filter((l) =>
    /^error/.test(l) || /-->/.test(l)
  );
  assert.equal(report.length, 0);
  assert.equal(out.code, 0);
});
