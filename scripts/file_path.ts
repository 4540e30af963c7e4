/**
 * Native paths from `file:` URLs, for the scripts that hand paths to other
 * programs (`deno bundle`, `deno install`, a profileCommand line): `/C:/x` is
 * `C:/x` on Windows, and percent-escapes (spaces) are decoded.
 *
 * @module
 */

/** The native path of the `file:` URL `url`. */
export function filePath(url: URL): string {
  const path = decodeURIComponent(url.pathname);
  return Deno.build.os === "windows" ? path.replace(/^\/([A-Za-z]:)/, "$1") : path;
}

/** True for an absolute path, on POSIX (`/x`) or Windows (`C:\x`, `C:/x`, `\\server\x`). */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith("\\\\");
}

/** This repository's root folder, without a trailing separator. */
export const REPO_ROOT: string = filePath(new URL("..", import.meta.url)).replace(/[\\/]$/, "");
