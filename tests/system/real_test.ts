/** The Context of this process: what it reads of the process, and that every effect is there. */
import assert from "node:assert/strict";
import { realContext } from "../../src/system/real.ts";

Deno.test("realContext reads this process's environment, platform and clock", () => {
  const ctx = realContext();
  assert.equal(ctx.env("PATH"), Deno.env.get("PATH"));
  assert.equal(ctx.os, Deno.build.os);
  assert.equal(ctx.arch, Deno.build.arch);
  assert.ok(Math.abs(ctx.now() - Date.now()) < 60_000);
  assert.ok(ctx.lang === "en" || ctx.lang === "ja");
  for (
    const effect of [ctx.fetch, ctx.run, ctx.runAttached, ctx.prompt, ctx.serve, ctx.readStdin]
  ) {
    assert.equal(typeof effect, "function");
  }
});

Deno.test("under deno run there is no executable of ours to replace", async () => {
  assert.equal(await realContext().executable?.path(), undefined);
});
