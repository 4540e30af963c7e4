import assert from "node:assert/strict";
import { escapeControls, safeOnTerminal, type Writable } from "../src/terminal_text.ts";
import { hidingSecrets, KnownSecrets } from "../src/secrets.ts";

/** An output recording what reaches it, as text. */
function recording(terminal: boolean): Writable & { seen: string[] } {
  const seen: string[] = [];
  return {
    seen,
    write: (d) => void seen.push(typeof d === "string" ? d : new TextDecoder().decode(d)),
    isTerminal: () => terminal,
  };
}

Deno.test("control characters are shown as \\xNN: C0 but tab and newline, DEL, C1; CR only before LF", () => {
  assert.equal(escapeControls("plain\ttext\n日本語"), "plain\ttext\n日本語");
  assert.equal(
    escapeControls("\x00\x07\x1b\x7f\u0080\u009b\u009f\u00a0"),
    "\\x00\\x07\\x1b\\x7f\\x80\\x9b\\x9f\u00a0",
  );
  assert.equal(escapeControls("a,b\r\nc\rd\r"), "a,b\r\nc\\x0dd\\x0d");
});

Deno.test("on a terminal, text and bytes are escaped; a character split between writes is joined", () => {
  const out = recording(true);
  const safe = safeOnTerminal(out);
  safe.write("title \x1b]0;x\x07\n");
  const bytes = new TextEncoder().encode("é\u009b31m");
  safe.write(bytes.subarray(0, 1));
  safe.write(bytes.subarray(1));
  safe.writeControl!("\r\x1b[K");
  assert.deepEqual(out.seen, ["title \\x1b]0;x\\x07\n", "é\\x9b31m", "\r\x1b[K"]);
});

Deno.test("off a terminal, everything goes through as it came", () => {
  const out = recording(false);
  const safe = safeOnTerminal(out);
  const bytes = new Uint8Array([0x1b, 0x5b, 0x32, 0x4a, 0xff]);
  safe.write(bytes);
  safe.write("\x1b]0;x\x07");
  assert.deepEqual(out.seen, [new TextDecoder().decode(bytes), "\x1b]0;x\x07"]);
});

Deno.test("stderr's secret hiding passes our control sequences on unescaped", () => {
  const out = recording(true);
  const secrets = new KnownSecrets();
  secrets.add("token-1");
  const stderr = hidingSecrets(safeOnTerminal(out), secrets);
  stderr.write("token-1\x1b[2J");
  stderr.writeControl!("\r");
  assert.deepEqual(out.seen, ["<hidden>\\x1b[2J", "\r"]);
});
