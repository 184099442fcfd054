import { describe, expect, it } from 'vitest';
import { installPlan } from '../../scripts/browsers';

// npm start and npm test on a fresh machine: install as root on Debian, else the one command to run.
describe('browsers for npm start and npm test', () => {
  it('installs what is missing as root on Debian, with the fonts the screenshots need', () => {
    expect(installPlan(['chromium', 'firefox-esr'], { debian: true, root: true })).toEqual({
      install: ['chromium', 'firefox-esr', 'fonts-dejavu-core'],
    });
  });

  it('otherwise says the one command to run', () => {
    expect(installPlan(['firefox-esr'], { debian: true, root: false })).toEqual({
      tell: 'firefox-esr not found. Run:\n  sudo apt-get install -y firefox-esr fonts-dejavu-core',
    });
    expect(installPlan(['chromium'], { debian: false, root: true })).toEqual({
      tell: 'chromium not found. Run:\n  install chromium, or point CHROME_PATH at it',
    });
  });
});
