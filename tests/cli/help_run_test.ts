/** Which help page and which words: the root, a group, a command, in the reader's language. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { helpPage, layoutFor, rootText, summariesOf } from "../../src/cli/help_run.ts";
import { buildTree } from "../../src/cli/tree.ts";

const tree = await buildTree(true);

Deno.test("layoutFor: the run's language, the terminal's width within 40..120, 80 off one", () => {
  assert.equal(layoutFor(fakeContext({ lang: "ja" }).ctx).lang, "ja");
  assert.equal(layoutFor(fakeContext().ctx).width, 80);
  assert.equal(layoutFor(fakeContext({ terminalWidth: 20 }).ctx).width, 40);
  assert.equal(layoutFor(fakeContext({ terminalWidth: 300 }).ctx).width, 120);
});

Deno.test("the root, a group and a command each get their page, in either language", async () => {
  const ctx = fakeContext().ctx;
  const ja = fakeContext({ lang: "ja" }).ctx;
  await tree.load("subscribers");
  const root = await helpPage(ctx, tree, [], undefined);
  assert.match(root, /subscribers/);
  const group = await helpPage(ctx, tree, ["subscribers"], undefined);
  assert.match(group, /\blist\b/);
  const list = await tree.build("subscribers list");
  const page = await helpPage(ctx, tree, ["subscribers", "list"], list.flags);
  assert.match(page, /--limit/);
  const pageJa = await helpPage(ja, tree, ["subscribers", "list"], list.flags);
  assert.notEqual(pageJa, page);
  assert.match(pageJa, /[\u3040-\u30ff\u4e00-\u9fff]/);
});

Deno.test("summariesOf gives each name's one line as the lists show it, groups first", async () => {
  const root = await rootText();
  const names = ["subscribers", "configure"];
  const [subscribers, configure] = await summariesOf(fakeContext().ctx, tree, names);
  assert.equal(subscribers, root.groups.en.subscribers.summary);
  assert.equal(configure, root.groups.en.configure.summary);
  const [, configureJa] = await summariesOf(fakeContext({ lang: "ja" }).ctx, tree, names);
  assert.equal(configureJa, root.groups.ja.configure.summary);
  assert.notEqual(configureJa, configure);
});
