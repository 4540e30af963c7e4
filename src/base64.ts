/**
 * Base64 of bytes, both ways: minisign keys and signatures, the release
 * signing key, PowerShell's `-EncodedCommand`.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { base64Of, bytesOfBase64 } from "./base64.ts";
 * assert.equal(base64Of(new Uint8Array([0, 255, 1])), "AP8B");
 * assert.deepEqual(bytesOfBase64("AP8B"), new Uint8Array([0, 255, 1]));
 * assert.equal(bytesOfBase64("not base64!"), undefined);
 * ```
 *
 * @module
 */

/** `bytes` as base64 (any length: no argument-count limit). */
export function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** The bytes `text` (surrounding whitespace ignored) holds, or undefined when it is not base64. */
export function bytesOfBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.from(atob(text.trim()), (c) => c.charCodeAt(0));
  } catch {
    return undefined;
  }
}
