/**
 * The release smoke script (`deno task smoke`) here, against the bundle under
 * the release permissions, as the release runs it against each executable.
 */
import assert from "node:assert/strict";
import { bundleArgv } from "../helpers/bundle.ts";
import { tempDir } from "../helpers/run.ts";
import { smoke } from "../../scripts/smoke.ts";
import { testWhere } from "../helpers/platform.ts";

testWhere(
  ["posix-modes"],
  "smoke: every check passes for the bundle under the release flags",
  async () => {
    const dir = await tempDir();
    try {
      const checks = await smoke(await bundleArgv(), dir);
      assert.deepEqual(checks.filter((c) => !c.ok), []);
      assert.equal(checks.length, 7);
    } finally {
      await Deno.remove(dir, { recursive: true });
    }
  },
);

Deno.test("smoke: a program that is not soracom fails every check", async () => {
  const dir = await tempDir();
  try {
    const checks = await smoke([Deno.execPath(), "eval", "console.log('hello')"], dir);
    assert.deepEqual(checks.map((c) => c.ok), checks.map(() => false));
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
