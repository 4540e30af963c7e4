/** `soracom version`: soracom-cli's line. */
import assert from "node:assert/strict";
import { fakeContext } from "../../../src/context.ts";
import { versionCommand } from "../../../src/cli/commands/version.ts";
import { VERSION, VERSION_LINE } from "../../../src/version.ts";

Deno.test("version prints `SORACOM API client vVERSION`", async () => {
  const fake = fakeContext();
  assert.equal(await versionCommand().run(fake.ctx, {}, []), 0);
  assert.equal(fake.stdout(), VERSION_LINE);
  assert.equal(VERSION_LINE, `SORACOM API client v${VERSION}\n`);
});
