/**
 * Collecting a stream of bytes with a cap: the one capped reader, for
 * files, stdin, API responses and downloads alike, so that no source can make
 * a run hold more than it means to.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { collectCapped, collectPrefix } from "./bytes.ts";
 *
 * const chunks = [new Uint8Array([1, 2]), new Uint8Array([3, 4])];
 * assert.deepEqual(await collectCapped(chunks, 4), new Uint8Array([1, 2, 3, 4]));
 * assert.equal(await collectCapped(chunks, 3), undefined);
 * assert.deepEqual(await collectPrefix(chunks, 3), { bytes: new Uint8Array([1, 2, 3]), complete: false });
 * ```
 *
 * @module
 */

/**
 * The first `max` bytes of `chunks`, and whether that was all of them. Once
 * more than `max` came it asks for no more (a stream's reading is cancelled).
 */
export async function collectPrefix(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  max: number,
): Promise<{ bytes: Uint8Array<ArrayBuffer>; complete: boolean }> {
  const kept: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of chunks) {
    if (total + chunk.length > max) {
      kept.push(chunk.subarray(0, max - total));
      return { bytes: concatBytes(kept, max), complete: false };
    }
    total += chunk.length;
    kept.push(chunk);
  }
  return { bytes: concatBytes(kept, total), complete: true };
}

/**
 * Every chunk of `chunks` end to end, or `undefined` (asking for no more) once
 * more than `max` bytes came.
 */
export async function collectCapped(
  chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  max: number,
): Promise<Uint8Array<ArrayBuffer> | undefined> {
  const { bytes, complete } = await collectPrefix(chunks, max);
  return complete ? bytes : undefined;
}

/** `chunks` end to end in one array of `total` bytes (by default, all of them). */
export function concatBytes(
  chunks: readonly Uint8Array[],
  total: number = chunks.reduce((n, chunk) => n + chunk.length, 0),
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}
