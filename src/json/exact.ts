/**
 * Integers past 2^53 kept exact in a value that holds JavaScript numbers
 * (what `--query` and the `--output` formats work on). Each such integer of
 * the text is read as a number that stands for it: the nearest double that
 * stands for no other integer of the run, so two IDs that JavaScript would
 * read as the same number stay apart. The writers ask {@link ExactIntegers.textOf}
 * for the digits. A stand-in is as close to the integer as a double can be
 * (the next one or few up when its nearest is taken), so a query that
 * compares or sorts still sees about the same number, and one that passes it
 * through (`[].{id: id}`) prints it as the server wrote it.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { ExactIntegers } from "./exact.ts";
 *
 * const exact = new ExactIntegers();
 * const a = exact.read("12345678901234567890");
 * const b = exact.read("12345678901234567891");
 * assert.notEqual(a, b);
 * assert.equal(exact.textOf(a), "12345678901234567890");
 * assert.equal(exact.textOf(b), "12345678901234567891");
 * assert.equal(exact.read("42"), 42);
 * assert.equal(exact.textOf(42), undefined);
 * ```
 *
 * @module
 */

/** A JSON integer literal, with no fraction or exponent. */
const INTEGER = /^-?\d+$/;

/**
 * Whether JSON `text` may hold an integer of 16 digits or more (outside a
 * string, as far as a quick look can tell: after `[`, `:` or `,`). 15 digits
 * always fit a double; a false alarm only costs the slower reading.
 */
const LONG_INTEGER = /(?:^|[[:,])\s*-?\d{16}/;

/** The integers past 2^53 read in one run, and the numbers standing for them. */
export class ExactIntegers {
  /** Stand-in to digits. */
  readonly #text = new Map<number, string>();
  /** Digits to stand-in. */
  readonly #number = new Map<string, number>();
  /** For each nearest double, the last stand-in given from it: the search for a free one goes on from there. */
  readonly #last = new Map<number, number>();
  /** The double whose bits {@link nextAway} steps. */
  readonly #double = new Float64Array(1);
  readonly #bits = new BigInt64Array(this.#double.buffer);

  /** Whether JSON `text` may hold an integer this class must keep (see {@link LONG_INTEGER}). */
  static mayHold(text: string): boolean {
    return LONG_INTEGER.test(text);
  }

  /** How many integers are kept. */
  get size(): number {
    return this.#text.size;
  }

  /** The number for a JSON number's `source`: its stand-in for an integer past 2^53. */
  read(source: string): number {
    const n = Number(source);
    if (Number.isSafeInteger(n) || !INTEGER.test(source)) return n;
    const known = this.#number.get(source);
    if (known !== undefined) return known;
    let stand = this.#last.get(n) ?? n;
    while (this.#text.has(stand)) stand = this.#nextAway(stand);
    this.#text.set(stand, source);
    this.#number.set(source, stand);
    this.#last.set(n, stand);
    return stand;
  }

  /** The next double after `n`, away from zero. */
  #nextAway(n: number): number {
    this.#double[0] = n;
    this.#bits[0] += 1n;
    return this.#double[0];
  }

  /** The digits `n` stands for, or undefined when it stands for none. */
  textOf(n: number): string | undefined {
    return this.#text.size === 0 ? undefined : this.#text.get(n);
  }

  /** `n` as JSON writes it: its digits when it stands for an integer, else as JavaScript does. */
  write(n: number): string {
    return this.textOf(n) ?? String(n);
  }
}
