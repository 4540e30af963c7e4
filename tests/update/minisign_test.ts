/**
 * Release signatures in minisign's format: what `deno task release` writes is
 * what minisign itself accepts, and the reverse; anything else is refused.
 */
import assert from "node:assert/strict";
import { parsePublicKey, verifySignature } from "../../src/update/minisign.ts";
import { generateReleaseKey, signMinisign } from "../../scripts/release_key.ts";
import { tempDir } from "../helpers/run.ts";
import { testWhere } from "../helpers/platform.ts";
import { RELEASE_PUBLIC_KEYS } from "../../src/update/release_key.ts";

const text = (s: string) => new TextEncoder().encode(s);

Deno.test("a signature is good only for its file, its key and its trusted comment", async () => {
  const key = await generateReleaseKey();
  const other = await generateReleaseKey();
  const data = text("0123  soracom_1.0.0_linux_amd64\n");
  const signature = await signMinisign(data, key.secretKey, "SHA256SUMS of soracom 1.0.0");
  assert.equal(await verifySignature(data, signature, [key.publicKey]), "ok");
  assert.equal(await verifySignature(data, signature, [other.publicKey, key.publicKey]), "ok");
  assert.equal(await verifySignature(text("tampered"), signature, [key.publicKey]), "badSignature");
  assert.equal(await verifySignature(data, signature, [other.publicKey]), "unknownKey");
  assert.equal(await verifySignature(data, signature, []), "unknownKey");
  const lines = signature.split("\n");
  const recommented = [...lines.slice(0, 2), "trusted comment: another", ...lines.slice(3)];
  assert.equal(
    await verifySignature(data, recommented.join("\n"), [key.publicKey]),
    "badSignature",
  );
  for (const bad of ["", "x\ny\nz\nw", lines.slice(0, 2).join("\n")]) {
    assert.equal(await verifySignature(data, bad, [key.publicKey]), "malformed");
  }
});

Deno.test("the built-in release keys are minisign public keys", () => {
  for (const key of RELEASE_PUBLIC_KEYS) assert.equal(parsePublicKey(key)?.key.length, 32);
  assert.equal(parsePublicKey("RWQ="), undefined);
});

testWhere(["minisign"], "minisign accepts our signatures, and we accept minisign's", async () => {
  const dir = await tempDir();
  try {
    const data = text("abc  soracom_1.0.0_linux_amd64\n");
    await Deno.writeFile(`${dir}/SHA256SUMS`, data);
    const key = await generateReleaseKey();
    await Deno.writeTextFile(
      `${dir}/SHA256SUMS.minisig`,
      await signMinisign(data, key.secretKey, "SHA256SUMS of soracom 1.0.0"),
    );
    const run = (args: string[]) =>
      new Deno.Command("minisign", { args, stdout: "piped", stderr: "piped" }).output();
    const checked = await run(["-Vm", `${dir}/SHA256SUMS`, "-P", key.publicKey]);
    assert.equal(checked.code, 0, new TextDecoder().decode(checked.stderr));
    // minisign's own key and (file-signing, -l) signature.
    const made = await run(["-G", "-W", "-p", `${dir}/k.pub`, "-s", `${dir}/k.sec`]);
    assert.equal(made.code, 0, new TextDecoder().decode(made.stderr));
    const signed = await run([
      "-S",
      "-l",
      "-W",
      "-s",
      `${dir}/k.sec`,
      "-m",
      `${dir}/SHA256SUMS`,
      "-x",
      `${dir}/theirs.minisig`,
    ]);
    assert.equal(signed.code, 0, new TextDecoder().decode(signed.stderr));
    const verdict = await verifySignature(
      data,
      await Deno.readTextFile(`${dir}/theirs.minisig`),
      [await Deno.readTextFile(`${dir}/k.pub`)],
    );
    assert.equal(verdict, "ok");
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
});
