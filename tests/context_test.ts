/**
 * The fake Context keeps everything in memory, and a run that must stop at
 * once (`Ended`) stops quietly with its code whichever path it took.
 */

import assert from "node:assert/strict";
import { type Context, detectLang, Ended, fakeContext } from "../src/context.ts";
import { runCli } from "../src/cli/app.ts";

const REAL = new URL("../src/system/real.ts", import.meta.url);

Deno.test("the language follows soracom-cli's rules, and is English when the environment cannot be read", () => {
  const lang = (env: Record<string, string>) => detectLang((n) => env[n]);
  assert.equal(lang({}), "en");
  assert.equal(lang({ LANG: "ja_JP.UTF-8" }), "ja");
  assert.equal(lang({ LANG: "C", LC_ALL: "ja_JP.UTF-8" }), "en");
  assert.equal(lang({ LC_ALL: "ja_JP.UTF-8", LANG: "en_US" }), "ja");
  assert.equal(lang({ LC_ALL: "fr_FR", LANGUAGE: "fr:ja" }), "ja");
  assert.equal(lang({ LC_MESSAGES: "ja_JP", LANG: "en_US" }), "ja");
  assert.equal(lang({ LANG: "de_DE" }), "en");
  const denied = () => {
    throw new Deno.errors.NotCapable("no env access");
  };
  assert.equal(detectLang(denied), "en");
});

Deno.test("a Context decides the language once, when it is made; the fake takes it from env or as set", async () => {
  assert.equal(fakeContext({ env: { LANG: "ja_JP.UTF-8" } }).ctx.lang, "ja");
  assert.equal(fakeContext({ env: { LANG: "ja_JP.UTF-8" }, lang: "en" }).ctx.lang, "en");
  assert.equal(fakeContext().ctx.lang, "en");
  // The real one, in a process of its own (the environment is the process's).
  const script = `import { realContext } from ${JSON.stringify(REAL.href)};
const ctx = realContext();
Deno.env.set("LC_ALL", "C");
console.log(ctx.lang, realContext().lang);`;
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["eval", "--quiet", script],
    env: { LC_ALL: "ja_JP.UTF-8" },
    stdout: "piped",
  }).output();
  assert.equal(new TextDecoder().decode(out.stdout), "ja en\n");
});

Deno.test("fakeContext: files live in memory only, in folders that must exist", async () => {
  const home = `/nonexistent-${crypto.randomUUID()}`;
  const fake = fakeContext({ env: { HOME: home } });
  const fs = fake.ctx.fs;
  const data = new TextEncoder().encode("x");
  await assert.rejects(() => fs.writeFileAtomic(`${home}/a/b.json`, data, 0o600));
  await fs.ensureDir(`${home}/a`, 0o700);
  await fs.writeFileAtomic(`${home}/a/b.json`, data, 0o600);
  assert.deepEqual(await fs.readDir(`${home}/a`), ["b.json"]);
  assert.deepEqual(await fs.stat(`${home}/a`), { isFile: false, size: 0, mode: 0o700, uid: 1000 });
  assert.deepEqual(await fs.lstat(`${home}/a`), await fs.stat(`${home}/a`));
  assert.equal(fake.ctx.userId(), 1000);
  assert.equal(fake.file(`${home}/a/b.json`), "x");
  assert.equal(await Deno.stat(home).catch(() => null), null); // nothing on the real disk
  assert.equal(await fs.remove(`${home}/a/b.json`), true);
  assert.equal(await fs.remove(`${home}/a/b.json`), false);
  await assert.rejects(() => fs.readFile(`${home}/a/b.json`), Deno.errors.NotFound);
});

Deno.test("fakeContext: no network or processes unless scripted; sleep moves the clock", async () => {
  const fake = fakeContext({ now: 1000 });
  await assert.rejects(() => fake.ctx.fetch(new Request("http://127.0.0.1:1/")), TypeError);
  await assert.rejects(
    () => fake.ctx.run(["op"], { timeoutMs: 1, maxStdoutBytes: 1, interactive: false }),
    Deno.errors.NotFound,
  );
  await fake.ctx.sleep(250);
  assert.equal(fake.ctx.now(), 1250);
});

/** A context whose stdout's reader has gone away. */
function closedStdout(): { ctx: Context; stderr: () => string } {
  const fake = fakeContext({ env: { HOME: "/home/ann" } });
  const stdout = {
    write: () => {
      throw new Ended(141, "reader gone");
    },
    isTerminal: () => false,
  };
  return { ctx: { ...fake.ctx, stdout }, stderr: fake.stderr };
}

Deno.test("Ended from a write stops a run quietly with its code, whichever command wrote", async () => {
  for (const argv of [["completion", "bash"], ["help"], ["__complete", "sub"]]) {
    const run = closedStdout();
    assert.equal(await runCli(argv, run.ctx), 141, argv.join(" "));
    assert.equal(run.stderr(), "", argv.join(" "));
  }
  // `--version` writes before anything can catch: main.ts gets the Ended itself.
  const run = closedStdout();
  const e = await Promise.resolve().then(() => runCli(["--version"], run.ctx)).then(
    () => assert.fail("expected a rejection"),
    (e: unknown) => e,
  );
  assert.ok(e instanceof Ended, String(e));
  assert.ok(e instanceof Ended && e.code === 141);
});
