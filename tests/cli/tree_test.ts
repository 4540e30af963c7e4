/** The command tree: every path known at once, each command built only when named. */
import assert from "node:assert/strict";
import { buildTree } from "../../src/cli/tree.ts";
import { CliError } from "../../src/errors.ts";

Deno.test("the tree knows groups, their children and hand-written commands", async () => {
  const tree = await buildTree(true);
  assert.ok(tree.isCommand("subscribers list"));
  assert.ok(tree.isCommand("configure"));
  assert.ok(!tree.isCommand("subscribers"));
  assert.ok(tree.children("")?.has("subscribers"));
  assert.ok(tree.children("subscribers")?.has("list"));
  assert.equal(tree.children("subscribers list"), undefined);
  assert.ok(tree.isPrefix(["subscribers"]));
  assert.ok(!tree.isPrefix(["nosuch"]));
});

Deno.test("build makes an API command from its operation, a hand-written one from its file", async () => {
  const tree = await buildTree(true);
  const list = await tree.build("subscribers list");
  assert.ok("limit" in list.flags);
  assert.equal(tree.op("subscribers list")?.operationId, "listSubscribers");
  const version = await tree.build("version");
  assert.equal(version.takesArguments, false);
  await assert.rejects(tree.build("nosuch"), CliError);
});

Deno.test("without the catalogue only the hand-written commands are there", async () => {
  const tree = await buildTree(false);
  assert.ok(tree.isCommand("configure"));
  assert.ok(!tree.isCommand("subscribers list"));
});
