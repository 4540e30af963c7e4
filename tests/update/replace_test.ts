/** Putting a new executable in place, on the fake's files: directly, and Windows' way. */
import assert from "node:assert/strict";
import { type Context, fakeContext } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import { replaceExecutable } from "../../src/update/replace.ts";

const NEW = new TextEncoder().encode("new");

/** The fake as Windows, where the running executable can only be renamed. */
function windows(files: Record<string, string>, failWrite = false) {
  const fake = fakeContext({ files });
  const fs = fake.ctx.fs;
  const ctx: Context = {
    ...fake.ctx,
    os: "windows",
    fs: failWrite ? { ...fs, writeFileAtomic: () => Promise.reject(new Error("disk full")) } : fs,
    executable: {
      path: () => Promise.resolve("/bin/soracom.exe"),
      rename: async (from, to) => {
        await fs.writeFileAtomic(to, await fs.readFile(from), 0o755);
        await fs.remove(from);
      },
    },
  };
  return { ...fake, ctx };
}

Deno.test("replaceExecutable writes the new file in place, mode 0755", async () => {
  const fake = fakeContext({ files: { "/bin/soracom": "old" } });
  await replaceExecutable({ ...fake.ctx, os: "linux" }, "/bin/soracom", NEW);
  assert.equal(fake.file("/bin/soracom"), "new");
  assert.equal(fake.mode("/bin/soracom"), 0o755);
});

Deno.test("replaceExecutable on Windows moves the old one aside and removes it and earlier leftovers", async () => {
  const fake = windows({ "/bin/soracom.exe": "old", "/bin/.soracom.exe.1234.old": "older" });
  await replaceExecutable(fake.ctx, "/bin/soracom.exe", NEW);
  assert.equal(fake.file("/bin/soracom.exe"), "new");
  assert.deepEqual(await fake.ctx.fs.readDir("/bin"), ["soracom.exe"]);
});

Deno.test("replaceExecutable on Windows puts the old one back when the new one cannot be written", async () => {
  const fake = windows({ "/bin/soracom.exe": "old" }, true);
  await assert.rejects(replaceExecutable(fake.ctx, "/bin/soracom.exe", NEW), {
    message: "disk full",
  });
  assert.equal(fake.file("/bin/soracom.exe"), "old");
  assert.deepEqual(await fake.ctx.fs.readDir("/bin"), ["soracom.exe"]);
});

Deno.test("replaceExecutable on Windows needs a way to rename the executable", async () => {
  const fake = windows({ "/bin/soracom.exe": "old" });
  await assert.rejects(
    replaceExecutable({ ...fake.ctx, executable: undefined }, "/bin/soracom.exe", NEW),
    (e) => e instanceof CliError && e.kind === "internal" && e.said?.key === "cannotRename",
  );
  assert.equal(fake.file("/bin/soracom.exe"), "old");
});
