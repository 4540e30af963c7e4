/**
 * Updating this program from its releases: find the latest release and, when
 * it is newer, check the release's `SHA256SUMS` against its minisign
 * signature by a key built into this program (`release_key.ts`), download the
 * executable for this OS and architecture, check it against `SHA256SUMS`, and
 * replace the running executable atomically (the old one stays on any
 * failure). Files come from `download.ts`'s sources only, each capped.
 *
 * Under `deno run` the executable is Deno itself, so there is nothing to
 * replace. `SORACOM_RELEASES_URL` points it at another releases API (default
 * GitHub's) and `SORACOM_SELF_UPDATE_TARGET` at another file to replace: tests
 * use both, with a loopback server and a copy of a file.
 *
 * @module
 */

import { z } from "zod";
import type { Context } from "../context.ts";
import { CliError } from "../errors.ts";
import { messages, said } from "../messages.ts";
import { VERSION } from "../version.ts";
import {
  describeFailure,
  fetchReleaseFile,
  releaseSources,
  shownUrl,
  type Sources,
} from "./download.ts";
import { verifySignature } from "./minisign.ts";
import {
  assetName,
  CHECKSUMS_ASSET,
  compareVersions,
  parseChecksums,
  RELEASE_REPO,
  releaseArch,
  releaseOs,
  SIGNATURE_ASSET,
  versionGroups,
} from "./release.ts";
import { RELEASE_PUBLIC_KEYS } from "./release_key.ts";
import { replaceExecutable } from "./replace.ts";

const INFO_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 600_000;
/** The most an executable may be (they are about 100 MB): a larger download is cut off. */
export const MAX_EXECUTABLE_BYTES = 512 * 1024 * 1024;
/** The most `SHA256SUMS`, its signature or the release answer may be. */
export const MAX_SMALL_BYTES = 1024 * 1024;

const releaseSchema = z.object({
  tag_name: z.string().min(1),
  html_url: z.string().optional(),
  assets: z.array(z.object({ name: z.string(), browser_download_url: z.string() })),
});

type Release = z.infer<typeof releaseSchema>;

/** A file of a release, as the releases API lists it. */
export interface Asset {
  /** Its file name. */
  readonly name: string;
  /** Where it is downloaded from. */
  readonly browser_download_url: string;
}

/** A newer release this program can be replaced with. */
export interface Update {
  /** Its version, without `v`. */
  readonly latest: string;
  /** The file to replace. */
  readonly target: string;
  /** Its release notes' page. */
  readonly notes: string;
  /** Its executable's asset name for this platform. */
  readonly name: string;
  /** The executable for this platform. */
  readonly executable: Asset;
  /** `SHA256SUMS`. */
  readonly sums: Asset;
  /** `SHA256SUMS.minisig`. */
  readonly signature: Asset;
  /** Where its files may come from. */
  readonly sources: Sources;
}

/** What the latest release means for this program. */
export type UpdateCheck =
  /** Running under `deno run`: there is no executable of ours to replace. */
  | { readonly kind: "script"; readonly repository: string }
  /** This program is the latest release, or newer. */
  | { readonly kind: "current"; readonly latest: string }
  | { readonly kind: "newer"; readonly update: Update };

async function latestRelease(ctx: Context, sources: Sources): Promise<Release> {
  const url = `${sources.base}/repos/${RELEASE_REPO}/releases/latest`;
  const bytes = await fetchReleaseFile(ctx, sources, url, {
    accept: "application/vnd.github+json",
    timeoutMs: INFO_TIMEOUT_MS,
    name: messages(ctx.lang).releaseAnswer,
    max: MAX_SMALL_BYTES,
  });
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    const request = `GET ${shownUrl(ctx, url)}`;
    throw new CliError("api", said("releaseNotJson", request, describeFailure(ctx, e)), {
      cause: e,
    });
  }
  const parsed = releaseSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError("api", said("releaseNotARelease", `GET ${shownUrl(ctx, url)}`));
  }
  return parsed.data;
}

/** The release's assets for this platform: the executable, `SHA256SUMS` and its signature. */
function assetsOf(release: Release, latest: string, name: string) {
  const notes = release.html_url ?? `https://github.com/${RELEASE_REPO}/releases/tag/v${latest}`;
  const find = (n: string) => release.assets.find((a) => a.name === n);
  const executable = find(name);
  if (!executable) throw new CliError("api", said("releaseMissingAsset", latest, name, notes));
  const sums = find(CHECKSUMS_ASSET);
  if (!sums) throw new CliError("api", said("releaseMissingSums", latest, CHECKSUMS_ASSET, name));
  const signature = find(SIGNATURE_ASSET);
  if (!signature) {
    throw new CliError("api", said("releaseSignatureMissing", latest, SIGNATURE_ASSET));
  }
  return { executable, sums, signature, notes };
}

/** The file to replace: `SORACOM_SELF_UPDATE_TARGET`, else the running executable (none under Deno). */
async function targetOf(ctx: Context): Promise<string | undefined> {
  const target = ctx.env("SORACOM_SELF_UPDATE_TARGET") || await ctx.executable?.path();
  if (!target) return undefined;
  const info = await ctx.fs.stat(target);
  if (!info?.isFile) throw new CliError("config", said("updateTargetNotFile", target));
  return target;
}

/**
 * Asks the releases API for the latest release and says whether it is newer
 * than this program; nothing is downloaded but the release's description.
 */
export async function checkForUpdate(ctx: Context): Promise<UpdateCheck> {
  const target = await targetOf(ctx);
  if (!target) return { kind: "script", repository: `https://github.com/${RELEASE_REPO}` };
  const os = releaseOs(ctx.os);
  const arch = releaseArch(ctx.arch);
  if (!os || !arch) throw new CliError("config", said("noReleaseForPlatform", ctx.os, ctx.arch));
  const sources = releaseSources(ctx);
  const release = await latestRelease(ctx, sources);
  const latest = release.tag_name.replace(/^v/, "");
  if (versionGroups(latest) === undefined) {
    throw new CliError("api", said("releaseTagNotVersion", JSON.stringify(release.tag_name)));
  }
  if (compareVersions(latest, VERSION) <= 0) return { kind: "current", latest };
  const name = assetName(latest, os, arch);
  const assets = assetsOf(release, latest, name);
  return { kind: "newer", update: { latest, target, name, sources, ...assets } };
}

/** A file of `update`'s release. */
function download(ctx: Context, update: Update, asset: Asset, max: number) {
  return fetchReleaseFile(ctx, update.sources, asset.browser_download_url, {
    accept: "application/octet-stream",
    timeoutMs: DOWNLOAD_TIMEOUT_MS,
    name: asset.name,
    max,
  });
}

/**
 * The checksum of the executable from the release's `SHA256SUMS`, once its
 * signature is found good with one of `trustedKeys`; nothing else is
 * downloaded before.
 */
async function signedChecksum(
  ctx: Context,
  update: Update,
  trustedKeys: readonly string[],
): Promise<string> {
  const sums = await download(ctx, update, update.sums, MAX_SMALL_BYTES);
  const signature = new TextDecoder().decode(
    await download(ctx, update, update.signature, MAX_SMALL_BYTES),
  );
  const verdict = await verifySignature(sums, signature, trustedKeys);
  if (verdict !== "ok") {
    throw new CliError("api", said("releaseSignatureBad", update.latest, verdict));
  }
  const expected = parseChecksums(new TextDecoder().decode(sums)).get(update.name);
  if (!expected) {
    throw new CliError(
      "api",
      said("releaseSumsMissingLine", CHECKSUMS_ASSET, update.latest, update.name),
    );
  }
  return expected;
}

/**
 * Downloads `update`'s executable, checks it against the signed
 * `SHA256SUMS`, and puts it in place of `update.target`. Signatures are
 * checked with the built-in keys (a test Context may name its own, see
 * `Context.releaseKeys`).
 */
export async function installUpdate(ctx: Context, update: Update): Promise<void> {
  const expected = await signedChecksum(ctx, update, ctx.releaseKeys ?? RELEASE_PUBLIC_KEYS);
  const data = await download(ctx, update, update.executable, MAX_EXECUTABLE_BYTES);
  const actual = new Uint8Array(await crypto.subtle.digest("SHA-256", data)).toHex();
  if (actual !== expected) {
    throw new CliError("api", said("checksumMismatch", update.name, expected, actual));
  }
  try {
    await replaceExecutable(ctx, update.target, data);
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) throw e;
    const why = describeFailure(ctx, e);
    throw new CliError("config", said("cannotReplace", update.target, why), { cause: e });
  }
}
