/**
 * One-time codes as authenticator apps make them (RFC 6238: HMAC-SHA1, 6
 * digits, 30-second steps) from a base32 secret, so a user of the emulator
 * enables MFA with the `otpauth://` URI it gives, in any authenticator, and
 * signs in with the codes that app shows.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { totpAccepts, totpCode } from "./totp.ts";
 *
 * // RFC 6238's test secret ("12345678901234567890") at 59 s.
 * const secret = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";
 * assert.equal(await totpCode(secret, 59_000), "287082");
 * assert.equal(await totpAccepts(secret, "287082", 60_000), true);
 * assert.equal(await totpAccepts(secret, "287082", 200_000), false);
 * ```
 *
 * @module
 */

const BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const STEP_MS = 30_000;

/** The bytes of a base32 text (no padding needed; case and spaces ignored). */
function fromBase32(secret: string): Uint8Array<ArrayBuffer> {
  const clean = secret.toUpperCase().replace(/[\s=]/g, "");
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const char of clean) {
    const index = BASE32.indexOf(char);
    if (index < 0) throw new RangeError("not a base32 secret");
    value = (value << 5) | index;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      out.push((value >>> bits) & 0xff);
    }
  }
  return new Uint8Array(out);
}

/**
 * A secret (160 bits, base32) made of `bytes`, as services give when MFA is turned on.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { newTotpSecret } from "./totp.ts";
 * assert.match(newTotpSecret(crypto.getRandomValues(new Uint8Array(20))), /^[A-Z2-7]{32}$/);
 * ```
 */
export function newTotpSecret(bytes: Uint8Array): string {
  let out = "";
  let bits = 0;
  let value = 0;
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(value >>> bits) & 31];
    }
  }
  return out;
}

/** The `otpauth://` URI an authenticator app reads (as a QR code, or pasted). */
export function totpUri(secret: string, account: string): string {
  return `otpauth://totp/SORACOM:${encodeURIComponent(account)}?secret=${secret}&issuer=SORACOM`;
}

/** The code of `secret` for the 30-second step that holds `timeMs`. */
export async function totpCode(secret: string, timeMs: number): Promise<string> {
  return await codeAt(secret, Math.floor(timeMs / STEP_MS));
}

async function codeAt(secret: string, step: number): Promise<string> {
  const key = await crypto.subtle.importKey(
    "raw",
    fromBase32(secret),
    { name: "HMAC", hash: "SHA-1" },
    false,
    ["sign"],
  );
  const counter = new DataView(new ArrayBuffer(8));
  counter.setUint32(0, Math.floor(step / 2 ** 32));
  counter.setUint32(4, step >>> 0);
  const mac = new Uint8Array(await crypto.subtle.sign("HMAC", key, counter.buffer));
  const at = mac[mac.length - 1] & 0x0f;
  const number = ((mac[at] & 0x7f) << 24) | (mac[at + 1] << 16) | (mac[at + 2] << 8) |
    mac[at + 3];
  return String(number % 1_000_000).padStart(6, "0");
}

/** Whether `code` is the code of `timeMs`'s step or of a step either side (clock drift). */
export async function totpAccepts(secret: string, code: string, timeMs: number): Promise<boolean> {
  const step = Math.floor(timeMs / STEP_MS);
  for (const s of [step, step - 1, step + 1]) {
    if (await codeAt(secret, s) === code) return true;
  }
  return false;
}
