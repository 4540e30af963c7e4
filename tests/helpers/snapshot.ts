/**
 * Snapshot files under `tests/snapshots/`: what a page or a table looks like,
 * compared as text; `UPDATE_SNAPSHOTS=1` writes them instead.
 *
 * @module
 */

import assert from "node:assert/strict";

const SNAPSHOTS = new URL("../snapshots/", import.meta.url);

/** Compares `actual` with `tests/snapshots/NAME.txt`, or writes it with UPDATE_SNAPSHOTS=1. */
export async function snapshot(name: string, actual: string): Promise<void> {
  const url = new URL(`${name}.txt`, SNAPSHOTS);
  if (Deno.env.get("UPDATE_SNAPSHOTS") === "1") {
    await Deno.mkdir(new URL(".", url), { recursive: true });
    await Deno.writeTextFile(url, actual);
    return;
  }
  const expected = await Deno.readTextFile(url);
  assert.equal(actual, expected, `snapshot ${name} (UPDATE_SNAPSHOTS=1 to accept a change)`);
}
