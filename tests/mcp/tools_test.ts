/** The three tools: their descriptions by policy, search's matches, describe's facts. */
import assert from "node:assert/strict";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { buildTree } from "../../src/cli/tree.ts";
import { describeTool, searchTool, TOOL_NAMES, toolList } from "../../src/mcp/tools.ts";

const catalog = await loadCatalog();
const opOf = (id: string) => catalog.operations.find((op) => op.operationId === id)!;
const readOnly = { allowWrite: false, allow: [], deny: [] };

Deno.test("toolList: the three tools, soracom_call read-only unless --allow-write, in either language", () => {
  const tools = toolList("en", readOnly);
  assert.deepEqual(tools.map((t) => t.name), [...TOOL_NAMES]);
  const call = (allowWrite: boolean) => toolList("en", { ...readOnly, allowWrite })[2].annotations;
  assert.equal(call(false).readOnlyHint, true);
  assert.equal(call(true).destructiveHint, true);
  assert.notEqual(toolList("ja", readOnly)[0].description, tools[0].description);
});

Deno.test("searchTool lists the commands that have the words, as JSON", async () => {
  const found = JSON.parse(await searchTool("en", await buildTree(true), "subscribers list"));
  assert.ok(found.matches.some((m: { command: string }) => m.command === "subscribers list"));
});

Deno.test("describeTool: the route, whether it changes things and runs here, and every flag", async () => {
  const terminate = JSON.parse(await describeTool("en", opOf("terminateSubscriber"), readOnly));
  assert.equal(terminate.method, "POST");
  assert.match(terminate.route, /^\/v1\/subscribers\/\{imsi\}\/terminate$/);
  assert.equal(terminate.changesThings, true);
  assert.equal(terminate.runsHere, false);
  assert.equal(typeof terminate.whyNot, "string");
  const list = JSON.parse(await describeTool("en", opOf("listSubscribers"), readOnly));
  const flags = list.flags.map((f: { flag: string }) => f.flag);
  assert.ok(flags.includes("limit") && flags.includes("fetch-all") && flags.includes("query"));
  assert.equal(list.runsHere, true);
});
