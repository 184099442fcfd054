import { render } from 'preact';
import '../ui/base.css';
import './popup.css';
import { preloadExtensionState } from '../ui/use-settings';
import { Popup } from './popup';
import { preloadTab } from './use-tab';

// The first paint shows the real state (no flash of a switched-off popup): the reads take a few
// milliseconds; should they not answer within 100, the popup paints what it has and fills in later.
const known = Promise.all([preloadExtensionState(), preloadTab()]);
const bound = new Promise((resolve) => setTimeout(resolve, 100));
void Promise.race([known, bound])
  .catch(() => undefined)
  .then(() => render(<Popup />, document.getElementById('app') as HTMLElement));
