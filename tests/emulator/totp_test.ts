/** The emulator's one-time passwords (RFC 6238, SHA-1, 6 digits, 30 s). */
import assert from "node:assert/strict";
import { newTotpSecret, totpAccepts, totpCode, totpUri } from "../../src/emulator/totp.ts";

// RFC 6238's test secret, "12345678901234567890" in base32.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

Deno.test("totpCode gives RFC 6238's codes (their last six digits)", async () => {
  assert.equal(await totpCode(RFC_SECRET, 59_000), "287082");
  assert.equal(await totpCode(RFC_SECRET, 1_111_111_109_000), "081804");
  assert.equal(await totpCode(RFC_SECRET, 20_000_000_000_000), "353130");
});

Deno.test("totpAccepts the step's code and one step either side, nothing further", async () => {
  const now = 1_700_000_000_000;
  const code = await totpCode(RFC_SECRET, now);
  assert.equal(await totpAccepts(RFC_SECRET, code, now), true);
  assert.equal(await totpAccepts(RFC_SECRET, code, now + 30_000), true);
  assert.equal(await totpAccepts(RFC_SECRET, code, now - 30_000), true);
  assert.equal(await totpAccepts(RFC_SECRET, code, now + 90_000), false);
});

Deno.test("newTotpSecret is base32 of its bytes; totpUri names the account", () => {
  assert.equal(newTotpSecret(new TextEncoder().encode("12345678901234567890")), RFC_SECRET);
  assert.equal(
    totpUri("ABC", "ann@example.com"),
    "otpauth://totp/SORACOM:ann%40example.com?secret=ABC&issuer=SORACOM",
  );
});
