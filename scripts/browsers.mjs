// Where Debian puts the three browser engines the tests run in, and which apt packages bring
// them. Nothing here downloads a browser: only Debian's packages are used.
//
//   chromium  Debian's Chromium, driven by puppeteer-core over CDP      apt: chromium
//   firefox   Debian's Firefox ESR, driven by puppeteer-core over BiDi  apt: firefox-esr
//   webkit    WebKitGTK's MiniBrowser through WebKitWebDriver, on a     apt: webkit2gtk-driver xvfb
//             virtual X display (Xvfb) of its own
//
// OMSORG_BROWSERS picks engines (comma list, e.g. "chromium,firefox"); default: all three.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const ENGINES = ['chromium', 'firefox', 'webkit'];

const firstExisting = (paths) => paths.find((p) => p && existsSync(p));

const chromiumPaths = ['/usr/lib/chromium/chromium', '/usr/bin/chromium', '/usr/bin/chromium-browser'];
const firefoxPaths = ['/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr'];
const webkitDriverPaths = ['/usr/bin/WebKitWebDriver'];
const xvfbPaths = ['/usr/bin/Xvfb'];

function miniBrowserPaths() {
  // /usr/lib/<multiarch triplet>/webkit2gtk-4.1/MiniBrowser (4.0 on older releases)
  const out = [];
  try {
    for (const dir of readdirSync('/usr/lib')) {
      for (const api of ['webkit2gtk-4.1', 'webkit2gtk-4.0', 'webkitgtk-6.0']) out.push(`/usr/lib/${dir}/${api}/MiniBrowser`);
    }
  } catch {}
  return out;
}

export function findChromium() {
  return process.env.CHROMIUM_PATH || firstExisting(chromiumPaths) || '/usr/bin/chromium';
}
export function hasChromium() {
  return !!process.env.CHROMIUM_PATH || !!firstExisting(chromiumPaths);
}

export function findFirefox() {
  return process.env.FIREFOX_PATH || firstExisting(firefoxPaths) || '/usr/bin/firefox-esr';
}
export function hasFirefox() {
  return !!process.env.FIREFOX_PATH || !!firstExisting(firefoxPaths);
}

export function findWebKitDriver() {
  return process.env.WEBKIT_WEBDRIVER_PATH || firstExisting(webkitDriverPaths) || '/usr/bin/WebKitWebDriver';
}
export function findMiniBrowser() {
  return process.env.MINIBROWSER_PATH || firstExisting(miniBrowserPaths());
}
export function findXvfb() {
  return firstExisting(xvfbPaths);
}
const hasWebKitDriver = () => !!(process.env.WEBKIT_WEBDRIVER_PATH || firstExisting(webkitDriverPaths));
/** WebKitGTK: WebKitWebDriver, MiniBrowser, and Xvfb for the display the tests get to themselves. */
export function hasWebKit() {
  return hasWebKitDriver() && !!findMiniBrowser() && !!findXvfb();
}

const checks = {
  chromium: { has: hasChromium, apt: ['chromium'] },
  firefox: { has: hasFirefox, apt: ['firefox-esr'] },
  webkit: {
    has: hasWebKit,
    // webkit2gtk-driver brings WebKitWebDriver and (through libwebkit2gtk-4.1-0) MiniBrowser.
    apt: () => [...(hasWebKitDriver() && findMiniBrowser() ? [] : ['webkit2gtk-driver']), ...(findXvfb() ? [] : ['xvfb'])],
  },
};

/** The engines OMSORG_BROWSERS asks for (all three by default). Throws on an unknown name. */
export function selectedEngines(value = process.env.OMSORG_BROWSERS) {
  if (!value || !value.trim()) return [...ENGINES];
  const names = [...new Set(value.split(',').map((s) => s.trim().toLowerCase()).filter(Boolean))];
  const unknown = names.filter((n) => !ENGINES.includes(n));
  if (unknown.length) {
    throw new Error(`OMSORG_BROWSERS: unknown engine(s) ${unknown.join(', ')}; use a comma list of ${ENGINES.join(', ')}.`);
  }
  return names;
}

/** The engines among `engines` that are not installed. */
export function missingEngines(engines = selectedEngines()) {
  return engines.filter((e) => !checks[e].has());
}

/** Debian packages that would install the missing ones among `engines`. */
export function missingPackages(engines = selectedEngines()) {
  const pkgs = missingEngines(engines).flatMap((e) => {
    const apt = checks[e].apt;
    return typeof apt === 'function' ? apt() : apt;
  });
  return [...new Set(pkgs)];
}

export function installCommand(pkgs) {
  return `sudo apt-get update && sudo apt-get install -y ${pkgs.join(' ')}`;
}

/**
 * Makes sure every engine in `engines` is installed. As root with apt-get, installs what is
 * missing in ONE apt-get call; otherwise throws an Error whose message is the one install command.
 * Never drops an engine silently.
 */
export function ensureEngines(engines = selectedEngines(), { log = console.log } = {}) {
  const missing = missingEngines(engines);
  if (!missing.length) return;
  const pkgs = missingPackages(engines);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let aptThere = false;
  try { execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }); aptThere = true; } catch {}
  const others = engines.filter((e) => !missing.includes(e));
  const hint =
    `Missing browser engine(s): ${missing.join(', ')}. Install with:\n\n  ${installCommand(pkgs)}\n` +
    (others.length ? `\n(or choose engines with OMSORG_BROWSERS, e.g. OMSORG_BROWSERS=${others.join(',')})` : '');
  if (!isRoot || !aptThere) throw new Error(hint);
  const cmd = `apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq ${pkgs.join(' ')}`;
  log(`Missing browser engine(s): ${missing.join(', ')}. Running "${cmd}" …`);
  try {
    execFileSync('sh', ['-c', cmd], { stdio: 'inherit' });
  } catch {
    throw new Error(`apt-get failed.\n${hint}`);
  }
  const still = missingEngines(engines);
  if (still.length) throw new Error(`Still missing after apt-get: ${still.join(', ')}.\n${hint}`);
}
