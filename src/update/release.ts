/**
 * What a release is made of, shared by the release task (`scripts/release.ts`)
 * that builds it and `self-update` that installs it: where releases live, how
 * the executables and the checksum file are named, how versions compare.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { assetName, compareVersions } from "./release.ts";
 *
 * assert.equal(assetName("1.2.3", "windows", "amd64"), "soracom_1.2.3_windows_amd64.exe");
 * assert.ok(compareVersions("v1.10.0", "1.9.9") > 0);
 * ```
 *
 * @module
 */

/** The GitHub repository (`OWNER/NAME`) whose releases carry the executables. */
export const RELEASE_REPO = "soracom-ts/soracom";

/** The releases API when `SORACOM_RELEASES_URL` is not set. */
export const DEFAULT_RELEASES_URL = "https://api.github.com";

/** The release asset that lists `SHA-256  NAME` for every other asset. */
export const CHECKSUMS_ASSET = "SHA256SUMS";

/** The minisign signature of {@link CHECKSUMS_ASSET}, by a key of `release_key.ts`. */
export const SIGNATURE_ASSET = "SHA256SUMS.minisig";

/** An operating system as release asset names spell it. */
export type ReleaseOs = "linux" | "darwin" | "windows";

/** An architecture as release asset names spell it (soracom-cli's Go names). */
export type ReleaseArch = "amd64" | "arm64";

/**
 * The release name of an OS (`Deno.build.os`), or `undefined` when no release is built for it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(releaseOs("darwin"), "darwin");
 * assert.deepEqual(releaseOs("freebsd"), undefined);
 * ```
 */
export function releaseOs(os: string): ReleaseOs | undefined {
  return os === "linux" || os === "darwin" || os === "windows" ? os : undefined;
}

/**
 * The release name of an architecture (`Deno.build.arch`), or `undefined`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(releaseArch("x86_64"), "amd64");
 * assert.deepEqual(releaseArch("aarch64"), "arm64");
 * ```
 */
export function releaseArch(arch: string): ReleaseArch | undefined {
  if (arch === "x86_64" || arch === "amd64") return "amd64";
  if (arch === "aarch64" || arch === "arm64") return "arm64";
  return undefined;
}

/**
 * The name of a release's executable, as soracom-cli names its own
 * (`soracom_VERSION_OS_ARCH`, `.exe` on Windows). The release task names its
 * files with this too.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(assetName("1.2.3", "windows", "amd64"), "soracom_1.2.3_windows_amd64.exe");
 * ```
 */
export function assetName(version: string, os: ReleaseOs, arch: ReleaseArch): string {
  return `soracom_${version}_${os}_${arch}${os === "windows" ? ".exe" : ""}`;
}

/**
 * The archive holding a release's executable: `.tar.gz` on Linux, `.zip` on
 * macOS and Windows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.equal(archiveName("1.2.3", "linux", "arm64"), "soracom_1.2.3_linux_arm64.tar.gz");
 * ```
 */
export function archiveName(version: string, os: ReleaseOs, arch: ReleaseArch): string {
  return `soracom_${version}_${os}_${arch}.${os === "linux" ? "tar.gz" : "zip"}`;
}

/**
 * The numeric groups of a version (at most four), or `undefined` when it has
 * fewer than three (soracom-cli then counts it as version 0).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.deepEqual(versionGroups("v1.22.333"), [1, 22, 333]);
 * assert.deepEqual(versionGroups("v1.2.3-special1"), [1, 2, 3, 1]);
 * assert.deepEqual(versionGroups("dev"), undefined);
 * ```
 */
export function versionGroups(version: string): number[] | undefined {
  const groups = (version.match(/\d+/g) ?? []).slice(0, 4).map(Number);
  return groups.length < 3 ? undefined : groups;
}

/**
 * Compares two versions group by group: negative when `a` is older than `b`,
 * 0 when equal, positive when newer. A version without three groups counts as 0.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * assert.ok(compareVersions("v1.10.0", "1.9.9") > 0);
 * assert.deepEqual(compareVersions("1.2.3", "v1.2.3"), 0);
 * ```
 */
export function compareVersions(a: string, b: string): number {
  const x = versionGroups(a) ?? [];
  const y = versionGroups(b) ?? [];
  for (let i = 0; i < 4; i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

/**
 * Reads a `sha256sum`-style file (`HEX  NAME` or `HEX *NAME` per line) into
 * name -> lower-case hex.
 *
 * @example
 * ```ts
 * parseChecksums(`${"ab".repeat(32)}  soracom_1.0.0_linux_amd64\n`).get("soracom_1.0.0_linux_amd64");
 * ```
 */
export function parseChecksums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trimEnd());
    if (m) sums.set(m[2], m[1].toLowerCase());
  }
  return sums;
}
