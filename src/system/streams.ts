/**
 * The real output streams: text encoded once into a reused buffer and
 * written synchronously, so output order is exact. A reader that goes away
 * ends the run quietly ({@link Ended}, exit 141).
 *
 * @module
 */

import { Ended, type Output } from "../context.ts";
import { KEPT_BYTES, Utf8Buffer } from "../output/utf8_buffer.ts";

/** Stateless: one is enough for every output. */
const encoder = new TextEncoder();

/** Something written to synchronously: stdout, stderr, or the terminal a prompt opened. */
export interface SyncWriter {
  /** Writes some of `data`; returns how many bytes. */
  writeSync(data: Uint8Array): number;
  /** Whether it is a terminal. */
  isTerminal(): boolean;
}

/**
 * An {@link Output} on `stream`. Text is encoded into a buffer of this
 * output's own, reused from one write to the next.
 */
export function outputFor(stream: SyncWriter): Output {
  const scratch = new Utf8Buffer();
  const encoded = (text: string): Uint8Array => {
    // Too long to keep a buffer for: one of about its UTF-8 size, not of three bytes a unit.
    if (text.length * 3 > KEPT_BYTES) return encoder.encode(text);
    scratch.append(text);
    return scratch.take();
  };
  return {
    write(data) {
      let bytes = typeof data === "string" ? encoded(data) : data;
      try {
        while (bytes.length > 0) {
          const n = stream.writeSync(bytes);
          bytes = bytes.subarray(n);
        }
      } catch (e) {
        // The reader went away (`soracom ... | head`): stop quietly, as a program killed by
        // SIGPIPE does (exit 141), instead of reporting an error nobody asked for.
        if (e instanceof Deno.errors.BrokenPipe) {
          throw new Ended(141, "the reader of the output went away");
        }
        throw e;
      }
    },
    isTerminal: () => stream.isTerminal(),
  };
}

/**
 * Whether `path` (`/dev/stdout`: the file behind the descriptor) is a pipe or
 * a socket; true where it cannot be looked at (Windows has no `/dev/stdout`).
 */
export function isPiped(path: string): boolean {
  try {
    const info = Deno.statSync(path);
    return info.isFifo === true || info.isSocket === true;
  } catch {
    return true;
  }
}
