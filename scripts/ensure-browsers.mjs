// The test command needs Debian's Chromium. As root on Debian we install it with apt; otherwise
// we stop at once and print the one command that installs it.
import { execFileSync } from 'node:child_process';
import { hasChromium } from './browsers.mjs';

const install = 'apt-get install -y chromium';
if (!hasChromium()) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  let aptThere = false;
  try { execFileSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }); aptThere = true; } catch {}
  if (isRoot && aptThere) {
    console.log(`Chromium is missing: running "apt-get update && ${install}" …`);
    execFileSync('sh', ['-c', `apt-get update -qq && DEBIAN_FRONTEND=noninteractive ${install}`], { stdio: 'inherit' });
  } else {
    console.error(`Chromium is missing. Install it with:\n\n  sudo apt-get update && sudo ${install}\n\n(or point CHROMIUM_PATH at a Chromium binary).`);
    process.exit(1);
  }
}
if (!hasChromium()) { console.error('Chromium is still missing after apt-get.'); process.exit(1); }
