/** soracom_call: the operation a command names, its flags read as the CLI reads them, its answer. */
import assert from "node:assert/strict";
import { buildTree } from "../../src/cli/tree.ts";
import { fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import { callOperation, errorText, operationOf } from "../../src/mcp/call.ts";

const tree = await buildTree(true);
const SESSION = {
  HOME: "/home/ann",
  SORACOM_API_KEY: "api-key-1234",
  SORACOM_API_TOKEN: "token-abcdefgh",
};
const readOnly = { allowWrite: false, allow: [], deny: [] };

Deno.test("operationOf: a command's operation, `soracom` taken off; unknown words are a usage error", async () => {
  assert.equal(
    (await operationOf(tree, "soracom subscribers list")).operationId,
    "listSubscribers",
  );
  await assert.rejects(
    operationOf(tree, "subscribers lst"),
    (e) => e instanceof CliError && e.said?.key === "mcpUnknownOperation",
  );
  await assert.rejects(
    operationOf(tree, "x".repeat(201)),
    (e) => e instanceof CliError && e.said?.key === "mcpTooLong",
  );
});

Deno.test("callOperation runs a read with its flags and hands back the output, secrets hidden", async () => {
  const asked: string[] = [];
  const { ctx } = fakeContext({
    env: SESSION,
    fetch: (req) => {
      asked.push(req.url);
      return Promise.resolve(Response.json({ imsi: "4401", token: "token-abcdefgh" }));
    },
  });
  const result = await callOperation(
    { ctx, tree, policy: readOnly, global: {}, profile: "default" },
    "subscribers get",
    { imsi: "4401" },
  );
  assert.equal(result.isError, undefined);
  assert.ok(asked[0].endsWith("/v1/subscribers/4401"));
  assert.ok(result.text.includes("4401") && !result.text.includes("token-abcdefgh"), result.text);
});

Deno.test("callOperation refuses a change, a server flag and a body from a file, as tool errors", async () => {
  const { ctx } = fakeContext({ env: SESSION });
  const setting = { ctx, tree, policy: readOnly, global: {}, profile: "default" };
  const change = await callOperation(setting, "subscribers terminate", { imsi: "4401" });
  assert.equal(change.isError, true);
  const serverFlag = await callOperation(setting, "subscribers get", { imsi: "1", profile: "x" });
  assert.equal(serverFlag.isError, true);
  const write = { ...setting, policy: { ...readOnly, allowWrite: true } };
  const fromFile = await callOperation(write, "groups create", { body: "@/etc/passwd" });
  assert.equal(fromFile.isError, true);
});

Deno.test("errorText: the error line in the server's language, marked as an error", async () => {
  const text = await errorText(fakeContext().ctx, new CliError("usage", "bad thing"));
  assert.deepEqual(text, { text: "Error: bad thing", isError: true });
});
