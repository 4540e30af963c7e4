/**
 * `deno task install` gives a working `soracom` command, with bash Tab
 * completion in a real interactive shell (a pseudo-terminal), and `deno task
 * uninstall` takes it away.
 */
import { DENO_DIR, tempDir } from "../helpers/run.ts";
import { testWhere } from "../helpers/platform.ts";
import assert from "node:assert/strict";
import { binDir, installArgs } from "../../scripts/install.ts";
import { PERMISSION_FLAGS, SOURCE_RUN_FLAGS } from "../../src/permissions.ts";
import { VERSION_LINE } from "../../src/version.ts";

const INSTALL = new URL("../../scripts/install.ts", import.meta.url).pathname;

/** The permissions `deno task install` (and `uninstall`) gives the script, from deno.json. */
const TASK_PERMISSIONS = (JSON.parse(
  await Deno.readTextFile(new URL("../../deno.json", import.meta.url)),
).tasks.install as string).split(" ").filter((w) => w.startsWith("--allow-"));

async function task(args: string[], env: Record<string, string>) {
  const out = await new Deno.Command(Deno.execPath(), {
    args: ["run", ...TASK_PERMISSIONS, INSTALL, ...args],
    env,
    stdout: "piped",
    stderr: "piped",
  }).output();
  return { code: out.code, text: new TextDecoder().decode(out.stderr) };
}

/** An interactive bash in a tmux pane (its own server), keys sent and the screen read as shown. */
async function tmuxBash(env: Record<string, string>) {
  const socket = `soracom-test-${crypto.randomUUID()}`;
  const tmux = async (...args: string[]) => {
    const out = await new Deno.Command("tmux", {
      args: ["-L", socket, "-f", "/dev/null", ...args],
      env: { ...env, TERM: "xterm", PS1: "$ " },
      stdout: "piped",
      stderr: "piped",
    }).output();
    return new TextDecoder().decode(out.stdout);
  };
  await tmux("new-session", "-d", "-x", "200", "-y", "50", "bash --norc --noprofile -i");
  // -N keeps trailing spaces: a completed word ends with one.
  const screen = () => tmux("capture-pane", "-p", "-N");
  return {
    keys: (...keys: string[]) => tmux("send-keys", ...keys),
    /** Waits (up to 20 s: completion starts soracom) until the screen shows `text`. */
    async waitFor(text: string): Promise<string> {
      for (let i = 0; i < 200; i++) {
        const shown = await screen();
        if (shown.includes(text)) return shown;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error(`the screen never showed ${JSON.stringify(text)}:\n${await screen()}`);
    },
    close: () => tmux("kill-server"),
  };
}

Deno.test("deno task install's command: deno install -g with the release permissions and lazy imports", () => {
  const args = installArgs("/opt/x");
  assert.deepEqual(args.slice(0, 7), [
    "install",
    "--global",
    "--force",
    "--name",
    "soracom",
    "--root",
    "/opt/x",
  ]);
  for (const flag of [...PERMISSION_FLAGS, ...SOURCE_RUN_FLAGS]) {
    assert.ok(args.includes(flag), flag);
  }
  assert.ok(!args.includes("-A") && !args.some((a) => a.startsWith("--allow-all")));
  assert.ok(args.at(-1)!.endsWith("/main.ts"));
});

testWhere(
  ["bash", "tmux"],
  "deno task install: a soracom command with Tab completion in bash; uninstall removes it",
  async () => {
    const root = await tempDir();
    try {
      const env = {
        PATH: `${root}/bin:${Deno.env.get("PATH") ?? "/usr/bin:/bin"}`,
        HOME: root,
        DENO_DIR,
      };
      const installed = await task(["--root", root], env);
      assert.equal(installed.code, 0, installed.text);
      assert.match(installed.text, /eval "\$\(soracom completion bash\)"/);
      const version = await new Deno.Command(`${root}/bin/soracom`, {
        args: ["--version"],
        env,
        stdout: "piped",
      }).output();
      assert.deepEqual(new TextDecoder().decode(version.stdout), VERSION_LINE);

      const shell = await tmuxBash(env);
      try {
        await shell.keys('eval "$(soracom completion bash)"', "Enter");
        await shell.keys("soracom subscr", "Tab");
        await shell.waitFor("soracom subscribers ");
        await shell.keys("C-u", "soracom subscribers li", "Tab");
        await shell.waitFor("soracom subscribers list ");
        await shell.keys("C-u", "soracom subscribers list --fetch-a", "Tab");
        await shell.waitFor("soracom subscribers list --fetch-all ");
      } finally {
        await shell.close();
      }

      const removed = await task(["--uninstall", "--root", root], env);
      assert.equal(removed.code, 0, removed.text);
      assert.equal(await Deno.stat(`${root}/bin/soracom`).then(() => true, () => false), false);
    } finally {
      // The shell's last children may still be writing (bash history) as tmux ends it.
      await Deno.remove(root, { recursive: true }).catch(async () => {
        await new Promise((r) => setTimeout(r, 500));
        await Deno.remove(root, { recursive: true });
      });
    }
  },
);

Deno.test("deno task uninstall without an installation: one line, no backtrace", async () => {
  const root = await tempDir();
  try {
    const r = await task(["--uninstall", "--root", root], { RUST_BACKTRACE: "1", DENO_DIR });
    assert.equal(r.code, 1);
    assert.equal(r.text, `soracom is not installed in ${root}/bin: nothing to uninstall\n`);
  } finally {
    await Deno.remove(root, { recursive: true });
  }
});

Deno.test("the install folder: --root, else DENO_INSTALL_ROOT, else ~/.deno", () => {
  const env = (vars: Record<string, string>) => (name: string) => vars[name];
  assert.equal(binDir("/opt/x", env({ HOME: "/h" }), false), "/opt/x/bin");
  assert.equal(
    binDir(undefined, env({ HOME: "/h", DENO_INSTALL_ROOT: "/d" }), false),
    "/d/bin",
  );
  assert.equal(binDir(undefined, env({ HOME: "/h" }), false), "/h/.deno/bin");
  assert.equal(binDir(undefined, env({ USERPROFILE: "C:/u" }), true), "C:/u/.deno/bin");
});
