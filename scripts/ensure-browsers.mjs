// The test command runs in Debian's Chromium, Firefox ESR and WebKitGTK (or the engines named in
// OMSORG_BROWSERS). As root on Debian whatever is missing is installed with ONE apt-get call
// (chromium, firefox-esr, webkit2gtk-driver, xvfb); otherwise we stop at once and print the one
// command that installs it. No engine is dropped silently.
import { selectedEngines, ensureEngines } from './browsers.mjs';

try {
  ensureEngines(selectedEngines());
} catch (e) {
  console.error(e.message);
  process.exit(1);
}
