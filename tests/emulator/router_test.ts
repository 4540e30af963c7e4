/** Finding a request's operation among the catalogue's path templates. */
import assert from "node:assert/strict";
import { loadCatalog } from "../../src/catalog/catalog.ts";
import { Router } from "../../src/emulator/router.ts";

const router = new Router((await loadCatalog()).operations);

Deno.test("a literal segment wins over a parameter; parameters are decoded", () => {
  assert.equal(
    router.match("POST", "/subscribers/transfer_token/issue")?.op.operationId,
    "issueSubscriberTransferToken",
  );
  const found = router.match("GET", "/subscribers/4401%2000");
  assert.equal(found?.op.operationId, "getSubscriber");
  assert.deepEqual(found?.params, { imsi: "4401 00" });
});

Deno.test("HEAD finds GET; an unknown path or method finds nothing", () => {
  assert.equal(router.match("HEAD", "/subscribers")?.op.operationId, "listSubscribers");
  assert.equal(router.match("GET", "/no/such/path"), undefined);
  assert.equal(router.match("PATCH", "/subscribers"), undefined);
  assert.equal(router.match("GET", "/subscribers/%E0%A4%A"), undefined);
});

Deno.test("Harvest Files' {path} takes the rest of the path, slashes and all", () => {
  const found = router.match("GET", "/files/private/a/b/c.txt");
  assert.equal(found?.params.path, "a/b/c.txt");
});
