/**
 * The emulator's stable randomness: the same seed and the same name give the
 * same numbers, run after run, so generated SIMs, IDs and answers are the
 * same for everyone using `--seed N` (and the same for two emulators started
 * alike, which the differential tests rely on).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Random } from "./random.ts";
 *
 * const a = Random.of(1, "sim", 7);
 * const b = Random.of(1, "sim", 7);
 * assert.equal(a.int(0, 1000), b.int(0, 1000));
 * ```
 *
 * @module
 */

/** FNV-1a over the text's UTF-16 units: a 32-bit hash, to seed from names. */
function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A small, fast generator (mulberry32): plenty for made-up data, never for secrets. */
export class Random {
  #state: number;

  /** A generator started at `state` (any 32-bit number). */
  constructor(state: number) {
    this.#state = state >>> 0;
  }

  /** The generator for a seed and a name made of parts (`"sim", 7`). */
  static of(seed: number, ...parts: readonly (string | number)[]): Random {
    return new Random(hash32(`${seed}\u0000${parts.join("\u0000")}`));
  }

  /** A number in [0, 1). */
  next(): number {
    this.#state = (this.#state + 0x6d2b79f5) >>> 0;
    let t = this.#state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** An integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** One of `items`. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /** `length` characters of `alphabet`. */
  text(length: number, alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"): string {
    let out = "";
    for (let i = 0; i < length; i++) out += alphabet[Math.floor(this.next() * alphabet.length)];
    return out;
  }

  /** `digits` decimal digits. */
  digits(digits: number): string {
    return this.text(digits, "0123456789");
  }

  /** Lower-case hexadecimal. */
  hex(length: number): string {
    return this.text(length, "0123456789abcdef");
  }
}
