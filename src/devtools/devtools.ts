import { createPanel } from '../platform/devtools';

// The devtools_page does one thing: it adds the Divert panel (contract: named "Divert"). The panel's
// path is from the extension's root, as both browsers read it.
createPanel('Divert', '/icons/icon-32.png', '/src/devtools/panel.html');
