/** What `soracom mcp` lets run: reads by default, changes with --allow-write, --allow and --deny patterns. */
import assert from "node:assert/strict";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { readsOnly, refusal } from "../../src/mcp/policy.ts";

const catalog = await loadCatalog();
const opOf = (id: string) => catalog.operations.find((op) => op.operationId === id)!;
const open = { allowWrite: false, allow: [], deny: [] };

Deno.test("a GET reads only; a change needs --allow-write", () => {
  const list = opOf("listSubscribers");
  const terminate = opOf("terminateSubscriber");
  assert.equal(readsOnly(list), true);
  assert.equal(readsOnly(terminate), false);
  assert.equal(refusal(list, open), undefined);
  assert.equal(refusal(terminate, open)?.key, "mcpWriteRefused");
  assert.equal(refusal(terminate, { ...open, allowWrite: true }), undefined);
});

Deno.test("--deny wins over everything; --allow lets only what it matches, by name or ID, any case", () => {
  const list = opOf("listSubscribers");
  assert.equal(refusal(list, { ...open, deny: ["SUBSCRIBERS *"] })?.key, "mcpDenied");
  assert.equal(refusal(list, { ...open, allow: ["listSub*"] }), undefined);
  assert.equal(refusal(list, { ...open, allow: ["groups *"] })?.key, "mcpNotAllowed");
  assert.equal(
    refusal(list, { ...open, allow: ["subscribers list"], deny: ["subscribers list"] })?.key,
    "mcpDenied",
  );
});
