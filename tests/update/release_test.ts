/** What a release is made of: asset names, version order, `SHA256SUMS` lines. */
import assert from "node:assert/strict";
import {
  archiveName,
  assetName,
  compareVersions,
  parseChecksums,
  releaseArch,
  releaseOs,
  versionGroups,
} from "../../src/update/release.ts";

Deno.test("versions compare by numeric groups, as soracom-cli does", () => {
  assert.deepEqual(versionGroups("v1.22.333"), [1, 22, 333]);
  assert.deepEqual(versionGroups("v1.2.3-special1"), [1, 2, 3, 1]);
  assert.equal(versionGroups("1.2"), undefined);
  assert.equal(compareVersions("v1.10.0", "1.9.9"), 1);
  assert.equal(compareVersions("1.2.3", "v1.2.3"), 0);
  assert.equal(compareVersions("1.2.3", "1.2.3-rc1"), -1);
  assert.equal(compareVersions("0.9.0", "0.10.0"), -1);
  assert.equal(compareVersions("1.0.0", "dev"), 1);
});

Deno.test("asset names and SHA256SUMS lines", () => {
  assert.equal(assetName("1.2.3", "linux", "arm64"), "soracom_1.2.3_linux_arm64");
  assert.equal(assetName("1.2.3", "windows", "amd64"), "soracom_1.2.3_windows_amd64.exe");
  assert.equal(archiveName("1.2.3", "darwin", "arm64"), "soracom_1.2.3_darwin_arm64.zip");
  assert.equal(releaseOs("darwin"), "darwin");
  assert.equal(releaseOs("freebsd"), undefined);
  assert.equal(releaseArch("aarch64"), "arm64");
  assert.equal(releaseArch("x86_64"), "amd64");
  assert.equal(releaseArch("riscv64"), undefined);
  const a = "a".repeat(64);
  const b = "B".repeat(64);
  const sums = parseChecksums(`${a}  soracom_1_linux_amd64\r\n${b} *soracom.zip\nnot a line\n`);
  assert.deepEqual([...sums], [["soracom_1_linux_amd64", a], ["soracom.zip", "b".repeat(64)]]);
});
