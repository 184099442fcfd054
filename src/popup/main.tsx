// First, as a side-effect import (kept in place): the reads start before anything else of the
// popup is evaluated.
import './start-reads';
import { render } from 'preact';
import '../ui/base.css';
import './popup.css';
import { extensionStateRead } from '../ui/extension-state';
import { Popup } from './popup';
import { tabRead } from './tab-info';

// The first paint shows the real state (no flash of a switched-off popup): the reads take a few
// milliseconds; should they not answer within 100, the popup paints what it has and fills in later.
const bound = new Promise((resolve) => setTimeout(resolve, 100));
void Promise.race([Promise.all([extensionStateRead.start(), tabRead.start()]), bound])
  .catch(() => undefined)
  .then(() => render(<Popup />, document.getElementById('app') as HTMLElement));
