/**
 * The release signing key: making one, and signing with it in minisign's
 * format (Ed25519, the "Ed" kind), so that `self-update` and anyone with
 * `minisign -Vm SHA256SUMS -P KEY` can check a release's `SHA256SUMS`.
 *
 *   deno task release-key --out FILE   # writes a new secret key to FILE (0600),
 *                                      # prints its public key for src/update/release_key.ts
 *
 * The secret key (base64 of the key ID and the PKCS#8 Ed25519 key) belongs in
 * the repository secret RELEASE_SIGNING_KEY and nowhere else; `deno task
 * release` signs with it when that variable is set.
 *
 * @module
 */

import { readArgs } from "./args.ts";

/** "Ed", minisign's name for a signature of the file itself. */
const ED = [0x45, 0x64];

/** A new key pair: the public key as minisign writes it, and our secret key form. */
export async function generateReleaseKey(): Promise<{ publicKey: string; secretKey: string }> {
  const pair = await crypto.subtle.generateKey({ name: "Ed25519" }, true, [
    "sign",
    "verify",
  ]) as CryptoKeyPair;
  const id = crypto.getRandomValues(new Uint8Array(8));
  const raw = new Uint8Array(await crypto.subtle.exportKey("raw", pair.publicKey));
  const pkcs8 = new Uint8Array(await crypto.subtle.exportKey("pkcs8", pair.privateKey));
  return {
    publicKey: new Uint8Array([...ED, ...id, ...raw]).toBase64(),
    secretKey: new Uint8Array([...id, ...pkcs8]).toBase64(),
  };
}

/** Signs `data` with `secretKey`: the four lines of a minisign signature file. */
export async function signMinisign(
  data: Uint8Array<ArrayBuffer>,
  secretKey: string,
  trustedComment: string,
): Promise<string> {
  let bytes: Uint8Array<ArrayBuffer>;
  try {
    bytes = Uint8Array.fromBase64(secretKey.trim());
  } catch {
    throw new Error("RELEASE_SIGNING_KEY is not base64");
  }
  const id = bytes.slice(0, 8);
  const key = await crypto.subtle.importKey("pkcs8", bytes.slice(8), { name: "Ed25519" }, false, [
    "sign",
  ]);
  const sign = async (d: Uint8Array<ArrayBuffer>) =>
    new Uint8Array(await crypto.subtle.sign({ name: "Ed25519" }, key, d));
  const signature = await sign(data);
  const global = await sign(
    new Uint8Array([...signature, ...new TextEncoder().encode(trustedComment)]),
  );
  return [
    `untrusted comment: signature from the soracom release key`,
    new Uint8Array([...ED, ...id, ...signature]).toBase64(),
    `trusted comment: ${trustedComment}`,
    global.toBase64(),
    "",
  ].join("\n");
}

if (import.meta.main) {
  let out: string | undefined;
  try {
    out = readArgs(Deno.args, { out: { type: "string" } }).values.out;
    if (!out) throw new Error("--out FILE is needed");
  } catch (e) {
    console.error(`Error: ${(e as Error).message}`);
    console.error("usage: deno task release-key --out FILE   (FILE gets the secret key, 0600)");
    Deno.exit(2);
  }
  const { publicKey, secretKey } = await generateReleaseKey();
  await Deno.writeTextFile(out, `${secretKey}\n`, { createNew: true, mode: 0o600 });
  console.log(publicKey);
  console.error(
    `secret key written to ${out}: store it as the repository secret RELEASE_SIGNING_KEY, ` +
      "then delete the file; put the public key above into src/update/release_key.ts",
  );
}
