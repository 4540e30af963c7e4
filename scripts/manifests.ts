/**
 * Package-manager manifests for a release, made by `deno task release` from
 * its `SHA256SUMS`: a Homebrew formula (`soracom.rb`, for a tap) and a Scoop
 * manifest (`soracom.json`, for a bucket). Both install the release archives
 * from the GitHub release, checked against the same hashes `SHA256SUMS`
 * lists; the formula also installs the shell completions.
 *
 * @module
 */

import {
  archiveName,
  RELEASE_REPO,
  type ReleaseArch,
  type ReleaseOs,
} from "../src/update/release.ts";

/** The platforms the Homebrew formula installs on (macOS and Linux, both architectures). */
export const HOMEBREW_PLATFORMS: readonly (readonly [ReleaseOs, ReleaseArch])[] = [
  ["darwin", "arm64"],
  ["darwin", "amd64"],
  ["linux", "arm64"],
  ["linux", "amd64"],
];

/** What the package managers show as the description. */
const DESCRIPTION = "SORACOM API command-line client, a drop-in for soracom-cli with practical MFA";
const HOMEPAGE = `https://github.com/${RELEASE_REPO}`;

/** The download URL of a release asset. */
export function assetUrl(version: string, name: string): string {
  return `${HOMEPAGE}/releases/download/v${version}/${name}`;
}

function hashOf(sums: ReadonlyMap<string, string>, name: string): string {
  const hash = sums.get(name);
  if (hash === undefined || !/^[0-9a-f]{64}$/.test(hash)) {
    throw new Error(`SHA256SUMS has no hash for ${name}`);
  }
  return hash;
}

/** The formula's block for one archive. */
function brewArchive(
  version: string,
  sums: ReadonlyMap<string, string>,
  os: ReleaseOs,
  arch: ReleaseArch,
) {
  const name = archiveName(version, os, arch);
  return [
    `      url "${assetUrl(version, name)}"`,
    `      sha256 "${hashOf(sums, name)}"`,
  ].join("\n");
}

/**
 * The Homebrew formula for `version`, from the release's checksums.
 *
 * @example
 * ```ts
 * import { archiveName } from "../src/update/release.ts";
 * import { HOMEBREW_PLATFORMS, homebrewFormula } from "./manifests.ts";
 * const sums = new Map(
 *   HOMEBREW_PLATFORMS.map(([os, arch]) => [archiveName("1.0.0", os, arch), "0".repeat(64)]),
 * );
 * homebrewFormula("1.0.0", sums).includes('version "1.0.0"'); // true
 * ```
 */
export function homebrewFormula(version: string, sums: ReadonlyMap<string, string>): string {
  const block = (os: ReleaseOs) =>
    [
      `  on_${os === "darwin" ? "macos" : "linux"} do`,
      "    on_arm do",
      brewArchive(version, sums, os, "arm64"),
      "    end",
      "    on_intel do",
      brewArchive(version, sums, os, "amd64"),
      "    end",
      "  end",
    ].join("\n");
  return [
    "# Made by `deno task release` from SHA256SUMS; do not edit by hand.",
    "class Soracom < Formula",
    `  desc "${DESCRIPTION}"`,
    `  homepage "${HOMEPAGE}"`,
    `  version "${version}"`,
    "",
    block("darwin"),
    "",
    block("linux"),
    "",
    "  def install",
    '    bin.install "soracom"',
    '    generate_completions_from_executable(bin/"soracom", "completion")',
    "  end",
    "",
    "  test do",
    '    assert_match "v#{version}", shell_output("#{bin}/soracom --version")',
    "  end",
    "end",
    "",
  ].join("\n");
}

/**
 * The Scoop manifest for `version`, from the release's checksums.
 *
 * @example
 * ```ts
 * const sums = new Map([["soracom_1.0.0_windows_amd64.zip", "0".repeat(64)]]);
 * JSON.parse(scoopManifest("1.0.0", sums)).bin; // "soracom.exe"
 * ```
 */
export function scoopManifest(version: string, sums: ReadonlyMap<string, string>): string {
  const stem = `soracom_${version}_windows_amd64`;
  const manifest = {
    version,
    description: DESCRIPTION,
    homepage: HOMEPAGE,
    architecture: {
      "64bit": {
        url: assetUrl(version, archiveName(version, "windows", "amd64")),
        hash: hashOf(sums, archiveName(version, "windows", "amd64")),
        extract_dir: stem,
      },
    },
    bin: "soracom.exe",
    checkver: { github: HOMEPAGE },
    autoupdate: {
      architecture: {
        "64bit": {
          url: `${HOMEPAGE}/releases/download/v$version/soracom_$version_windows_amd64.zip`,
          extract_dir: "soracom_$version_windows_amd64",
        },
      },
      hash: { url: `${HOMEPAGE}/releases/download/v$version/SHA256SUMS` },
    },
  };
  return `${JSON.stringify(manifest, null, 2)}\n`;
}
