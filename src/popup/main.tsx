import { render } from 'preact';
import '../ui/base.css';
import './popup.css';
import { preloadExtensionState } from '../ui/use-settings';
import { Popup } from './popup';
import { preloadTab } from './use-tab';

preloadExtensionState();
preloadTab();
render(<Popup />, document.getElementById('app') as HTMLElement);
