/**
 * What redaction hides in text shown to the user (verbose dumps, stderr
 * excerpts): secret names, whole credential headers; and what it leaves (the
 * keys that only place a page, identifiers).
 */

import assert from "node:assert/strict";
import { isSecretHeader, redactText } from "../src/redact.ts";

Deno.test("redactText hides the wider list of secret names, in JSON and in key=value text", () => {
  for (
    const name of [
      "key",
      "privateKey",
      "private_key",
      "psk",
      "passphrase",
      "pin",
      "simPin",
      "sim-pin",
      "credentials",
      "Authorization",
    ]
  ) {
    assert.equal(redactText(`{"${name}":"s3cr3t"}`), `{"${name}":"<hidden>"}`, name);
    assert.doesNotMatch(redactText(`${name}=s3cr3t and more`), /s3cr3t/, name);
  }
  for (
    const name of [
      "authKeyId",
      "lastEvaluatedKey",
      "last_evaluated_key",
      "tagKey",
      "shipping",
      "ping",
      "imsi",
    ]
  ) {
    assert.equal(redactText(`{"${name}":"visible"}`), `{"${name}":"visible"}`, name);
  }
});

Deno.test("redactText hides a credential header's whole value, after other key: value lines too", () => {
  const dump = "key: a\nAuthorization: Bearer abc.def\nX-Soracom-Token: tok 123\nAccept: */*";
  const shown = redactText(dump);
  assert.doesNotMatch(shown, /abc\.def/);
  assert.doesNotMatch(shown, /tok 123/);
  assert.equal(
    shown,
    "key: <hidden>\nAuthorization: <hidden>\nX-Soracom-Token: <hidden>\nAccept: */*",
  );
  assert.doesNotMatch(redactText("vault: password=hunter2 --password=hunter3"), /hunter/);
  assert.equal(isSecretHeader("x-vendor-private-key"), true);
  assert.equal(isSecretHeader("x-soracom-next-key"), false);
});
