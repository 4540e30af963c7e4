/**
 * `soracom self-update` against a loopback releases API, replacing a copy of a
 * file (`SORACOM_SELF_UPDATE_TARGET`), never the Deno binary: an update, a
 * checksum mismatch, a missing asset, an interrupted download, "already
 * latest", the confirmation, Windows' move-aside, and `deno run`.
 */
import { assert, assertEquals, assertStringIncludes } from "../../helpers/assert.ts";
import { runInProcess, testContext } from "../../helpers/context.ts";
import {
  type FakeRelease,
  hostAssetName,
  releaseOf,
  startFakeReleases,
} from "../../../scripts/fake_releases.ts";
import { tempDir } from "../../helpers/run.ts";
import { runCli } from "../../../src/cli/app.ts";
import {
  assetName,
  compareVersions,
  parseChecksums,
  releaseArch,
  releaseOs,
  versionGroups,
} from "../../../src/release.ts";
import type { Context } from "../../../src/context.ts";
import { VERSION } from "../../../src/version.ts";
import { testWhere } from "../../helpers/platform.ts";

const encoder = new TextEncoder();
const OLD = encoder.encode("#!/bin/sh\necho old soracom\n");
const NEW = encoder.encode("#!/bin/sh\necho new soracom 99.0.0\n");

async function setup(release: FakeRelease) {
  const dir = await tempDir();
  await Deno.mkdir(`${dir}/bin`);
  const target = `${dir}/bin/soracom`;
  await Deno.writeFile(target, OLD, { mode: 0o755 });
  await Deno.chmod(target, 0o755);
  const releases = startFakeReleases(release);
  return {
    dir,
    target,
    releases,
    env: { SORACOM_RELEASES_URL: releases.url, SORACOM_SELF_UPDATE_TARGET: target },
    /** The files in the target's folder (to see that no temp file is left behind). */
    async files(): Promise<string[]> {
      const names: string[] = [];
      for await (const e of Deno.readDir(`${dir}/bin`)) names.push(e.name);
      return names.sort();
    },
    async [Symbol.asyncDispose]() {
      await releases.close();
      await Deno.remove(dir, { recursive: true });
    },
  };
}

async function assertUnchanged(t: Awaited<ReturnType<typeof setup>>): Promise<void> {
  assertEquals(await Deno.readFile(t.target), OLD);
  assertEquals(await t.files(), ["soracom"]);
}

testWhere(
  ["posix-modes"],
  "self-update --yes downloads, verifies and replaces the executable",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assertEquals(r.stderr, "");
    assertEquals(r.code, 0);
    assertEquals(r.stdout, `soracom updated from v${VERSION} to v99.0.0 (${t.target}).\n`);
    assertEquals(await Deno.readFile(t.target), NEW);
    assertEquals((await Deno.stat(t.target)).mode! & 0o777, 0o755);
    assertEquals(await t.files(), ["soracom"]);
    const ran = await new Deno.Command(t.target, { stdout: "piped" }).output();
    assertEquals(new TextDecoder().decode(ran.stdout), "new soracom 99.0.0\n");
    assertEquals(t.releases.requests, [
      "/repos/soracom-ts/soracom/releases/latest",
      "/download/v99.0.0/SHA256SUMS",
      "/download/v99.0.0/SHA256SUMS.minisig",
      `/download/v99.0.0/${hostAssetName("99.0.0")}`,
    ]);
  },
);

testWhere(
  ["posix-modes"],
  "self-update: a checksum mismatch keeps the old executable",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW, { checksumOf: OLD }));
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assertEquals(r.code, 5);
    assert(
      /^Error: checksum mismatch for soracom_99\.0\.0_\w+_\w+ \(expected [0-9a-f]{64}, got [0-9a-f]{64}\); soracom was not changed\n$/
        .test(r.stderr),
      r.stderr,
    );
    assertEquals(r.stdout, "");
    await assertUnchanged(t);
  },
);

testWhere(
  ["posix-modes"],
  "self-update: a release without this platform's executable names it and downloads nothing",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW, { withoutExecutable: true }));
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assertEquals(r.code, 5);
    assertStringIncludes(
      r.stderr,
      `Error: release v99.0.0 has no ${hostAssetName("99.0.0")}; see `,
    );
    assertEquals(r.stderr.split("\n").length, 2, r.stderr);
    assertEquals(t.releases.downloads(), 0);
    await assertUnchanged(t);
  },
);

testWhere(["posix-modes"], "self-update: a release without SHA256SUMS is refused", async () => {
  await using t = await setup(await releaseOf("99.0.0", NEW, { withoutChecksums: true }));
  const r = await runInProcess(["self-update", "--yes"], { env: t.env });
  assertEquals(r.code, 5);
  assertStringIncludes(r.stderr, "has no SHA256SUMS");
  assertEquals(t.releases.downloads(), 0);
  await assertUnchanged(t);
});

testWhere(
  ["posix-modes"],
  "self-update: an interrupted download keeps the old executable and leaves no temp file",
  async () => {
    const big = new Uint8Array(3 * 1024 * 1024).fill(0x41);
    await using t = await setup(await releaseOf("99.0.0", big, { interrupted: true }));
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assertEquals(r.code, 6, r.stderr);
    assertStringIncludes(
      r.stderr,
      `Error: the download of ${hostAssetName("99.0.0")} was interrupted (`,
    );
    assertStringIncludes(r.stderr, "soracom was not changed");
    assertEquals(r.stderr.split("\n").length, 2, r.stderr);
    await assertUnchanged(t);
  },
);

testWhere(
  ["posix-modes"],
  "self-update: already the latest (or newer) changes nothing",
  async () => {
    for (const latest of [VERSION, "0.0.9"]) {
      await using t = await setup(await releaseOf(latest, NEW));
      const r = await runInProcess(["self-update", "--yes"], { env: t.env });
      assertEquals(r.code, 0, r.stderr);
      assertEquals(
        r.stdout,
        `soracom v${VERSION} is up to date (the latest release is v${latest}).\n`,
      );
      assertEquals(t.releases.downloads(), 0);
      await assertUnchanged(t);
    }
  },
);

testWhere(
  ["posix-modes"],
  "self-update without --yes and without a terminal asks for --yes",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const r = await runInProcess(["self-update"], { env: t.env });
    assertEquals(r.code, 2);
    assertStringIncludes(
      r.stderr,
      "Error: self-update needs a terminal to confirm; add --yes to update without asking\n",
    );
    assertEquals(t.releases.downloads(), 0);
    await assertUnchanged(t);
  },
);

testWhere(
  ["posix-modes"],
  "self-update under deno run explains how to update and asks nothing",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const r = await runInProcess(["self-update"], {
      env: { SORACOM_RELEASES_URL: t.releases.url },
    });
    assertEquals(r.code, 0, r.stderr);
    assertStringIncludes(r.stdout, "is running as a script under Deno");
    assertStringIncludes(r.stdout, "https://github.com/soracom-ts/soracom/releases/latest");
    assertEquals(t.releases.requests, []);
  },
);

testWhere(
  ["posix-modes"],
  "self-update: the releases API's errors and a bad SORACOM_RELEASES_URL are one line",
  async () => {
    await using t = await setup({ tag: "v99.0.0", assets: {}, status: 404 });
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assertEquals(r.code, 5);
    assertEquals(
      r.stderr,
      `Error: GET ${t.releases.url}/repos/soracom-ts/soracom/releases/latest: HTTP 404 {"message":"Not Found"}\n`,
    );
    const bad = await runInProcess(["self-update", "--yes"], {
      env: { ...t.env, SORACOM_RELEASES_URL: "ftp://user:secret@example.invalid" },
    });
    assertEquals(
      bad.stderr,
      "Error: SORACOM_RELEASES_URL must be an https URL (plain http only on this machine, for tests)\n",
    );
    assertEquals(bad.code, 2);
    const down = await runInProcess(["self-update", "--yes"], {
      env: { ...t.env, SORACOM_RELEASES_URL: "http://user:secret@127.0.0.1:1" },
    });
    assertEquals(down.code, 6);
    assertStringIncludes(down.stderr, "Error: GET http://127.0.0.1:1/repos/");
    assert(!down.stderr.includes("secret"), down.stderr);
    await assertUnchanged(t);
  },
);

/** Runs `self-update` in-process with prompts answered and, optionally, another OS. */
async function inProcess(
  t: Awaited<ReturnType<typeof setup>>,
  args: string[],
  options: { prompts?: string[]; windows?: boolean; failWrite?: boolean } = {},
) {
  const tc = testContext({ env: t.env, prompts: options.prompts });
  let ctx: Context = tc.ctx;
  if (options.windows) {
    ctx = {
      ...ctx,
      os: "windows",
      env: (name) => name === "SORACOM_SELF_UPDATE_TARGET" ? undefined : t.env[name as never],
      executable: {
        path: () => Promise.resolve(t.target),
        rename: (from, to) => Deno.rename(from, to),
      },
    };
  }
  if (options.failWrite) {
    ctx = {
      ...ctx,
      fs: {
        ...ctx.fs,
        writeFileAtomic: () => Promise.reject(new Error("disk full")),
      },
    };
  }
  const code = await runCli(args, ctx);
  return { code, stdout: tc.stdout(), stderr: tc.stderr(), asked: tc.asked };
}

testWhere(
  ["posix-modes"],
  "self-update asks on the terminal: y updates, anything else aborts",
  async () => {
    await using t = await setup(await releaseOf("99.0.0", NEW));
    const no = await inProcess(t, ["self-update"], { prompts: ["n"] });
    assertEquals(no.code, 1);
    assertEquals(no.asked, ["Update now? (y/N) "]);
    assertStringIncludes(no.stderr, `soracom v99.0.0 is available (this is v${VERSION}).\n`);
    assertStringIncludes(no.stderr, `This replaces ${t.target}.`);
    assert(no.stderr.endsWith("Error: abort\n"), no.stderr);
    assertEquals(t.releases.downloads(), 0);
    await assertUnchanged(t);
    const yes = await inProcess(t, ["self-update"], { prompts: ["y"] });
    assertEquals(yes.code, 0, yes.stderr);
    assertEquals(await Deno.readFile(t.target), NEW);
  },
);

testWhere(
  ["posix-modes"],
  "self-update on Windows moves the running executable aside, then removes it",
  async () => {
    const arch = releaseArch(Deno.build.arch)!;
    await using t = await setup(await releaseOf("99.0.0", NEW, { os: "windows", arch }));
    // A leftover from an earlier update is cleaned up.
    await Deno.writeFile(`${t.dir}/bin/.soracom.1234.old`, OLD);
    const r = await inProcess(t, ["self-update", "--yes"], { windows: true });
    assertEquals(r.code, 0, r.stderr);
    assertEquals(
      t.releases.requests.at(-1),
      `/download/v99.0.0/soracom_99.0.0_windows_${arch}.exe`,
    );
    assertEquals(await Deno.readFile(t.target), NEW);
    assertEquals(await t.files(), ["soracom"]);
  },
);

testWhere(
  ["posix-modes"],
  "self-update on Windows puts the old executable back when the new one cannot be written",
  async () => {
    const arch = releaseArch(Deno.build.arch)!;
    await using t = await setup(await releaseOf("99.0.0", NEW, { os: "windows", arch }));
    const r = await inProcess(t, ["self-update", "--yes"], { windows: true, failWrite: true });
    assertEquals(r.code, 3);
    assertEquals(
      r.stderr,
      `Error: cannot replace ${t.target}: disk full; soracom was not changed\n`,
    );
    await assertUnchanged(t);
  },
);

Deno.test("versions compare by numeric groups, as soracom-cli does", () => {
  assertEquals(versionGroups("v1.22.333"), [1, 22, 333]);
  assertEquals(versionGroups("v1.2.3-special1"), [1, 2, 3, 1]);
  assertEquals(versionGroups("1.2"), undefined);
  assertEquals(compareVersions("v1.10.0", "1.9.9"), 1);
  assertEquals(compareVersions("1.2.3", "v1.2.3"), 0);
  assertEquals(compareVersions("1.2.3", "1.2.3-rc1"), -1);
  assertEquals(compareVersions("0.9.0", "0.10.0"), -1);
  assertEquals(compareVersions("1.0.0", "dev"), 1);
});

Deno.test("asset names and SHA256SUMS lines", () => {
  assertEquals(assetName("1.2.3", "linux", "arm64"), "soracom_1.2.3_linux_arm64");
  assertEquals(assetName("1.2.3", "windows", "amd64"), "soracom_1.2.3_windows_amd64.exe");
  assertEquals(releaseOs("darwin"), "darwin");
  assertEquals(releaseOs("freebsd"), undefined);
  assertEquals(releaseArch("aarch64"), "arm64");
  assertEquals(releaseArch("x86_64"), "amd64");
  const a = "a".repeat(64);
  const b = "B".repeat(64);
  const sums = parseChecksums(`${a}  soracom_1_linux_amd64\r\n${b} *soracom.zip\nnot a line\n`);
  assertEquals([...sums], [["soracom_1_linux_amd64", a], ["soracom.zip", "b".repeat(64)]]);
});

testWhere(
  ["posix-modes"],
  "self-update: SHA256SUMS unsigned, signed by an unknown key, or not matching its signature is refused before the executable is fetched",
  async () => {
    const cases = [
      ["none", "has no signature (SHA256SUMS.minisig)"],
      ["untrusted", "is made with a key this soracom does not trust"],
      ["mismatched", "does not match its SHA256SUMS"],
    ] as const;
    for (const [signature, said] of cases) {
      await using t = await setup(await releaseOf("99.0.0", NEW, { signature }));
      const r = await runInProcess(["self-update", "--yes"], { env: t.env });
      assertEquals(r.code, 5, r.stderr);
      assertStringIncludes(r.stderr, said);
      assertStringIncludes(r.stderr, "soracom was not changed");
      assertEquals(r.stderr.split("\n").length, 2, r.stderr);
      assert(
        !t.releases.requests.includes(`/download/v99.0.0/${hostAssetName("99.0.0")}`),
        `${signature}: the executable was fetched`,
      );
      await assertUnchanged(t);
    }
  },
);

testWhere(
  ["posix-modes"],
  "self-update: files only from the release host, over https: another host, a redirect away and plain http are refused",
  async () => {
    await using elsewhere = await setup(await releaseOf("99.0.0", NEW));
    const release = await releaseOf("99.0.0", NEW);
    // Every asset points at another origin (another loopback port).
    await using moved = await setup({ ...release, assetsAt: elsewhere.releases.url });
    const r = await runInProcess(["self-update", "--yes"], { env: moved.env });
    assertEquals(r.code, 5, r.stderr);
    assertStringIncludes(r.stderr, `refusing to download ${elsewhere.releases.url}/download/`);
    assertStringIncludes(r.stderr, `from ${moved.releases.url}`);
    assertEquals(elsewhere.releases.downloads(), 0);
    await assertUnchanged(moved);
    // A download answered with a redirect to another origin.
    await using redirected = await setup({ ...release, redirectTo: elsewhere.releases.url });
    const hop = await runInProcess(["self-update", "--yes"], { env: redirected.env });
    assertEquals(hop.code, 5, hop.stderr);
    assertStringIncludes(hop.stderr, "refusing to download");
    assertEquals(elsewhere.releases.downloads(), 0);
    // Plain http anywhere but this machine.
    const plain = await runInProcess(["self-update", "--yes"], {
      env: { ...moved.env, SORACOM_RELEASES_URL: "http://releases.example.com" },
    });
    assertEquals(plain.code, 2, plain.stderr);
    assertStringIncludes(plain.stderr, "must be an https URL");
  },
);

testWhere(
  ["posix-modes"],
  "self-update: a file larger than a release file can be is cut off and refused",
  async () => {
    const release = await releaseOf("99.0.0", NEW);
    const huge = new Uint8Array(2 * 1024 * 1024).fill(0x30);
    await using t = await setup({
      ...release,
      assets: { ...release.assets, SHA256SUMS: huge },
    });
    const r = await runInProcess(["self-update", "--yes"], { env: t.env });
    assertEquals(r.code, 5, r.stderr);
    assertStringIncludes(r.stderr, "SHA256SUMS is larger than 1048576 bytes");
    await assertUnchanged(t);
  },
);
