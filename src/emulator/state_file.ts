/**
 * `--state FILE`: the world read at start and written after every change,
 * atomically (a temporary file renamed over the old one), so the file is the
 * old state or the new one, never half of each. A file that is not a state
 * the emulator wrote is refused at start, and left as it is.
 *
 * @module
 */

import type { FileSystem } from "../context.ts";
import { type WorldData, worldSchema } from "./world_data.ts";

/** A state file that cannot be used: why, in a few words (never its content). */
export class StateFileError extends Error {
  /** `why` is a few words of ours (never the file's content). */
  constructor(readonly path: string, readonly why: string) {
    super(`${path}: ${why}`);
    this.name = "StateFileError";
  }
}

/** The state a file holds; `undefined` when there is no file yet. */
export async function readState(fs: FileSystem, path: string): Promise<WorldData | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await fs.readFile(path);
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw new StateFileError(path, error instanceof Error ? error.message : String(error));
  }
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
  } catch {
    throw new StateFileError(path, "not JSON");
  }
  const parsed = worldSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new StateFileError(
      path,
      `not an emulator state (${issue.path.join(".") || "top"}: ${issue.message})`,
    );
  }
  return parsed.data;
}

/** Writes the state after each change, one write at a time, the latest state each time. */
export class StateWriter {
  #queue: Promise<void> = Promise.resolve();

  /** Writes to `path` through `fs`. */
  constructor(private readonly fs: FileSystem, readonly path: string) {}

  /** Writes `data` as it is now (after any write in progress). */
  save(data: WorldData): Promise<void> {
    const write = async () => {
      const text = JSON.stringify(data);
      await this.fs.writeFileAtomic(this.path, new TextEncoder().encode(text), 0o600);
    };
    this.#queue = this.#queue.then(write, write);
    return this.#queue;
  }
}
