/** Requests checked against the operation's definition, as the real API refuses them. */
import assert from "node:assert/strict";
import { loadFacts } from "../../src/emulator/facts.ts";
import { checkRequest } from "../../src/emulator/request.ts";
import { parseJson } from "../../src/json/mod.ts";

Deno.test("checkRequest refuses a query value of the wrong type or outside its enum", async () => {
  const { operations, schemas } = await loadFacts();
  const list = operations.listSubscribers;
  const check = (query: string) =>
    checkRequest(list, schemas, {}, new URLSearchParams(query), new Headers(), undefined);
  assert.equal(check("limit=10"), undefined);
  assert.equal(check("limit=abc")?.status, 400);
  assert.equal(check("limit=0")?.status, 400);
});

Deno.test("checkRequest refuses a missing body and a body that does not fit", async () => {
  const { operations, schemas } = await loadFacts();
  const create = operations.createGroup;
  const check = (body: Parameters<typeof checkRequest>[5]) =>
    checkRequest(create, schemas, {}, new URLSearchParams(), new Headers(), body);
  assert.equal(check({ json: parseJson('{"tags":{"name":"g"}}') }), undefined);
  assert.equal(check({ json: parseJson('{"tags":"not a map"}') })?.status, 400);
  assert.equal(check({ notJson: "{" })?.status, 400);
});
