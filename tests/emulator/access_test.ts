/** Who may call what: SAM permission documents as SAM reads them. */
import assert from "node:assert/strict";
import { permits, statementsOf } from "../../src/emulator/access.ts";

const doc = (statements: unknown[]) => JSON.stringify({ statements });

Deno.test("permits: an allow that matches and no deny; a deny wins wherever it is", () => {
  const allowList = doc([{ effect: "allow", api: ["Subscriber:list*", "Group:getGroup"] }]);
  assert.equal(permits([allowList], "Subscriber:listSubscribers"), true);
  assert.equal(permits([allowList], "Group:getGroup"), true);
  assert.equal(permits([allowList], "Group:getGroups"), false);
  const denyOne = doc([{ effect: "deny", api: "Subscriber:listSubscribers" }]);
  assert.equal(permits([allowList, denyOne], "Subscriber:listSubscribers"), false);
  assert.equal(permits([doc([{ effect: "allow", api: "*" }])], "Anything:at.all"), true);
  assert.equal(permits([], "Subscriber:listSubscribers"), false);
});

Deno.test("statementsOf: a document's statements, none for anything else", () => {
  assert.equal(statementsOf(doc([{ effect: "allow" }, null, 3])).length, 1);
  assert.deepEqual(statementsOf("not json"), []);
  assert.deepEqual(statementsOf('{"statements":{}}'), []);
});
