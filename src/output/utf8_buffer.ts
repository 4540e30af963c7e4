/**
 * Text into UTF-8 bytes through one reused buffer, for output written a piece
 * at a time (a `--fetch-all` page, every write to stdout).
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { Utf8Buffer } from "./utf8_buffer.ts";
 *
 * const buffer = new Utf8Buffer();
 * buffer.append("é");
 * assert.equal(buffer.take().length, 2);
 * ```
 *
 * @module
 */

/** Stateless: one is enough for every buffer. */
const encoder = new TextEncoder();

/** The largest buffer a {@link Utf8Buffer} keeps once its bytes are taken. */
export const KEPT_BYTES = 3 << 20;

/**
 * UTF-8 bytes, appended a text at a time into one buffer that is reused: a
 * --fetch-all page would otherwise leave new buffers of its size behind it each
 * time, for the garbage collector to find. The buffer grows to fit (3 bytes a
 * UTF-16 unit at most), doubled at least, so texts of slowly growing size do not
 * grow it each time; one larger than {@link KEPT_BYTES} goes once its bytes are taken.
 */
export class Utf8Buffer {
  #bytes = new Uint8Array(0);
  #length = 0;

  /** How many bytes are in the buffer. */
  get length(): number {
    return this.#length;
  }

  /** Appends `text` as UTF-8 (a lone surrogate as U+FFFD). */
  append(text: string): void {
    const need = this.#length + text.length * 3;
    if (need > this.#bytes.length) {
      const grown = new Uint8Array(Math.max(need, this.#bytes.length * 2));
      grown.set(this.#bytes.subarray(0, this.#length));
      this.#bytes = grown;
    }
    this.#length += encoder.encodeInto(text, this.#bytes.subarray(this.#length)).written;
  }

  /** The bytes so far, and empties the buffer: they stay valid until the next append. */
  take(): Uint8Array {
    const bytes = this.#bytes.subarray(0, this.#length);
    this.#length = 0;
    if (this.#bytes.length > KEPT_BYTES) this.#bytes = new Uint8Array(0);
    return bytes;
  }
}
