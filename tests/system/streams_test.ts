/** The real output streams: every byte written in order, a reader gone ends the run quietly. */
import assert from "node:assert/strict";
import { Ended } from "../../src/context.ts";
import { isPiped, outputFor } from "../../src/system/streams.ts";
import { tempDir } from "../helpers/run.ts";

Deno.test("outputFor writes all of a text, however little each write takes", () => {
  const got: number[] = [];
  const out = outputFor({
    writeSync: (data) => {
      got.push(data[0]);
      return 1;
    },
    isTerminal: () => true,
  });
  out.write("añ");
  out.write(new Uint8Array([0x21]));
  assert.deepEqual(got, [0x61, 0xc3, 0xb1, 0x21]);
  assert.equal(out.isTerminal(), true);
});

Deno.test("a reader that went away ends the run with 141; other errors go on up", () => {
  const broken = outputFor({
    writeSync: () => {
      throw new Deno.errors.BrokenPipe("gone");
    },
    isTerminal: () => false,
  });
  assert.throws(() => broken.write("x"), (e) => e instanceof Ended && e.code === 141);
  const failing = outputFor({
    writeSync: () => {
      throw new Error("disk");
    },
    isTerminal: () => false,
  });
  assert.throws(() => failing.write("x"), { message: "disk" });
});

Deno.test("isPiped: a file is not a pipe; a path that cannot be looked at counts as one", async () => {
  const dir = await tempDir();
  try {
    await Deno.writeTextFile(`${dir}/f`, "");
    assert.equal(isPiped(`${dir}/f`), false);
    assert.equal(isPiped(`${dir}/missing`), true);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
