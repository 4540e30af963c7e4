import assert from "node:assert/strict";
import { filePath, isAbsolutePath, REPO_ROOT } from "../../scripts/file_path.ts";

Deno.test("file URLs become native paths; absolute paths are told on both systems", async () => {
  const url = new URL("file:///C:/Users/A%20B/x.ts");
  assert.deepEqual(
    filePath(url),
    Deno.build.os === "windows" ? "C:/Users/A B/x.ts" : "/C:/Users/A B/x.ts",
  );
  for (const p of ["/tmp/x", "C:\\x", "c:/x", "\\\\server\\x"]) {
    assert.equal(isAbsolutePath(p), true, p);
  }
  for (const p of ["dist/x.js", "x", "C:x"]) assert.equal(isAbsolutePath(p), false, p);
  await Deno.stat(`${REPO_ROOT}/deno.json`);
});
