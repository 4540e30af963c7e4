/**
 * `soracom self-update`: asks the releases API for the latest release, and
 * when it is newer than this program, downloads the executable for this OS and
 * architecture, checks it against the release's `SHA256SUMS`, and replaces the
 * running executable atomically (the old one stays on any failure).
 *
 * Under `deno run` the executable is Deno itself, so it only explains how to
 * update. `SORACOM_RELEASES_URL` points it at another releases API (default
 * GitHub's) and `SORACOM_SELF_UPDATE_TARGET` at another file to replace: tests
 * use both, with a loopback server and a copy of a file.
 *
 * @module
 */

import type { CliCommand } from "../flags.ts";
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
  versionGroups,
} from "../../release.ts";
import { sha256Hex } from "../../sha256.ts";
import { booleanFlag, type GlobalFlagValues } from "../flags.ts";
import { defineCommand, type OwnFlags } from "../command.ts";
import { messagesFor, said } from "../../messages.ts";

const INFO_TIMEOUT_MS = 30_000;
const DOWNLOAD_TIMEOUT_MS = 600_000;

const releaseSchema = z.object({
  tag_name: z.string().min(1),
  html_url: z.string().optional(),
  assets: z.array(z.object({ name: z.string(), browser_download_url: z.string() })),
});

type Release = z.infer<typeof releaseSchema>;
type Asset = Release["assets"][number];

/** A URL without credentials or query, for messages. */
function shown(url: string): string {
  try {
    const u = new URL(url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "(an invalid URL)";
  }
}

function describe(e: unknown): string {
  if (e instanceof DOMException && (e.name === "TimeoutError" || e.name === "AbortError")) {
    return "no answer before the timeout";
  }
  return oneLine(e instanceof Error ? e.message : String(e));
}

function releasesBase(ctx: Context): string {
  const base = (ctx.env("SORACOM_RELEASES_URL") || DEFAULT_RELEASES_URL).replace(/\/+$/, "");
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    throw new CliError("usage", said("releasesUrlInvalid"));
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw new CliError("usage", said("releasesUrlScheme"));
  }
  return base;
}

async function get(ctx: Context, url: string, accept: string, timeoutMs: number) {
  let response: Response;
  try {
    response = await ctx.fetch(
      new Request(url, {
        headers: { accept, "user-agent": USER_AGENT },
        signal: AbortSignal.timeout(timeoutMs),
      }),
    );
  } catch (e) {
    throw new CliError("network", said("releaseRequestFailed", `GET ${shown(url)}`, describe(e)), {
      cause: e,
    });
  }
  if (!response.ok) {
    const body = await response.text().catch(() => "");
    throw new CliError(
      "api",
      `GET ${shown(url)}: HTTP ${response.status}${body ? ` ${excerpt(body)}` : ""}`,
      { status: response.status },
    );
  }
  return response;
}

async function latestRelease(ctx: Context): Promise<Release> {
  const url = `${releasesBase(ctx)}/repos/${RELEASE_REPO}/releases/latest`;
  const response = await get(ctx, url, "application/vnd.github+json", INFO_TIMEOUT_MS);
  let json: unknown;
  try {
    json = await response.json();
  } catch (e) {
    throw new CliError("api", said("releaseNotJson", `GET ${shown(url)}`, describe(e)), {
      cause: e,
    });
  }
  const parsed = releaseSchema.safeParse(json);
  if (!parsed.success) {
    throw new CliError("api", said("releaseNotARelease", `GET ${shown(url)}`));
  }
  return parsed.data;
}

async function download(ctx: Context, asset: Asset): Promise<Uint8Array> {
  const response = await get(
    ctx,
    asset.browser_download_url,
    "application/octet-stream",
    DOWNLOAD_TIMEOUT_MS,
  );
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (e) {
    throw new CliError(
      "network",
      said("downloadInterrupted", asset.name, describe(e)),
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
  if (!executable) throw new CliError("internal", "cannot rename files in this context");
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
  const m = messagesFor((n) => ctx.env(n));
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
  ctx.stdout.write(`${messagesFor((n) => ctx.env(n)).updateUnderDeno(VERSION, repo)}\n`);
}

/** The flags of `self-update`. */
export interface SelfUpdateFlags extends GlobalFlagValues {
  /** Update without asking. */
  readonly yes?: boolean;
}

/** `self-update`: finds the latest release and, when newer, replaces this executable. */
export async function runSelfUpdate(ctx: Context, flags: SelfUpdateFlags): Promise<void> {
  const target = ctx.env("SORACOM_SELF_UPDATE_TARGET") || await ctx.executable?.path();
  if (!target) return underDeno(ctx);
  const info = await ctx.fs.stat(target);
  if (!info?.isFile) throw new CliError("config", said("updateTargetNotFile", target));
  const os = releaseOs(ctx.os);
  const arch = releaseArch(ctx.arch);
  if (!os || !arch) {
    throw new CliError("config", said("noReleaseForPlatform", ctx.os, ctx.arch));
  }
  const release = await latestRelease(ctx);
  const latest = release.tag_name.replace(/^v/, "");
  if (versionGroups(latest) === undefined) {
    throw new CliError(
      "api",
      said("releaseTagNotVersion", JSON.stringify(release.tag_name)),
    );
  }
  if (compareVersions(latest, VERSION) <= 0) {
    ctx.stdout.write(`${messagesFor((n) => ctx.env(n)).upToDate(VERSION, latest)}\n`);
    return;
  }
  const notes = release.html_url ?? `https://github.com/${RELEASE_REPO}/releases/tag/v${latest}`;
  const name = assetName(latest, os, arch);
  const asset = release.assets.find((a) => a.name === name);
  if (!asset) {
    throw new CliError("api", said("releaseMissingAsset", latest, name, notes));
  }
  const sums = release.assets.find((a) => a.name === CHECKSUMS_ASSET);
  if (!sums) {
    throw new CliError(
      "api",
      said("releaseMissingSums", latest, CHECKSUMS_ASSET, name),
    );
  }
  if (flags.yes !== true) await confirm(ctx, latest, target, notes);
  const expected = parseChecksums(new TextDecoder().decode(await download(ctx, sums))).get(name);
  if (!expected) {
    throw new CliError(
      "api",
      said("releaseSumsMissingLine", CHECKSUMS_ASSET, latest, name),
    );
  }
  const data = await download(ctx, asset);
  const actual = sha256Hex(data);
  if (actual !== expected) {
    throw new CliError("api", said("checksumMismatch", name, expected, actual));
  }
  try {
    await replaceExecutable(ctx, target, data);
  } catch (e) {
    if (e instanceof Deno.errors.NotCapable) throw e;
    throw new CliError(
      "config",
      said("cannotReplace", target, describe(e)),
      { cause: e },
    );
  }
  ctx.stdout.write(`soracom updated from v${VERSION} to v${latest} (${target}).\n`);
}

/** The `self-update` command. */
export function selfUpdateCommand(): CliCommand {
  return defineCommand<OwnFlags<SelfUpdateFlags>>({
    flags: { yes: booleanFlag("update without asking") },
    run: ({ ctx }, flags) => runSelfUpdate(ctx, flags),
    docs: {
      brief: "update soracom to the latest release",
      fullDescription: [
        `Asks ${DEFAULT_RELEASES_URL}/repos/${RELEASE_REPO}/releases/latest (or`,
        "$SORACOM_RELEASES_URL) for the latest release; when it is newer, downloads the executable",
        `for this OS and architecture, checks it against ${CHECKSUMS_ASSET} and replaces this one.`,
        "Asks before replacing unless --yes is given.",
      ].join("\n"),
    },
  });
}
