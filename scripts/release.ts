/**
 * `deno task release`: one self-contained executable per platform, built with
 * `deno compile` and the permissions of `src/permissions.ts`, into
 * `dist/VERSION/`:
 *
 * - `soracom_VERSION_OS_ARCH` (`.exe` on Windows), as soracom-cli names them;
 * - `soracom_VERSION_OS_ARCH.tar.gz` (Linux) or `.zip` (macOS, Windows), holding
 *   a folder `soracom_VERSION_OS_ARCH/` with `soracom` (`soracom.exe`) inside;
 * - `SHA256SUMS` over all of them, which `soracom self-update` checks;
 * - `SHA256SUMS.minisig`, its signature, when RELEASE_SIGNING_KEY holds the
 *   release key (`deno task release-key`): self-update installs nothing unsigned;
 * - `soracom.rb` (Homebrew formula) and `soracom.json` (Scoop manifest), made
 *   from those checksums, when the build has the archives they install.
 *
 * The version is `deno.json`'s, through `src/version.ts`.
 *
 * ```sh
 * deno task release              # every target
 * deno task release --dry-run    # print the deno compile commands, build nothing
 * deno task release --target x86_64-unknown-linux-gnu --out /tmp/dist
 * ```
 *
 * @module
 */

import {
  archiveName,
  assetName,
  CHECKSUMS_ASSET,
  type ReleaseArch,
  type ReleaseOs,
  SIGNATURE_ASSET,
} from "../src/update/release.ts";
import { signMinisign } from "./release_key.ts";
import { HOMEBREW_PLATFORMS, homebrewFormula, scoopManifest } from "./manifests.ts";

/** The Homebrew formula's file name, beside the release's assets. */
export const HOMEBREW_FORMULA = "soracom.rb";
/** The Scoop manifest's file name. */
export const SCOOP_MANIFEST = "soracom.json";
import { concatBytes } from "../src/bytes.ts";
import { PERMISSION_FLAGS } from "../src/permissions.ts";
import { VERSION } from "../src/version.ts";
import { REPO_ROOT } from "./file_path.ts";
import { readArgs } from "./args.ts";

/** One platform to build for. */
export interface Target {
  /** The `deno compile --target` triple. */
  readonly triple: string;
  readonly os: ReleaseOs;
  readonly arch: ReleaseArch;
}

/**
 * The platforms `deno compile` can build for.
 *
 * @example
 * ```ts
 * TARGETS.map((t) => `${t.os}_${t.arch}`); // ["linux_amd64", "linux_arm64", ...]
 * ```
 */
export const TARGETS: readonly Target[] = [
  { triple: "x86_64-unknown-linux-gnu", os: "linux", arch: "amd64" },
  { triple: "aarch64-unknown-linux-gnu", os: "linux", arch: "arm64" },
  { triple: "x86_64-apple-darwin", os: "darwin", arch: "amd64" },
  { triple: "aarch64-apple-darwin", os: "darwin", arch: "arm64" },
  { triple: "x86_64-pc-windows-msvc", os: "windows", arch: "amd64" },
];

/**
 * The archive's base name and inner folder: the executable's name without `.exe`.
 *
 * @example
 * ```ts
 * archiveStem("1.0.0", TARGETS[4]); // "soracom_1.0.0_windows_amd64"
 * ```
 */
export function archiveStem(version: string, target: Target): string {
  return assetName(version, target.os, target.arch).replace(/\.exe$/, "");
}

/**
 * The `deno compile` arguments for one target (run from the repository root).
 * `--exclude-unused-npm` keeps the test-only npm packages out of the executable.
 *
 * @example
 * ```ts
 * compileArgs("1.0.0", TARGETS[0], "dist");
 * // ["compile", "--target", "x86_64-unknown-linux-gnu", "--output", "dist/1.0.0/soracom_1.0.0_linux_amd64", ...]
 * ```
 */
export function compileArgs(version: string, target: Target, outDir: string): string[] {
  return [
    "compile",
    "--target",
    target.triple,
    "--output",
    `${outDir}/${version}/${assetName(version, target.os, target.arch)}`,
    "--exclude-unused-npm",
    ...PERMISSION_FLAGS,
    "main.ts",
  ];
}

/**
 * One argument for a POSIX shell: as it is when that is safe, else in single quotes.
 *
 * @example
 * ```ts
 * shellQuote("a b"); // "'a b'"
 * ```
 */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replaceAll("'", `'\\''`)}'`;
}

// ---- archives ------------------------------------------------------------------------------------

/** A file to put in an archive. */
export interface ArchiveFile {
  /** Path inside the archive, with `/`; a folder entry is added for its parent. */
  readonly path: string;
  readonly data: Uint8Array;
  readonly mode: number;
  /** Modification time, milliseconds since the epoch. */
  readonly mtime: number;
}

const encoder = new TextEncoder();

async function transform(
  data: Uint8Array,
  stream: CompressionStream,
): Promise<Uint8Array<ArrayBuffer>> {
  const body = new Blob([data as Uint8Array<ArrayBuffer>]).stream().pipeThrough(stream);
  return new Uint8Array(await new Response(body).arrayBuffer());
}

function tarHeader(name: string, size: number, mode: number, mtime: number, type: string) {
  const header = new Uint8Array(512);
  const put = (offset: number, length: number, text: string) => {
    const bytes = encoder.encode(text);
    if (bytes.length > length) throw new Error(`tar: ${name} is too long`);
    header.set(bytes, offset);
  };
  const octal = (offset: number, length: number, n: number) =>
    put(offset, length, `${n.toString(8).padStart(length - 1, "0")}\0`);
  put(0, 100, name);
  octal(100, 8, mode);
  octal(108, 8, 0);
  octal(116, 8, 0);
  octal(124, 12, size);
  octal(136, 12, Math.floor(mtime / 1000));
  put(148, 8, "        ");
  put(156, 1, type);
  put(257, 8, "ustar\x0000");
  put(265, 32, "root");
  put(297, 32, "root");
  const sum = header.reduce((n, b) => n + b, 0);
  put(148, 8, `${sum.toString(8).padStart(6, "0")}\0 `);
  return header;
}

/**
 * A gzip-compressed POSIX (ustar) tar of `files`, each after an entry for its folder.
 *
 * @example
 * ```ts
 * const tgz = await tarGz([{ path: "soracom_1.0.0_linux_amd64/soracom", data, mode: 0o755, mtime }]);
 * ```
 */
export async function tarGz(files: readonly ArchiveFile[]): Promise<Uint8Array<ArrayBuffer>> {
  const parts: Uint8Array[] = [];
  const folders = new Set<string>();
  for (const file of files) {
    const folder = file.path.slice(0, file.path.lastIndexOf("/") + 1);
    if (folder !== "" && !folders.has(folder)) {
      folders.add(folder);
      parts.push(tarHeader(folder, 0, 0o755, file.mtime, "5"));
    }
    parts.push(tarHeader(file.path, file.data.length, file.mode, file.mtime, "0"));
    parts.push(file.data, new Uint8Array((512 - (file.data.length % 512)) % 512));
  }
  parts.push(new Uint8Array(1024));
  return await transform(concatBytes(parts), new CompressionStream("gzip"));
}

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * CRC-32 (the one zip and gzip use).
 *
 * @example
 * ```ts
 * crc32(new TextEncoder().encode("123456789")); // 0xcbf43926
 * ```
 */
export function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < data.length; i++) c = CRC_TABLE[(c ^ data[i]) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** MS-DOS date and time (local fields taken as UTC, 2-second steps), as zip stores them. */
function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(Math.max(ms, Date.UTC(1980, 0, 1)));
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((d.getUTCFullYear() - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

interface ZipEntry {
  readonly name: Uint8Array;
  readonly method: number;
  readonly crc: number;
  readonly size: number;
  readonly stored: Uint8Array;
  readonly externalAttrs: number;
  readonly time: number;
  readonly date: number;
}

function zipHeader(entry: ZipEntry, central: boolean, offset: number): Uint8Array {
  const buf = new Uint8Array(central ? 46 : 30);
  const view = new DataView(buf.buffer);
  let p = 0;
  const u16 = (v: number) => {
    view.setUint16(p, v, true);
    p += 2;
  };
  const u32 = (v: number) => {
    view.setUint32(p, v >>> 0, true);
    p += 4;
  };
  u32(central ? 0x02014b50 : 0x04034b50);
  if (central) u16(0x031e); // made by: Unix, zip 3.0 (so the mode bits are honoured)
  u16(20); // needed to extract: 2.0
  u16(0); // flags
  u16(entry.method);
  u16(entry.time);
  u16(entry.date);
  u32(entry.crc);
  u32(entry.stored.length);
  u32(entry.size);
  u16(entry.name.length);
  u16(0); // extra field length
  if (central) {
    u16(0); // comment length
    u16(0); // disk number
    u16(0); // internal attributes
    u32(entry.externalAttrs);
    u32(offset);
  }
  return concatBytes([buf, entry.name]);
}

/**
 * A zip of `files` (deflated, Unix modes kept), each after an entry for its folder.
 *
 * @example
 * ```ts
 * const zip = await zipArchive([{ path: "soracom_1.0.0_darwin_arm64/soracom", data, mode: 0o755, mtime }]);
 * ```
 */
export async function zipArchive(files: readonly ArchiveFile[]): Promise<Uint8Array<ArrayBuffer>> {
  const entries: ZipEntry[] = [];
  const folders = new Set<string>();
  for (const file of files) {
    const { time, date } = dosDateTime(file.mtime);
    const folder = file.path.slice(0, file.path.lastIndexOf("/") + 1);
    if (folder !== "" && !folders.has(folder)) {
      folders.add(folder);
      entries.push({
        name: encoder.encode(folder),
        method: 0,
        crc: 0,
        size: 0,
        stored: new Uint8Array(),
        externalAttrs: ((0o040000 | 0o755) << 16) | 0x10,
        time,
        date,
      });
    }
    entries.push({
      name: encoder.encode(file.path),
      method: 8,
      crc: crc32(file.data),
      size: file.data.length,
      stored: await transform(file.data, new CompressionStream("deflate-raw")),
      externalAttrs: (0o100000 | file.mode) << 16,
      time,
      date,
    });
  }
  const parts: Uint8Array[] = [];
  const offsets: number[] = [];
  let offset = 0;
  for (const entry of entries) {
    offsets.push(offset);
    const header = zipHeader(entry, false, 0);
    parts.push(header, entry.stored);
    offset += header.length + entry.stored.length;
  }
  const centralStart = offset;
  for (const [i, entry] of entries.entries()) {
    const header = zipHeader(entry, true, offsets[i]);
    parts.push(header);
    offset += header.length;
  }
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, entries.length, true);
  view.setUint16(10, entries.length, true);
  view.setUint32(12, offset - centralStart, true);
  view.setUint32(16, centralStart, true);
  parts.push(end);
  return concatBytes(parts);
}

// ---- the build -----------------------------------------------------------------------------------

/** What one build made, by file name. */
export interface ReleaseFiles {
  readonly dir: string;
  readonly names: readonly string[];
}

/** How {@link buildRelease} compiles; the real one runs `deno compile`. */
export type Compile = (args: readonly string[], cwd: string) => Promise<void>;

/** Runs `deno` (this Deno) with `args` in `cwd`, failing with its exit status. */
export const denoCompile: Compile = async (args, cwd) => {
  const status = await new Deno.Command(Deno.execPath(), {
    args: [...args],
    cwd,
    stdin: "null",
    stdout: "inherit",
    stderr: "inherit",
  }).spawn().status;
  if (!status.success) {
    throw new Error(`deno ${args.slice(0, 3).join(" ")} failed (exit ${status.code})`);
  }
};

/**
 * Builds every target into `root/outDir/version/`: executables, archives and
 * `SHA256SUMS`. The folder is emptied first so the sums list this build only.
 *
 * @example
 * ```ts
 * await buildRelease({ root: ".", outDir: "dist", version: "1.0.0", targets: TARGETS, compile: denoCompile });
 * ```
 */
export async function buildRelease(options: {
  readonly root: string;
  readonly outDir: string;
  readonly version: string;
  readonly targets: readonly Target[];
  readonly compile: Compile;
  /** The release signing key (`deno task release-key`): SHA256SUMS gets a minisign signature. */
  readonly signingKey?: string;
}): Promise<ReleaseFiles> {
  const { root, outDir, version } = options;
  const base = outDir.startsWith("/") ? outDir : `${root}/${outDir}`;
  const dir = `${base}/${version}`;
  await Deno.remove(dir, { recursive: true }).catch((e) => {
    if (!(e instanceof Deno.errors.NotFound)) throw e;
  });
  await Deno.mkdir(dir, { recursive: true });
  /** Each asset's name and SHA-256, hashed from the bytes in hand (not read back). */
  const sums = new Map<string, string>();
  for (const target of options.targets) {
    const binary = assetName(version, target.os, target.arch);
    await options.compile(compileArgs(version, target, outDir), root);
    const data = await Deno.readFile(`${dir}/${binary}`);
    if (target.os !== "windows") await Deno.chmod(`${dir}/${binary}`, 0o755);
    const stem = archiveStem(version, target);
    const file: ArchiveFile = {
      path: `${stem}/soracom${target.os === "windows" ? ".exe" : ""}`,
      data,
      mode: 0o755,
      mtime: (await Deno.stat(`${dir}/${binary}`)).mtime?.getTime() ?? Date.now(),
    };
    const archive = {
      name: archiveName(version, target.os, target.arch),
      data: target.os === "linux" ? await tarGz([file]) : await zipArchive([file]),
    };
    await Deno.writeFile(`${dir}/${archive.name}`, archive.data);
    sums.set(binary, new Uint8Array(await crypto.subtle.digest("SHA-256", data)).toHex());
    sums.set(
      archive.name,
      new Uint8Array(await crypto.subtle.digest("SHA-256", archive.data)).toHex(),
    );
  }
  const names = [...sums.keys()].sort();
  const sumsText = new TextEncoder().encode(
    names.map((name) => `${sums.get(name)}  ${name}\n`).join(""),
  );
  await Deno.writeFile(`${dir}/${CHECKSUMS_ASSET}`, sumsText);
  const written = [...names, CHECKSUMS_ASSET];
  if (options.signingKey !== undefined) {
    const comment = `SHA256SUMS of soracom ${version}`;
    const signature = await signMinisign(sumsText, options.signingKey, comment);
    await Deno.writeTextFile(`${dir}/${SIGNATURE_ASSET}`, signature);
    written.push(SIGNATURE_ASSET);
  }
  return { dir, names: [...written, ...await writeManifests(dir, version, sums)] };
}

/**
 * The Homebrew formula and the Scoop manifest, each when the build has the
 * archives it installs (a build of some targets only may have neither).
 */
async function writeManifests(
  dir: string,
  version: string,
  sums: ReadonlyMap<string, string>,
): Promise<string[]> {
  const written: string[] = [];
  const has = (os: ReleaseOs, arch: ReleaseArch) => sums.has(archiveName(version, os, arch));
  if (HOMEBREW_PLATFORMS.every(([os, arch]) => has(os, arch))) {
    await Deno.writeTextFile(`${dir}/${HOMEBREW_FORMULA}`, homebrewFormula(version, sums));
    written.push(HOMEBREW_FORMULA);
  }
  if (has("windows", "amd64")) {
    await Deno.writeTextFile(`${dir}/${SCOOP_MANIFEST}`, scoopManifest(version, sums));
    written.push(SCOOP_MANIFEST);
  }
  return written;
}

function usage(message: string): never {
  console.error(`Error: ${message}`);
  console.error("usage: deno task release [--dry-run] [--target TRIPLE]... [--out DIR]");
  Deno.exit(2);
}

async function main(args: readonly string[]): Promise<void> {
  let values;
  try {
    ({ values } = readArgs(args, {
      "dry-run": { type: "boolean", default: false },
      target: { type: "string", multiple: true, default: [] },
      out: { type: "string", default: "dist" },
    }));
  } catch (e) {
    usage((e as Error).message);
  }
  const dryRun = values["dry-run"];
  const outDir = values.out.replace(/\/+$/, "");
  const triples = values.target;
  const targets = triples.length === 0 ? TARGETS : triples.map((triple) => {
    const target = TARGETS.find((t) => t.triple === triple);
    if (!target) {
      usage(`unknown target ${triple} (one of ${TARGETS.map((t) => t.triple).join(", ")})`);
    }
    return target;
  });
  if (dryRun) {
    for (const target of targets) {
      console.log(["deno", ...compileArgs(VERSION, target, outDir)].map(shellQuote).join(" "));
    }
    return;
  }
  const root = REPO_ROOT;
  const signingKey = Deno.env.get("RELEASE_SIGNING_KEY")?.trim() || undefined;
  if (signingKey === undefined) {
    console.error(
      `warning: RELEASE_SIGNING_KEY is not set: ${CHECKSUMS_ASSET} is not signed, and ` +
        "self-update refuses a release without a signature",
    );
  }
  try {
    const built = await buildRelease({
      root,
      outDir,
      version: VERSION,
      targets,
      compile: denoCompile,
      signingKey,
    });
    for (const name of built.names) console.log(`${built.dir}/${name}`);
  } catch (e) {
    console.error(`Error: ${e instanceof Error ? e.message : String(e)}`);
    Deno.exit(1);
  }
}

if (import.meta.main) await main(Deno.args);
