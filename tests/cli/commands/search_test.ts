/** `soracom search` and `soracom help` as commands. */
import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import { CliError } from "../../../src/errors.ts";
import { helpCommand, searchCommand } from "../../../src/cli/commands/search.ts";
import { buildTree } from "../../../src/cli/tree.ts";

const whole = () => buildTree(true);

Deno.test("search needs words, and lists the commands that have them", async () => {
  const search = searchCommand(undefined, whole);
  await assert.rejects(
    search.run(fakeContext().ctx, {}, []),
    (e) => e instanceof CliError && e.kind === "usage" && e.said?.key === "searchNeedsWords",
  );
  const fake = fakeContext();
  assert.equal(await search.run(fake.ctx, {}, ["subscribers"]), 0);
  assert.match(fake.stdout(), /subscribers list/);
});

Deno.test("help alone is the root page; with words, the matches", async () => {
  const help = helpCommand(undefined, whole);
  const root = fakeContext();
  await help.run(root.ctx, {}, []);
  assert.match(root.stdout(), /subscribers/);
  const found = fakeContext();
  await help.run(found.ctx, {}, ["speed", "class"]);
  assert.match(found.stdout(), /update-speed-class/);
});
