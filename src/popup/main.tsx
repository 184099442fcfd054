import { render } from 'preact';
import '../ui/base.css';
import './popup.css';
import { Popup } from './popup';

render(<Popup />, document.getElementById('app') as HTMLElement);
