import psl from '@gorhill/publicsuffixlist';
import { pslText } from '../scripts/psl-data';
import { usePublicSuffixList } from '../src/core/public-suffix';

// Unit tests use the same list the build packages.
psl.parse(pslText(), (h: string) => new URL(`http://${h}`).hostname);
usePublicSuffixList(psl);
