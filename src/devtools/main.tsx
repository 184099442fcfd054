import { render } from 'preact';
import '../ui/base.css';
import './panel.css';
import { Panel } from './panel';

render(<Panel />, document.getElementById('app') as HTMLElement);
