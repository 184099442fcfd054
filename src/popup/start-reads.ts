import { extensionStateRead } from '../ui/extension-state';
import { tabRead } from './tab-info';

/**
 * The popup's first reads, started as the first thing its script runs: this module is main.tsx's
 * first import and needs neither preact nor any view, so the reads travel while the rest of the
 * script is evaluated (npm run bench, popup ready: about a third of the popup's own time).
 */
void extensionStateRead.start();
void tabRead.start();
