/**
 * A stand-in for the 1Password CLI `op`, for the demo, the smoke test and the
 * tests: it knows the items it is given (a JSON file, `$FAKE_OP_ITEMS`) and
 * prints them as `op` does:
 *
 * - `op item get ITEM --format json`: the item, with `fields[]` (password,
 *   username, notes, one-time password with its current `totp`, operator ID);
 * - `op item get ITEM --otp`: only the current code;
 * - `op item get ITEM --soracom-profile`: the item as a soracom profile
 *   (username, password, operatorId), as the README's jq filter makes it:
 *   for systems without jq (the release smoke test on Windows).
 *
 * Each run appends a line to `$FAKE_OP_LOG` when set, so callers can count runs.
 * `FAKE_OP_NO_OTP=1` leaves the code out (to provoke AUM0063).
 *
 * @module
 */

import { parseArgs } from "node:util";
import { totpCode } from "../src/emulator/totp.ts";
import { filePath } from "./file_path.ts";

/** An item of the password manager: a SORACOM sign-in. */
export interface FakeOpItem {
  /** The SAM user's name or the root user's email. */
  readonly username: string;
  readonly password: string;
  readonly operatorId: string;
  /** A base32 TOTP secret: the item has a one-time password. */
  readonly mfaSecret?: string;
}

function itemJson(name: string, item: FakeOpItem, totp: string | undefined): string {
  return JSON.stringify(
    {
      id: "fakeitemid",
      title: name,
      category: "LOGIN",
      fields: [
        { id: "password", type: "CONCEALED", label: "password", value: item.password },
        { id: "username", type: "STRING", label: "username", value: item.username },
        { id: "notesPlain", type: "STRING", label: "notesPlain" },
        {
          id: "otp",
          type: "OTP",
          label: "one-time password",
          value: item.mfaSecret ? `otpauth://totp/soracom?secret=${item.mfaSecret}` : undefined,
          totp,
        },
        { id: "operator", type: "STRING", label: "operator id", value: item.operatorId },
      ],
    },
    null,
    2,
  );
}

async function main(args: string[]): Promise<number> {
  const log = Deno.env.get("FAKE_OP_LOG");
  if (log) Deno.writeTextFileSync(log, `${args.join(" ")}\n`, { append: true });
  // Not strict: op's other flags (--vault, --reveal, ...) are taken and change nothing here.
  const { values, positionals } = parseArgs({
    args,
    options: { otp: { type: "boolean" }, "soracom-profile": { type: "boolean" } },
    strict: false,
    allowPositionals: true,
  });
  const [command, verb, name] = positionals;
  if (command !== "item" || verb !== "get" || name === undefined) {
    console.error("[ERROR] fake op: usage: op item get ITEM (--format json | --otp)");
    return 1;
  }
  const items: Record<string, FakeOpItem> = JSON.parse(
    await Deno.readTextFile(Deno.env.get("FAKE_OP_ITEMS") ?? ""),
  );
  const item = items[name];
  if (!item) {
    console.error(
      `[ERROR] "${name}" isn't an item. Specify the item with its UUID, name, or domain.`,
    );
    return 1;
  }
  const code = item.mfaSecret ? await totpCode(item.mfaSecret, Date.now()) : undefined;
  if (values.otp) {
    if (!code) {
      console.error("[ERROR] the item has no one-time password");
      return 1;
    }
    console.log(code);
    return 0;
  }
  if (values["soracom-profile"]) {
    // What `op item get ITEM --format json | jq '{username:...}'` makes of it, without jq.
    const { username, password, operatorId } = item;
    console.log(JSON.stringify({ username, password, operatorId }));
    return 0;
  }
  console.log(itemJson(name, item, Deno.env.get("FAKE_OP_NO_OTP") === "1" ? undefined : code));
  return 0;
}

/** This script, for a command line that runs it. */
export const FAKE_OP_SCRIPT: string = filePath(new URL(import.meta.url));

/** Writes the items where the stand-in reads them; the file's path. */
export async function writeFakeOpItems(
  dir: string,
  items: Readonly<Record<string, FakeOpItem>>,
): Promise<string> {
  const path = `${dir}/op-items.json`;
  await Deno.writeTextFile(path, JSON.stringify(items), { mode: 0o600 });
  return path;
}

/**
 * Puts the stand-in `op` into `dir/bin`, knowing `items`, and returns a PATH with it first and
 * the log of its runs (`dir/op.log`). Needs `/bin/sh`.
 */
export async function installFakeOp(
  dir: string,
  items: Readonly<Record<string, FakeOpItem>>,
): Promise<{ path: string; log: string }> {
  const bin = `${dir}/bin`;
  await Deno.mkdir(bin, { recursive: true });
  const itemsPath = await writeFakeOpItems(dir, items);
  const script = `#!/bin/sh\nFAKE_OP_ITEMS='${itemsPath}' exec "${Deno.execPath()}" run --quiet ` +
    `--allow-env --allow-read --allow-write "${FAKE_OP_SCRIPT}" "$@"\n`;
  await Deno.writeTextFile(`${bin}/op`, script, { mode: 0o755 });
  await Deno.chmod(`${bin}/op`, 0o755);
  return { path: `${bin}:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`, log: `${dir}/op.log` };
}

/** How many times the stand-in `op` ran. */
export async function opRuns(log: string): Promise<number> {
  try {
    return (await Deno.readTextFile(log)).split("\n").filter((l) => l !== "").length;
  } catch {
    return 0;
  }
}

if (import.meta.main) Deno.exit(await main(Deno.args));
