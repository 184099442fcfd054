import { render } from 'preact';
import '../ui/base.css';
import './options.css';
import { ensurePublicSuffixList } from '../platform/psl';
import { Options } from './options';

// Adding a domain or previewing a preset file checks domains against the list: load it first.
void ensurePublicSuffixList()
  .catch(() => undefined)
  .then(() => render(<Options />, document.getElementById('app') as HTMLElement));
