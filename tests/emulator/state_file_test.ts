/** `--state FILE`: read at start (refused when it is not ours), written after each change. */
import assert from "node:assert/strict";
import { fakeContext } from "../../src/context.ts";
import { emptyWorld } from "../../src/emulator/seed.ts";
import { readState, StateFileError, StateWriter } from "../../src/emulator/state_file.ts";

Deno.test("a state written is read back; no file is no state", async () => {
  const { ctx, mode } = fakeContext({ files: { "/s/.keep": "" } });
  assert.equal(await readState(ctx.fs, "/s/state.json"), undefined);
  const writer = new StateWriter(ctx.fs, "/s/state.json");
  const world = emptyWorld(7, 3);
  await writer.save(world);
  await writer.save({ ...world, simCount: 4 });
  assert.deepEqual(await readState(ctx.fs, "/s/state.json"), { ...world, simCount: 4 });
  assert.equal(mode("/s/state.json"), 0o600);
});

Deno.test("a file that is not a state is refused, saying why but not what it holds", async () => {
  const { ctx } = fakeContext({ files: { "/a": "secret text", "/b": '{"format":"other"}' } });
  await assert.rejects(readState(ctx.fs, "/a"), (e) => {
    assert.ok(e instanceof StateFileError);
    assert.equal(e.message, "/a: not JSON");
    return true;
  });
  await assert.rejects(readState(ctx.fs, "/b"), /^StateFileError: \/b: not an emulator state/);
});
