// Where Debian puts its browsers. Nothing here downloads a browser.
import { existsSync } from 'node:fs';

const chromiumPaths = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function findChromium() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  return chromiumPaths.find((p) => existsSync(p)) ?? '/usr/bin/chromium';
}

export function hasChromium() {
  return !!process.env.CHROMIUM_PATH || chromiumPaths.some((p) => existsSync(p));
}
