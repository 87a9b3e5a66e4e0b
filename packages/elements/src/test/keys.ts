/**
 * Keyboard input that means the same in all three engines the tests run in.
 *
 * - `SPACE`: press the space bar. Puppeteer over CDP (Chromium) knows the key name 'Space', but
 *   puppeteer over WebDriver BiDi (Firefox) only knows ' '; WebDriver (WebKit) takes both.
 * - `pressChord(['Shift', 'Tab'])`: hold the keys down in order, release them in reverse.
 *   `sendKeys({ down })`/`({ up })` works with puppeteer only; the webdriver launcher supports just
 *   `press` and `type`. The `omsorg-key-chord` command (web-test-runner.config.mjs) does it for
 *   each launcher.
 */
import { executeServerCommand } from '@web/test-runner-commands';

export const SPACE = ' ';

export async function pressChord(keys: string[]): Promise<void> {
  await executeServerCommand('omsorg-key-chord', { keys });
}

/** Shift+Tab: focus moves backwards. */
export const shiftTab = () => pressChord(['Shift', 'Tab']);
