/**
 * Text from outside made harmless for a terminal: a server's answer, a
 * login reply's operator ID or a header's value must not move the cursor,
 * clear the screen, retitle the window or write the clipboard (OSC 52). On a
 * terminal, every control character but tab and newline (and a carriage
 * return before a newline, as CSV ends its lines) is shown as `\xNN`: ESC,
 * BEL, the rest of C0, DEL and C1 (U+0080 to U+009F, CSI U+009B among them).
 * Output that is not a terminal is passed on byte for byte.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { escapeControls, safeOnTerminal } from "./terminal_text.ts";
 *
 * assert.equal(escapeControls("a\x1b]0;pwned\x07 b\u009b2J\r\n"), "a\\x1b]0;pwned\\x07 b\\x9b2J\r\n");
 * const seen: string[] = [];
 * const out = safeOnTerminal({ write: (t) => void seen.push(String(t)), isTerminal: () => true });
 * out.write("\x1b[2J");
 * assert.deepEqual(seen, ["\\x1b[2J"]);
 * ```
 *
 * @module
 */

/** Something written to, as stdout and stderr are. */
export interface Writable {
  /** Writes text or bytes. */
  write(data: string | Uint8Array): void;
  /** True when it is a terminal. */
  isTerminal(): boolean;
  /**
   * Writes a control sequence of ours (the progress line's return and erase),
   * which a terminal's output does not escape as it does text from outside.
   */
  writeControl?(sequence: string): void;
}

/** The control characters shown escaped: C0 but tab, newline and CR before LF; DEL; C1. */
const CONTROLS = "[\\x00-\\x08\\x0b\\x0c\\x0e-\\x1f\\x7f-\\x9f]|\\r(?!\\n)";
/** Whether there may be one to escape: a test that costs less than a replace with no match. */
// deno-lint-ignore no-control-regex -- the control characters are what it finds
const ANY_CONTROL = /[\x00-\x08\x0b-\x1f\x7f-\x9f]/;

/**
 * `text` with its control characters (see {@link CONTROLS}) shown as `\xNN`,
 * for text from outside written to a terminal.
 */
export function escapeControls(text: string): string {
  if (!ANY_CONTROL.test(text)) return text;
  // A global expression keeps a position: one of this call's own.
  return text.replace(
    new RegExp(CONTROLS, "g"),
    (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`,
  );
}

/**
 * `output`, with control characters escaped in everything written to it
 * when it is a terminal (asked at the first write); as it is otherwise.
 * Bytes are read as UTF-8 (a character split between two writes is joined).
 */
export function safeOnTerminal(output: Writable): Writable {
  let terminal: boolean | undefined;
  const decoder = new TextDecoder();
  let pending = false;
  const flush = () => {
    if (!pending) return;
    pending = false;
    const rest = decoder.decode();
    if (rest !== "") output.write(escapeControls(rest));
  };
  return {
    write(data) {
      terminal ??= output.isTerminal();
      if (!terminal) return output.write(data);
      if (typeof data === "string") {
        flush();
        return output.write(escapeControls(data));
      }
      pending = true;
      const text = decoder.decode(data, { stream: true });
      if (text !== "") output.write(escapeControls(text));
    },
    isTerminal: () => output.isTerminal(),
    writeControl(sequence) {
      flush();
      output.write(sequence);
    },
  };
}
