/**
 * The update against a loopback releases API, replacing a copy of a file
 * (`SORACOM_SELF_UPDATE_TARGET`), never the Deno binary: what is refused
 * (a checksum mismatch, a missing asset or checksum, a bad signature, another
 * host, a file too large, an interrupted download) always before anything is
 * replaced, and Windows' move-aside.
 */
import assert from "node:assert/strict";
import { hostAssetName, releaseOf } from "../../scripts/fake_releases.ts";
import type { Context } from "../../src/context.ts";
import { CliError } from "../../src/errors.ts";
import { releaseArch } from "../../src/update/release.ts";
import { checkForUpdate, installUpdate } from "../../src/update/update.ts";
import { VERSION } from "../../src/version.ts";
import { testContext } from "../helpers/context.ts";
import { testWhere } from "../helpers/platform.ts";
import {
  assertUnchanged,
  NEW,
  OLD,
  type UpdateTarget,
  updateTarget,
} from "../helpers/update_target.ts";

/** Checks for an update and installs it; what was thrown, if anything. */
async function update(
  t: UpdateTarget,
  options: { env?: Record<string, string>; windows?: boolean; failWrite?: boolean } = {},
): Promise<CliError | undefined> {
  const env: Record<string, string> = options.env ?? t.env;
  let ctx: Context = testContext({ env }).ctx;
  if (options.windows) {
    ctx = {
      ...ctx,
      os: "windows",
      env: (name) => name === "SORACOM_SELF_UPDATE_TARGET" ? undefined : env[name],
      executable: { path: () => Promise.resolve(t.target), rename: Deno.rename },
    };
  }
  if (options.failWrite) {
    ctx = {
      ...ctx,
      fs: { ...ctx.fs, writeFileAtomic: () => Promise.reject(new Error("disk full")) },
    };
  }
  try {
    const found = await checkForUpdate(ctx);
    assert.equal(found.kind, "newer");
    if (found.kind === "newer") await installUpdate(ctx, found.update);
    return undefined;
  } catch (e) {
    assert.ok(e instanceof CliError, String(e));
    assert.ok(!e.message.includes("\n"), e.message);
    return e;
  }
}

testWhere(
  ["posix-modes"],
  "an update replaces the target, mode 0755, nothing left beside",
  async () => {
    await using t = await updateTarget(await releaseOf("99.0.0", NEW));
    assert.equal(await update(t), undefined);
    assert.deepEqual(await Deno.readFile(t.target), NEW);
    assert.equal((await Deno.stat(t.target)).mode! & 0o777, 0o755);
    assert.deepEqual(await t.files(), ["soracom"]);
  },
);

testWhere(["posix-modes"], "the latest release, or an older one, is no update", async () => {
  for (const latest of [VERSION, "0.0.9"]) {
    await using t = await updateTarget(await releaseOf(latest, NEW));
    const found = await checkForUpdate(testContext({ env: t.env }).ctx);
    assert.deepEqual(found, { kind: "current", latest });
    assert.equal(t.releases.downloads(), 0);
  }
});

testWhere(["posix-modes"], "a checksum mismatch keeps the old executable", async () => {
  await using t = await updateTarget(await releaseOf("99.0.0", NEW, { checksumOf: OLD }));
  const e = await update(t);
  assert.equal(e?.kind, "api");
  assert.match(
    e.message,
    /^checksum mismatch for soracom_99\.0\.0_\w+_\w+ \(expected [0-9a-f]{64}, got [0-9a-f]{64}\); soracom was not changed$/,
  );
  await assertUnchanged(t);
});

testWhere(
  ["posix-modes"],
  "a release without this platform's executable, or without SHA256SUMS, downloads nothing",
  async () => {
    await using t = await updateTarget(
      await releaseOf("99.0.0", NEW, { withoutExecutable: true }),
    );
    const e = await update(t);
    assert.equal(e?.kind, "api");
    assert.ok(e.message.startsWith(`release v99.0.0 has no ${hostAssetName("99.0.0")}; see `));
    assert.equal(t.releases.downloads(), 0);
    await assertUnchanged(t);
    await using u = await updateTarget(await releaseOf("99.0.0", NEW, { withoutChecksums: true }));
    assert.match((await update(u))?.message ?? "", /has no SHA256SUMS/);
    assert.equal(u.releases.downloads(), 0);
    await assertUnchanged(u);
  },
);

testWhere(
  ["posix-modes"],
  "an interrupted download keeps the old executable and leaves no temp file",
  async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    await using t = await updateTarget(await releaseOf("99.0.0", big, { interrupted: true }));
    const e = await update(t);
    assert.equal(e?.kind, "network");
    assert.ok(e.message.startsWith(`the download of ${hostAssetName("99.0.0")} was interrupted (`));
    assert.ok(e.message.endsWith("soracom was not changed"), e.message);
    await assertUnchanged(t);
  },
);

testWhere(
  ["posix-modes"],
  "SHA256SUMS unsigned, signed by an unknown key, or not matching its signature is refused before the executable is fetched",
  async () => {
    const cases = [
      ["none", "has no signature (SHA256SUMS.minisig)"],
      ["untrusted", "is made with a key this soracom does not trust"],
      ["mismatched", "does not match its SHA256SUMS"],
    ] as const;
    for (const [signature, said] of cases) {
      await using t = await updateTarget(await releaseOf("99.0.0", NEW, { signature }));
      const e = await update(t);
      assert.equal(e?.kind, "api");
      assert.ok(e.message.includes(said), e.message);
      assert.ok(e.message.endsWith("soracom was not changed"), e.message);
      assert.ok(
        !t.releases.requests.includes(`/download/v99.0.0/${hostAssetName("99.0.0")}`),
        `${signature}: the executable was fetched`,
      );
      await assertUnchanged(t);
    }
  },
);

testWhere(
  ["posix-modes"],
  "files only from the release host, over https: another host, a redirect away and plain http are refused",
  async () => {
    await using elsewhere = await updateTarget(await releaseOf("99.0.0", NEW));
    const release = await releaseOf("99.0.0", NEW);
    // Every asset points at another origin (another loopback port).
    await using moved = await updateTarget({ ...release, assetsAt: elsewhere.releases.url });
    const e = await update(moved);
    assert.equal(e?.kind, "api");
    assert.ok(e.message.includes(`refusing to download ${elsewhere.releases.url}/download/`));
    assert.ok(e.message.includes(`from ${moved.releases.url}`), e.message);
    assert.equal(elsewhere.releases.downloads(), 0);
    await assertUnchanged(moved);
    // A download answered with a redirect to another origin.
    await using redirected = await updateTarget({ ...release, redirectTo: elsewhere.releases.url });
    const hop = await update(redirected);
    assert.equal(hop?.kind, "api");
    assert.ok(hop.message.startsWith("refusing to download"), hop.message);
    assert.equal(elsewhere.releases.downloads(), 0);
    // Plain http anywhere but this machine.
    const plain = await update(moved, {
      env: { ...moved.env, SORACOM_RELEASES_URL: "http://releases.example.com" },
    });
    assert.equal(plain?.kind, "usage");
    assert.match(plain.message, /must be an https URL/);
  },
);

testWhere(
  ["posix-modes"],
  "a file larger than a release file can be is cut off and refused",
  async () => {
    const release = await releaseOf("99.0.0", NEW);
    const huge = new Uint8Array(2 * 1024 * 1024).fill(0x30);
    await using t = await updateTarget({
      ...release,
      assets: { ...release.assets, SHA256SUMS: huge },
    });
    const e = await update(t);
    assert.equal(e?.kind, "api");
    assert.match(e.message, /SHA256SUMS is larger than 1048576 bytes/);
    await assertUnchanged(t);
  },
);

testWhere(
  ["posix-modes"],
  "on Windows the running executable is moved aside, then removed; put back when the new one cannot be written",
  async () => {
    const arch = releaseArch(Deno.build.arch)!;
    await using t = await updateTarget(await releaseOf("99.0.0", NEW, { os: "windows", arch }));
    const failed = await update(t, { windows: true, failWrite: true });
    assert.equal(failed?.kind, "config");
    assert.equal(failed.message, `cannot replace ${t.target}: disk full; soracom was not changed`);
    await assertUnchanged(t);
    // A leftover from an earlier update is cleaned up.
    await Deno.writeFile(`${t.dir}/bin/.soracom.1234.old`, OLD);
    assert.equal(await update(t, { windows: true }), undefined);
    assert.equal(
      t.releases.requests.at(-1),
      `/download/v99.0.0/soracom_99.0.0_windows_${arch}.exe`,
    );
    assert.deepEqual(await Deno.readFile(t.target), NEW);
    assert.deepEqual(await t.files(), ["soracom"]);
  },
);
