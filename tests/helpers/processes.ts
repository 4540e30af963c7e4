/**
 * Seeing that no process a test started is left running: `pgrep -f` for a
 * marker only this run's processes carry.
 *
 * @module
 */

/** The processes whose command line holds `marker`, by `pgrep -f`. */
export async function running(marker: string): Promise<string[]> {
  const out = await new Deno.Command("pgrep", { args: ["-f", marker], stdout: "piped" }).output();
  return new TextDecoder().decode(out.stdout).split("\n").filter(Boolean);
}

/**
 * The processes with `marker` still there after up to 3 s: a killed process can
 * outlive its killer by a moment (the kernel delivers SIGKILL, init reaps).
 */
export async function leftOver(marker: string): Promise<string[]> {
  for (let i = 0; i < 30; i++) {
    if ((await running(marker)).length === 0) return [];
    await new Promise((r) => setTimeout(r, 100));
  }
  return await running(marker);
}

/** Sleeps unique to this test run, so no other process is taken for ours. */
export function sleeps(): { marker: string; seconds: (n: number) => string } {
  const base = 5000 + Math.floor(Math.random() * 4000);
  return { marker: `sleep ${base}[0-9]`, seconds: (n) => `${base}${n}` };
}
