import { assertEquals } from "./helpers/assert.ts";
import { hidingSecrets, KnownSecrets } from "../src/secrets.ts";

Deno.test("known secrets are hidden as written, JSON-escaped and URL-encoded; short ones are not", () => {
  const secrets = new KnownSecrets();
  secrets.add(undefined, "abc", 'pa"ss word/1', 'pa"ss');
  assertEquals(secrets.hide("abc"), "abc");
  assertEquals(secrets.hide('x pa"ss word/1 y'), "x <hidden> y");
  assertEquals(secrets.hide('{"p":"pa\\"ss word/1"}'), '{"p":"<hidden>"}');
  assertEquals(secrets.hide("?p=pa%22ss%20word%2F1"), "?p=<hidden>");
  // The longer secret is hidden whole, not left with a tail after the shorter one inside it.
  assertEquals(secrets.hide('pa"ss word/1 and pa"ss'), "<hidden> and <hidden>");
});

Deno.test("stderr hides what becomes known after it was made, in text and bytes", () => {
  const secrets = new KnownSecrets();
  const seen: string[] = [];
  const out = hidingSecrets({
    write: (d) => void seen.push(typeof d === "string" ? d : new TextDecoder().decode(d)),
    isTerminal: () => true,
  }, secrets);
  out.write("token-1 before\n");
  secrets.add("token-1");
  out.write("token-1 after\n");
  out.write(new TextEncoder().encode("bytes token-1\n"));
  assertEquals(seen, ["token-1 before\n", "<hidden> after\n", "bytes <hidden>\n"]);
  assertEquals(out.isTerminal(), true);
});

Deno.test("a code of digits is hidden as a whole number, not inside a longer one", () => {
  const secrets = new KnownSecrets();
  secrets.add("123456");
  assertEquals(
    secrets.hide("code 123456 refused for IMSI 440101234567890 (123456)"),
    "code <hidden> refused for IMSI 440101234567890 (<hidden>)",
  );
  assertEquals(secrets.hide("4401012345678"), "4401012345678");
});
