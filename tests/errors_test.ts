/** The error kinds, their exit codes, and messages kept to one harmless line. */
import assert from "node:assert/strict";
import { CliError, excerpt, EXIT_CODES, oneLine } from "../src/errors.ts";
import { said } from "../src/messages.ts";

Deno.test("CliError: its kind's exit code, its words in either language", () => {
  const e = new CliError("config", said("updateTargetNotFile", "/x"), { hint: "h" });
  assert.equal(e.exitCode, EXIT_CODES.config);
  assert.equal(e.exitCode, 3);
  assert.equal(e.message, e.textIn("en"));
  assert.notEqual(e.textIn("ja"), e.textIn("en"));
  assert.equal(e.hint, "h");
  const plain = new CliError("api", "HTTP 500", { status: 500, cause: new Error("x") });
  assert.equal(plain.textIn("ja"), "HTTP 500");
  assert.equal(plain.status, 500);
  assert.ok(plain.cause instanceof Error);
});

Deno.test("every kind has its own exit code, none of them 0", () => {
  const codes = Object.values(EXIT_CODES);
  assert.equal(new Set(codes).size, codes.length);
  assert.ok(!codes.includes(0));
});

Deno.test("oneLine and excerpt: one line, control characters shown, long text cut", () => {
  assert.equal(oneLine("  a\r\n  b\n"), "a b");
  assert.equal(oneLine("\x1b[2J"), "\\x1b[2J");
  assert.equal(excerpt("x".repeat(5), 3), "xxx…");
  assert.equal(excerpt("short"), "short");
});
