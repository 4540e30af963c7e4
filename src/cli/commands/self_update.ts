/**
 * `soracom self-update`: asks the releases API for the latest release, and
 * when it is newer than this program, checks the release's `SHA256SUMS`
 * against its minisign signature by a key built into this program
 * (`release_key.ts`), downloads the executable for this OS and architecture,
 * checks it against `SHA256SUMS`, and replaces the running executable
 * atomically (the old one stays on any failure). Files come only over https
 * from the release hosts (GitHub's, or the host of `SORACOM_RELEASES_URL`),
 * redirects included, and no larger than a release file can be.
 *
 * Under `deno run` the executable is Deno itself, so it only explains how to
 * update. `SORACOM_RELEASES_URL` points it at another releases API (default
 * GitHub's) and `SORACOM_SELF_UPDATE_TARGET` at another file to replace: tests
 * use both, with a loopback server and a copy of a file.
 *
 * @module
 */

import { z } from "zod";
import { USER_AGENT } from "../../api/http.ts";
import type { Context } from "../../context.ts";
import { CliError, excerpt, oneLine } from "../../errors.ts";
import { VERSION } from "../../version.ts";
import {
  assetName,
  CHECKSUMS_ASSET,
  compareVersions,
  DEFAULT_RELEASES_URL,
  parseChecksums,
  RELEASE_REPO,
  releaseArch,
  releaseOs,
  SIGNATURE_ASSET,
  versionGroups,
} from "../../release.ts";
import { sha256Hex } from "../../sha256.ts";
import { verifySignature } from "../../minisign.ts";
import { RELEASE_PUBLIC_KEYS } from "../../release_key.ts";
import { isLoopback } from "../../api/endpoint.ts";
import { collectCapped } from "../../bytes.ts";
import { booleanFlag, type GlobalFlagValues } from "../flags.ts";
import { type Command, defineCommand, type OwnFlags } from "../command.ts";
import { messages, said } from "../../messages.ts";

const INFO_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 600_000;
/** The most an executable may be (they are about 100 MB): a larger download is cut off. */
const MAX_EXECUTABLE_BYTES = 512 * 1024 * 1024;
/** The most `SHA256SUMS`, its signature or the release answer may be. */
const MAX_SMALL_BYTES = 1024 * 1024;
/** Redirects followed for one file (GitHub sends one, to its download host). */
const MAX_HOPS = 5;

const releaseSchema = z.object({
  tag_name: z.string().min(1),
  html_url: z.string().optional(),
  assets: z.array(z.object({ name: z.string(), browser_download_url: z.string() })),
});

type Release = z.infer<typeof releaseSchema>;
type Asset = Release["assets"][number];

/** A URL without credentials or query, for messages. */
function shown(ctx: Context, url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return messages(ctx.lang).invalidUrl;
  }
}

/** Why `e` stopped a request or a write, in the reader's language. */
function describe(ctx: Context, e: unknown): string {
  if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return messages(ctx.lang).noAnswerInTime;
  }
  return oneLine(e instanceof Error ? e.message : String(e));
}

/** Where release files may come from. */
interface Sources {
  /** The releases API, without a trailing slash. */
  readonly base: string;
  /** True when a URL may be fetched. */
  readonly allows: (url: URL) => boolean;
  /** Where files may come from, for messages. */
  readonly described: string;
}

/**
 * The releases API and where its files may come from: GitHub's API, download
 * and asset hosts over https by default; with SORACOM_RELEASES_URL, only its
 * own origin (https, or http on this machine for tests).
 */
function releaseSources(ctx: Context): Sources {
  const given = ctx.env("SORACOM_RELEASES_URL");
  const base = (given || DEFAULT_RELEASES_URL).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new CliError("usage", said("releasesUrlInvalid"));
  }
  if (url.protocol !== "https:" && !(url.protocol === "http:" && isLoopback(url))) {
    throw new CliError("usage", said("releasesUrlScheme"));
  }
  if (given) {
    return { base, allows: (u) => u.origin === url.origin, described: url.origin };
  }
  const github = (u: URL) =>
    u.protocol === "https:" && (
      u.hostname === "github.com" || u.hostname === "api.github.com" ||
      u.hostname.endsWith(".githubusercontent.com")
    );
  return { base, allows: github, described: "github.com" };
}

/** Fetches `url`, following redirects only to where release files may come from. */
async function fetchFrom(ctx: Context, sources: Sources, url: string, accept: string, ms: number) {
  const signal = AbortSignal.timeout(ms);
  let at = url;
  for (let hop = 0;; hop++) {
    const next = URL.parse(at);
    if (next === null || !sources.allows(next) || hop > MAX_HOPS) {
      throw new CliError("api", said("releaseUrlRefused", shown(ctx, at), sources.described));
    }
    const response = await ctx.fetch(
      new Request(next, {
        headers: { accept, "user-agent": USER_AGENT },
        redirect: "manual",
        signal,
      }),
    );
    const location = response.headers.get("location");
    if (response.status < 300 || response.status > 399 || location === null) return response;
    await response.body?.cancel();
    at = new URL(location, next).href;
  }
}

/** The body of `response`, refused once it grows past `max` bytes. */
async function readLimited(
  response: Response,
  name: string,
  max: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  const tooLarge = () => new CliError("api", said("releaseTooLarge", name, max));
  if (declared > max) {
    await response.body?.cancel();
    throw tooLarge();
  }
  const body = await collectCapped(response.body ?? [], max);
  if (body === undefined) throw tooLarge();
  return body;
}

async function get(
  ctx: Context,
  sources: Sources,
  url: string,
  accept: string,
  timeoutMs: number,
) {
  let response: Response;
  try {
    response = await fetchFrom(ctx, sources, url, accept, timeoutMs);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      "network",
      said("releaseRequestFailed", `GET ${shown(ctx, url)}`, describe(ctx, e)),
      {
        cause: e,
      },
    );
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    throw new CliError(
      "api",
      `GET ${shown(ctx, url)}: HTTP ${response.status}${body ? ` ${excerpt(body)}` : ""}`,
      { status: response.status },
    );
  }
  return response;
}

async function latestRelease(ctx: Context, sources: Sources): Promise<Release> {
  const url = `${sources.base}/repos/${RELEASE_REPO}/releases/latest`;
  const response = await get(ctx, sources, url, "application/vnd.github+json", INFO_TIMEOUT_MS);
  let json: unknown;
  try {
    const bytes = await readLimited(response, messages(ctx.lang).releaseAnswer, MAX_SMALL_BYTES);
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError("api", said("releaseNotJson", `GET ${shown(ctx, url)}`, describe(ctx, e)), {
      cause: e,
    });
  }
  const parsed = releaseSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError("api", said("releaseNotARelease", `GET ${shown(ctx, url)}`));
  }
  return parsed.data;
}

async function download(
  ctx: Context,
  sources: Sources,
  asset: Asset,
  max: number,
): Promise<Uint8Array<ArrayBuffer>> {
  const response = await get(
    ctx,
    sources,
    asset.browser_download_url,
    "application/octet-stream",
    DOWNLOAD_TIMEOUT_MS,
  );
  try {
    return await readLimited(response, asset.name, max);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(
      "network",
      said("downloadInterrupted", asset.name, describe(ctx, e)),
      { cause: e },
    );
  }
}

function splitPath(path: string): { dir: string; base: string; sep: string } {
  const slash = Math.max(path.lastIndexOf("/"), path.lastIndexOf("\\"));
  const sep = slash >= 0 ? path[slash] : "/";
  return {
    dir: slash >= 0 ? path.slice(0, slash) || sep : ".",
    base: slash >= 0 ? path.slice(slash + 1) : path,
    sep,
  };
}

/**
 * Replaces the file at `target` with `data` (mode 0755) so that it is either
 * the old or the new executable, never a mix: a temp file in the same folder,
 * fsync, then a rename over the target. Windows refuses to overwrite a running
 * executable but lets it be renamed, so there the old one is first moved aside
 * (and moved back if the new one cannot be put in place); leftovers from an
 * earlier update are removed first.
 */
async function replaceExecutable(
  ctx: Context,
  target: string,
  data: Uint8Array,
): Promise<void> {
  if (ctx.os !== "windows") {
    await ctx.fs.writeFileAtomic(target, data, 0o755);
    return;
  }
  const executable = ctx.executable;
  if (!executable) throw new CliError("internal", said("cannotRename"));
  const { dir, base, sep } = splitPath(target);
  const join = (name: string) => (dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`);
  for (const name of await ctx.fs.readDir(dir)) {
    if (name.startsWith(`.${base}.`) && name.endsWith(".old")) {
      await ctx.fs.remove(join(name)).catch(() => false);
    }
  }
  const aside = join(`.${base}.${crypto.randomUUID()}.old`);
  await executable.rename(target, aside);
  try {
    await ctx.fs.writeFileAtomic(target, data, 0o755);
  } catch (e) {
    await executable.rename(aside, target).catch(() => {});
    throw e;
  }
  // Still running, so Windows may refuse; the next update removes it.
  await ctx.fs.remove(aside).catch(() => false);
}

async function confirm(
  ctx: Context,
  latest: string,
  target: string,
  notes: string,
): Promise<void> {
  const m = messages(ctx.lang);
  ctx.stderr.write(`${m.updateAvailable(latest, VERSION, notes, target)}\n`);
  const answer = await ctx.prompt(m.updateNow, { stdinOk: true });
  if (answer === undefined) {
    throw new CliError("usage", said("updateNeedsTerminal"));
  }
  if (!["y", "yes"].includes(answer.trim().toLowerCase())) {
    throw new CliError("aborted", said("abort"));
  }
}

function underDeno(ctx: Context): void {
  const repo = `https://github.com/${RELEASE_REPO}`;
  ctx.stdout.write(`${messages(ctx.lang).updateUnderDeno(VERSION, repo)}\n`);
}

/** The flags of `self-update`. */
export interface SelfUpdateFlags extends GlobalFlagValues {
  /** Update without asking. */
  readonly yes?: boolean;
}

/** The release's assets for this platform: the executable, `SHA256SUMS` and its signature. */
function assetsOf(release: Release, latest: string, name: string) {
  const notes = release.html_url ?? `https://github.com/${RELEASE_REPO}/releases/tag/v${latest}`;
  const find = (n: string) => release.assets.find((a) => a.name === n);
  const asset = find(name);
  if (!asset) throw new CliError("api", said("releaseMissingAsset", latest, name, notes));
  const sums = find(CHECKSUMS_ASSET);
  if (!sums) throw new CliError("api", said("releaseMissingSums", latest, CHECKSUMS_ASSET, name));
  const signature = find(SIGNATURE_ASSET);
  if (!signature) {
    throw new CliError("api", said("releaseSignatureMissing", latest, SIGNATURE_ASSET));
  }
  return { asset, sums, signature, notes };
}

/**
 * The checksum of `name` from the release's `SHA256SUMS`, once its signature
 * is found good with one of `trustedKeys`; nothing else is downloaded before.
 */
async function signedChecksum(
  ctx: Context,
  sources: Sources,
  assets: ReturnType<typeof assetsOf>,
  latest: string,
  name: string,
  trustedKeys: readonly string[],
): Promise<string> {
  const sums = await download(ctx, sources, assets.sums, MAX_SMALL_BYTES);
  const signature = await download(ctx, sources, assets.signature, MAX_SMALL_BYTES);
  const verdict = await verifySignature(sums, new TextDecoder().decode(signature), trustedKeys);
  if (verdict !== "ok") throw new CliError("api", said("releaseSignatureBad", latest, verdict));
  const expected = parseChecksums(new TextDecoder().decode(sums)).get(name);
  if (!expected) {
    throw new CliError("api", said("releaseSumsMissingLine", CHECKSUMS_ASSET, latest, name));
  }
  return expected;
}

/**
 * `self-update`: finds the latest release and, when newer, replaces this
 * executable. Signatures are checked with the built-in keys (a test Context
 * may name its own, see `Context.releaseKeys`).
 */
export async function runSelfUpdate(ctx: Context, flags: SelfUpdateFlags): Promise<void> {
  const trustedKeys = ctx.releaseKeys ?? RELEASE_PUBLIC_KEYS;
  const target = ctx.env("SORACOM_SELF_UPDATE_TARGET") || await ctx.executable?.path();
  if (!target) return underDeno(ctx);
  const info = await ctx.fs.stat(target);
  if (!info?.isFile) throw new CliError("config", said("updateTargetNotFile", target));
  const os = releaseOs(ctx.os);
  const arch = releaseArch(ctx.arch);
  if (!os || !arch) {
    throw new CliError("config", said("noReleaseForPlatform", ctx.os, ctx.arch));
  }
  const sources = releaseSources(ctx);
  const release = await latestRelease(ctx, sources);
  const latest = release.tag_name.replace(/^v/, "");
  if (versionGroups(latest) === undefined) {
    throw new CliError("api", said("releaseTagNotVersion", JSON.stringify(release.tag_name)));
  }
  if (compareVersions(latest, VERSION) <= 0) {
    ctx.stdout.write(`${messages(ctx.lang).upToDate(VERSION, latest)}\n`);
    return;
  }
  const name = assetName(latest, os, arch);
  const assets = assetsOf(release, latest, name);
  if (flags.yes !== true) await confirm(ctx, latest, target, assets.notes);
  const expected = await signedChecksum(ctx, sources, assets, latest, name, trustedKeys);
  const data = await download(ctx, sources, assets.asset, MAX_EXECUTABLE_BYTES);
  const actual = sha256Hex(data);
  if (actual !== expected) {
    throw new CliError("api", said("checksumMismatch", name, expected, actual));
  }
  try {
    await replaceExecutable(ctx, target, data);
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) throw e;
    throw new CliError("config", said("cannotReplace", target, describe(ctx, e)), { cause: e });
  }
  ctx.stdout.write(`${messages(ctx.lang).updated(VERSION, latest, target)}\n`);
}

/** The `self-update` command. */
export function selfUpdateCommand(): Command {
  return defineCommand<OwnFlags<SelfUpdateFlags>>({
    flags: { yes: booleanFlag() },
    run: (ctx, flags) => runSelfUpdate(ctx, flags),
  });
}
