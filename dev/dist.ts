/**
 * Where the e2e and dev builds go: `dist/`, or the folder DIVERT_DIST names. tooling.spec runs
 * `npm start` and `npm run dev` beside other specs, so it builds into its own folder, never over
 * the e2e builds the other specs' browsers are loading. The store builds (`npm run build`, which
 * `npm run package` zips and `npm run lint` checks) always go to dist/chrome and dist/firefox.
 */
export const DIST = process.env.DIVERT_DIST || 'dist';
