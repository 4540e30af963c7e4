import assert from "node:assert/strict";
import { fc } from "./helpers/property.ts";
import { hidingSecrets, KnownSecrets } from "../src/secrets.ts";

Deno.test("known secrets are hidden as written, JSON-escaped and URL-encoded; short ones are not", () => {
  const secrets = new KnownSecrets();
  secrets.add(undefined, "abc", 'pa"ss word/1', 'pa"ss');
  assert.equal(secrets.hide("abc"), "abc");
  assert.equal(secrets.hide('x pa"ss word/1 y'), "x <hidden> y");
  assert.equal(secrets.hide('{"p":"pa\\"ss word/1"}'), '{"p":"<hidden>"}');
  assert.equal(secrets.hide("?p=pa%22ss%20word%2F1"), "?p=<hidden>");
  // The longer secret is hidden whole, not left with a tail after the shorter one inside it.
  assert.equal(secrets.hide('pa"ss word/1 and pa"ss'), "<hidden> and <hidden>");
});

Deno.test("every JSON spelling of a secret is hidden: Go's \\u003c, non-ASCII, any mix", () => {
  const secrets = new KnownSecrets();
  secrets.add("p<w>&d", "mot-de-passé", "😀smile");
  // Go's encoder (HTML-safe), any case of hex digits, escapes mixed with plain characters.
  assert.equal(secrets.hide('{"password":"p\\u003cw\\u003e\\u0026d"}'), '{"password":"<hidden>"}');
  assert.equal(secrets.hide('"p\\u003Cw>\\u0026d"'), '"<hidden>"');
  assert.equal(secrets.hide('"\\u0070<\\u0077>&\\u0064"'), '"<hidden>"');
  // Non-ASCII written as escapes (ensure_ascii), and an astral character as a surrogate pair.
  assert.equal(secrets.hide('{"p":"mot-de-pass\\u00e9"}'), '{"p":"<hidden>"}');
  assert.equal(secrets.hide('{"p":"\\ud83d\\ude00smile"}'), '{"p":"<hidden>"}');
  // A JSON string quoted again (an error message that holds the request body).
  assert.equal(
    secrets.hide('{"message":"bad body {\\"password\\":\\"p\\\\u003cw\\\\u003e\\\\u0026d\\"}"}'),
    '{"message":"bad body {\\"password\\":\\"<hidden>\\"}"}',
  );
  // What is around it is left exactly as it was.
  assert.equal(secrets.hide('a\\u0041 "p\\u003cw>&d" 100%'), 'a\\u0041 "<hidden>" 100%');
});

Deno.test("every URL spelling of a secret is hidden: either case, UTF-8, + for a space", () => {
  const secrets = new KnownSecrets();
  secrets.add("p<w>&d", "mot de passé");
  assert.equal(secrets.hide("?password=p%3Cw%3E%26d&x=1"), "?password=<hidden>&x=1");
  assert.equal(secrets.hide("?password=p%3cw>%26d"), "?password=<hidden>");
  assert.equal(secrets.hide("password=mot+de+pass%C3%A9"), "password=<hidden>");
  assert.equal(secrets.hide("password=mot+de+passé"), "password=<hidden>");
  assert.equal(secrets.hide("password=mot%20de%20pass%c3%a9"), "password=<hidden>");
  // A JSON escape inside a URL.
  assert.equal(secrets.hide("q=%22p%5Cu003cw%3E%26d%22"), "q=%22<hidden>%22");
});

Deno.test("any JSON or URL encoding of any secret is hidden (property)", () => {
  const encodings = (secret: string): string[] => [
    JSON.stringify(secret),
    // Every character escaped, as some encoders write non-ASCII, and Go's HTML-safe escapes.
    `"${[...secret].map((c) => [...c].map(unicodeEscape).join("")).join("")}"`,
    JSON.stringify(secret).replace(/[<>&]/g, (c) => unicodeEscape(c)),
    encodeURIComponent(secret),
    encodeURIComponent(secret).replace(/%[0-9A-F]{2}/g, (e) => e.toLowerCase()),
    JSON.stringify(JSON.stringify(secret)),
  ];
  fc.assert(
    fc.property(fc.string({ minLength: 4, maxLength: 24, unit: "binary" }), (secret) => {
      const secrets = new KnownSecrets();
      secrets.add(secret);
      for (const encoded of encodings(secret)) {
        const shown = secrets.hide(`Error: you sent ${encoded} here`);
        assert.ok(shown.includes("<hidden>"), `${JSON.stringify(secret)} as ${encoded}: ${shown}`);
      }
    }),
  );
});

/** `\uXXXX` for each UTF-16 unit of `c`. */
function unicodeEscape(c: string): string {
  return [...Array(c.length).keys()]
    .map((i) => `\\u${c.charCodeAt(i).toString(16).padStart(4, "0")}`).join("");
}

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
  assert.deepEqual(seen, ["token-1 before\n", "<hidden> after\n", "bytes <hidden>\n"]);
  assert.equal(out.isTerminal(), true);
});

Deno.test("a code of digits is hidden as a whole number, not inside a longer one", () => {
  const secrets = new KnownSecrets();
  secrets.add("123456");
  assert.equal(
    secrets.hide("code 123456 refused for IMSI 440101234567890 (123456)"),
    "code <hidden> refused for IMSI 440101234567890 (<hidden>)",
  );
  assert.equal(secrets.hide("4401012345678"), "4401012345678");
  // Escaped, the same: whole, not inside a longer number.
  assert.equal(secrets.hide('"\\u0031\\u0032\\u00334\\u00356"'), '"<hidden>"');
  assert.equal(
    secrets.hide('"9\\u0031\\u0032\\u00334\\u00356"'),
    '"9\\u0031\\u0032\\u00334\\u00356"',
  );
});
