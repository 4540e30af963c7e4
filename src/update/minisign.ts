/**
 * Checking a minisign signature (Ed25519, the "Ed" kind that signs the file
 * itself), as `self-update` does for a release's `SHA256SUMS` before it
 * downloads anything else. The format is minisign's, so anyone can check the
 * same file with `minisign -Vm SHA256SUMS -P KEY`; the check uses WebCrypto's
 * Ed25519 and no dependency.
 *
 * A public key is base64 of `Ed`, an 8-byte key ID and the 32-byte key. A
 * signature file has four lines: an untrusted comment, base64 of `Ed`, the key
 * ID and the 64-byte signature of the file, a trusted comment, and base64 of
 * the signature of (signature + trusted comment), so the comment cannot be
 * changed either.
 *
 * @module
 */

/** Why a signature was not accepted, or "ok". */
export type SignatureVerdict = "ok" | "malformed" | "unknownKey" | "badSignature";

/** The bytes base64 `text` holds, or undefined when it is not base64. */
function fromBase64(text: string): Uint8Array<ArrayBuffer> | undefined {
  try {
    return Uint8Array.fromBase64(text.trim());
  } catch {
    return undefined;
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

/** A public key: its 8-byte ID and 32-byte Ed25519 key, or undefined when `text` is not one. */
export function parsePublicKey(
  text: string,
): { id: Uint8Array; key: Uint8Array<ArrayBuffer> } | undefined {
  // The key line alone, or a key file (an untrusted comment, then the key).
  const line = text.trim().split(/\r?\n/).at(-1) ?? "";
  const bytes = fromBase64(line);
  if (bytes?.length !== 42 || bytes[0] !== 0x45 || bytes[1] !== 0x64) return undefined;
  return { id: bytes.slice(2, 10), key: bytes.slice(10) };
}

async function ed25519Verify(
  key: Uint8Array<ArrayBuffer>,
  signature: Uint8Array<ArrayBuffer>,
  data: Uint8Array<ArrayBuffer>,
) {
  const imported = await crypto.subtle.importKey("raw", key, { name: "Ed25519" }, false, [
    "verify",
  ]);
  return await crypto.subtle.verify({ name: "Ed25519" }, imported, signature, data);
}

/**
 * Checks `signatureFile` (minisign's four lines) over `data` with the first of
 * `publicKeys` whose ID it names.
 *
 * @example
 * ```ts
 * import assert from "node:assert/strict";
 * import { verifySignature } from "./minisign.ts";
 * const data = new TextEncoder().encode("abc");
 * assert.equal(await verifySignature(data, "not a signature", []), "malformed");
 * ```
 */
export async function verifySignature(
  data: Uint8Array<ArrayBuffer>,
  signatureFile: string,
  publicKeys: readonly string[],
): Promise<SignatureVerdict> {
  const lines = signatureFile.replace(/\r\n/g, "\n").split("\n");
  const signed = fromBase64(lines[1] ?? "");
  const comment = lines[2]?.startsWith("trusted comment: ")
    ? lines[2].slice("trusted comment: ".length)
    : undefined;
  const global = fromBase64(lines[3] ?? "");
  if (
    signed?.length !== 74 || signed[0] !== 0x45 || signed[1] !== 0x64 ||
    comment === undefined || global?.length !== 64
  ) {
    return "malformed";
  }
  const id = signed.slice(2, 10);
  const signature = signed.slice(10);
  const key = publicKeys.map(parsePublicKey).find((k) => k !== undefined && sameBytes(k.id, id));
  if (key === undefined) return "unknownKey";
  const commented = new Uint8Array([...signature, ...new TextEncoder().encode(comment)]);
  const valid = await ed25519Verify(key.key, signature, data) &&
    await ed25519Verify(key.key, global, commented);
  return valid ? "ok" : "badSignature";
}
