/**
 * A loopback stand-in for GitHub's releases API, for `soracom self-update`
 * tests: `GET /repos/OWNER/REPO/releases/latest` and the asset downloads it
 * links to, with the faults the tests need (a wrong checksum, a missing asset,
 * a download cut off mid-body, an error status).
 *
 * @module
 */

import {
  assetName,
  CHECKSUMS_ASSET,
  RELEASE_REPO,
  type ReleaseArch,
  releaseArch,
  type ReleaseOs,
  releaseOs,
  SIGNATURE_ASSET,
} from "../src/update/release.ts";
import { signMinisign } from "./release_key.ts";
import { droppedResponse } from "../src/emulator/dropped.ts";

/**
 * The tests' release key pair (made with `generateReleaseKey`): trusted by the
 * test Contexts and by the test bundle, never by soracom itself.
 */
export const TEST_RELEASE_KEY = {
  publicKey: "RWQj0azNYVHz/4SIcJjmp3qf383KXLwiKHnZWc+PM16YNATtuIg2BG23",
  secretKey: "I9GszWFR8/8wLgIBADAFBgMrZXAEIgQgm64Lhs13+3mcWXKJMEEREovAvJH4/v353x6KP48G77g=",
} as const;

/** A second pair, which nothing trusts: a release signed with it must be refused. */
export const UNTRUSTED_RELEASE_KEY = {
  publicKey: "RWSYDcVYwheCW71iAasxhhEpZplBQWSi4xmmfIg1LSd4claNSZEVbNGS",
  secretKey: "mA3FWMIXglswLgIBADAFBgMrZXAEIgQg7xfNlKQx/whVgeQgdHFwpTfesm/rBS64RzYR5Fw3gpo=",
} as const;

/** An asset's content, or `"reset"`: half of `bytes` is sent, then the connection drops. */
export type FakeAsset = Uint8Array | { readonly reset: Uint8Array };

/** What the fake serves as the latest release. */
export interface FakeRelease {
  readonly tag: string;
  readonly assets: Readonly<Record<string, FakeAsset>>;
  /** Answer `releases/latest` with this status and no release. */
  readonly status?: number;
  /** The download links point at this base URL instead of the fake's own. */
  readonly assetsAt?: string;
  /** Downloads are answered with a 302 to the same path at this base URL. */
  readonly redirectTo?: string;
}

/** A running fake releases API. */
export interface FakeReleases {
  /** Base URL for `SORACOM_RELEASES_URL`. */
  readonly url: string;
  /** Paths requested, in order. */
  readonly requests: readonly string[];
  /** How many asset downloads were asked for. */
  downloads(): number;
  close(): Promise<void>;
}

/** The host's asset name for a version. */
export function hostAssetName(
  version: string,
  os: ReleaseOs = releaseOs(Deno.build.os) ?? "linux",
  arch: ReleaseArch = releaseArch(Deno.build.arch) ?? "amd64",
): string {
  return assetName(version, os, arch);
}

/**
 * A release `vVERSION` with `executable` as the asset for `os`/`arch` (the host
 * by default) and a matching `SHA256SUMS`, bent as the options say.
 */
export async function releaseOf(
  version: string,
  executable: Uint8Array<ArrayBuffer>,
  options: {
    os?: ReleaseOs;
    arch?: ReleaseArch;
    /** SHA256SUMS lists the hash of these bytes instead. */
    checksumOf?: Uint8Array<ArrayBuffer>;
    withoutExecutable?: boolean;
    withoutChecksums?: boolean;
    /** The executable download is cut off halfway. */
    interrupted?: boolean;
    /** How SHA256SUMS is signed: by the test key (the default), an untrusted key, not at all, or with the signature of other content. */
    signature?: "test" | "untrusted" | "none" | "mismatched";
  } = {},
): Promise<FakeRelease> {
  const name = hostAssetName(version, options.os, options.arch);
  const assets: Record<string, FakeAsset> = {
    [`soracom_${version}_linux_amd64.tar.gz`]: new Uint8Array([1, 2, 3]),
  };
  if (!options.withoutExecutable) {
    assets[name] = options.interrupted ? { reset: executable } : executable;
  }
  if (!options.withoutChecksums) {
    const hash = new Uint8Array(
      await crypto.subtle.digest("SHA-256", options.checksumOf ?? executable),
    ).toHex();
    const sums = new TextEncoder().encode(
      `${"0".repeat(64)}  soracom_${version}_linux_amd64.tar.gz\n${hash}  ${name}\n`,
    );
    assets[CHECKSUMS_ASSET] = sums;
    const how = options.signature ?? "test";
    if (how !== "none") {
      const key = how === "untrusted" ? UNTRUSTED_RELEASE_KEY : TEST_RELEASE_KEY;
      const signed = how === "mismatched" ? new TextEncoder().encode("other") : sums;
      assets[SIGNATURE_ASSET] = new TextEncoder().encode(
        await signMinisign(signed, key.secretKey, `SHA256SUMS of soracom ${version}`),
      );
    }
  }
  return { tag: `v${version}`, assets };
}

/** Half of `bytes`, with all of them promised, so the server drops the connection. */
function cutOff(bytes: Uint8Array): Response {
  return droppedResponse(
    new Headers({ "content-type": "application/octet-stream" }),
    bytes.length,
    bytes.slice(0, Math.floor(bytes.length / 2)),
  );
}

/** Starts the fake on 127.0.0.1 (a free port). */
export function startFakeReleases(release: FakeRelease): FakeReleases {
  const requests: string[] = [];
  const latest = `/repos/${RELEASE_REPO}/releases/latest`;
  const server: Deno.HttpServer<Deno.NetAddr> = Deno.serve({
    hostname: "127.0.0.1",
    port: 0,
    onListen: () => {},
  }, (req): Response => {
    const path = new URL(req.url).pathname;
    requests.push(path);
    const base = `http://127.0.0.1:${server.addr.port}`;
    if (path === latest) {
      if (release.status !== undefined) {
        return Response.json({ message: "Not Found" }, { status: release.status });
      }
      return Response.json({
        tag_name: release.tag,
        html_url: `${base}/releases/tag/${release.tag}`,
        assets: Object.keys(release.assets).map((name) => ({
          name,
          browser_download_url: `${release.assetsAt ?? base}/download/${release.tag}/${name}`,
        })),
      });
    }
    const prefix = `/download/${release.tag}/`;
    if (release.redirectTo !== undefined && path.startsWith(prefix)) {
      return new Response(null, {
        status: 302,
        headers: { location: `${release.redirectTo}${path}` },
      });
    }
    const asset = path.startsWith(prefix)
      ? release.assets[decodeURIComponent(path.slice(prefix.length))]
      : undefined;
    if (asset === undefined) return new Response("Not Found", { status: 404 });
    if ("reset" in asset) return cutOff(asset.reset);
    return new Response(asset as Uint8Array<ArrayBuffer>, {
      headers: { "content-type": "application/octet-stream" },
    });
  });
  return {
    url: `http://127.0.0.1:${server.addr.port}`,
    requests,
    downloads: () => requests.filter((p) => p.startsWith("/download/")).length,
    close: () => server.shutdown(),
  };
}
