import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { Options } from './options';

render(<Options />, document.getElementById('app') as HTMLElement);
