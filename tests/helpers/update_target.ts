/**
 * A file for `self-update` to replace (`SORACOM_SELF_UPDATE_TARGET`) beside a
 * loopback releases API (`scripts/fake_releases.ts`): the update's tests and
 * the command's share it.
 *
 * @module
 */

import assert from "node:assert/strict";
import { type FakeRelease, startFakeReleases } from "../../scripts/fake_releases.ts";
import { tempDir } from "./run.ts";

const encoder = new TextEncoder();
/** The executable before the update. */
export const OLD = encoder.encode("#!/bin/sh\necho old soracom\n");
/** The executable of the fake release v99.0.0. */
export const NEW = encoder.encode("#!/bin/sh\necho new soracom 99.0.0\n");

/** A target file holding {@link OLD} in a temporary folder, and the fake serving `release`. */
export async function updateTarget(release: FakeRelease) {
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

/** What {@link updateTarget} gives. */
export type UpdateTarget = Awaited<ReturnType<typeof updateTarget>>;

/** The target still holds the old executable, and nothing was left beside it. */
export async function assertUnchanged(t: UpdateTarget): Promise<void> {
  assert.deepEqual(await Deno.readFile(t.target), OLD);
  assert.deepEqual(await t.files(), ["soracom"]);
}
