/**
 * Profile files for the scripts that run `soracom` (the demo, the benchmark,
 * the smoke test) and the tests: a private temporary folder, and a profile
 * written as `configure` writes it (mode 0600).
 *
 * @module
 */

/** A fresh temporary folder (mode 0700) for profiles and sessions. */
export async function tempDir(): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "soracom-test-" });
  if (Deno.build.os !== "windows") await Deno.chmod(dir, 0o700);
  return dir;
}

/** Writes the profile `name` into `dir` with mode 0600; its path. */
export async function writeProfile(dir: string, name: string, content: unknown): Promise<string> {
  const path = `${dir}/${name}.json`;
  await Deno.writeTextFile(path, typeof content === "string" ? content : JSON.stringify(content), {
    mode: 0o600,
  });
  if (Deno.build.os !== "windows") await Deno.chmod(path, 0o600);
  return path;
}
