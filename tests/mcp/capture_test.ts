/** One tool call's own Context: its output kept, no terminal, no stdin, secrets never shown. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import { capture, shownToClient } from "../../src/mcp/capture.ts";

Deno.test("capture keeps stdout and stderr apart and has no terminal and no stdin", async () => {
  const run = capture(fakeContext().ctx);
  run.ctx.stdout.write("out");
  run.ctx.stderr.write(new TextEncoder().encode("err"));
  assert.equal(run.stdout(), "out");
  assert.equal(run.stderr(), "err");
  assert.equal(run.ctx.stdinIsTerminal(), false);
  assert.equal(run.ctx.terminalWidth(), undefined);
  await assert.rejects(
    run.ctx.readStdin(10),
    (e) => e instanceof CliError && e.said?.key === "mcpBodyFromHere",
  );
  assert.equal(await run.ctx.prompt("Code: "), undefined);
});

Deno.test("capture asks through the client, and keeps the last answer's headers", async () => {
  const asked: [string, boolean][] = [];
  const base = fakeContext({
    fetch: () => Promise.resolve(new Response("{}", { headers: { "x-soracom-next-key": "k" } })),
  });
  const run = capture(base.ctx, (q, secret) => {
    asked.push([q, secret]);
    return Promise.resolve("123456");
  });
  assert.equal(await run.ctx.prompt("Code: ", { secret: true }), "123456");
  assert.deepEqual(asked, [["Code: ", true]]);
  await run.ctx.fetch(new Request("https://api.example.com/v1/x"));
  assert.equal(run.lastHeaders()?.get("x-soracom-next-key"), "k");
});

Deno.test("shownToClient hides the secrets seen and fields named like secrets", () => {
  const { ctx } = fakeContext();
  ctx.secrets.add("token-abcdefgh");
  const shown = shownToClient(
    ctx,
    '{"token":"token-abcdefgh","password":"pw-1234567","imsi":"4401"}',
  );
  assert.ok(!shown.includes("token-abcdefgh") && !shown.includes("pw-1234567"), shown);
  assert.ok(shown.includes("4401"));
  const run = capture(ctx);
  run.ctx.stderr.write("token-abcdefgh");
  assert.ok(!run.stderr().includes("token-abcdefgh"));
});
