import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The e2e files that take longest, longest first (file times of a fresh-clone CI run). Two files
 * run at a time, and a long file started last keeps one worker busy after the other has run out of
 * files. On a fresh clone vitest knows no durations and starts the larger files first, which put
 * the bench's smoke run (a short file that takes some 100 s) at the very end.
 */
const LONGEST = [
  'bench',
  'share',
  'kinds',
  'reliability',
  'presets',
  'divert',
  'session-budget',
  'okteto-facts',
  'served',
  'okteto-versions',
  'playwright-script',
  'okteto',
  'devtools',
  'tooling',
].map((name) => `/test/e2e/${name}.spec.ts`);

const rank = (spec: TestSpecification) => {
  const at = LONGEST.findIndex((end) => spec.moduleId.endsWith(end));
  return at < 0 ? LONGEST.length : at;
};

/** Vitest's own order (project by project, unit first), then within the e2e project the list above. */
export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted
      .map((spec, at) => ({ spec, at }))
      .sort((a, b) =>
        a.spec.project.name === b.spec.project.name && a.spec.project.name === 'e2e'
          ? rank(a.spec) - rank(b.spec) || a.at - b.at
          : a.at - b.at,
      )
      .map(({ spec }) => spec);
  }
}
