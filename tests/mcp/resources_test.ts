/** The resources: the profile the server runs as, and every profile, as `auth status --json`. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { readResource, resourceList } from "../../src/mcp/resources.ts";

const files = { "/home/ann/.soracom/default.json": '{"authKeyId":"keyId-x","authKey":"secret-x"}' };

Deno.test("resourceList names the two resources, in the reader's language", () => {
  const en = resourceList("en");
  assert.deepEqual(en.map((r) => r.uri), ["soracom://profile", "soracom://profiles"]);
  assert.notEqual(resourceList("ja")[0].title, en[0].title);
});

Deno.test("readResource gives the profile's status as JSON, its secret never shown; an unknown URI none", async () => {
  const { ctx } = fakeContext({ env: { HOME: "/home/ann" }, files });
  const text = await readResource(ctx, {}, "soracom://profile");
  assert.ok(text !== undefined && !text.includes("secret-x"), text);
  assert.ok(JSON.stringify(JSON.parse(text)).includes("default"), text);
  const all = await readResource(ctx, {}, "soracom://profiles");
  assert.ok(all !== undefined && all.includes("default"));
  assert.equal(await readResource(ctx, {}, "soracom://nothing"), undefined);
});
