/**
 * A read started before a page's first render (an effect runs only after the first paint, and the
 * popup is on the user's click path), handed over once to the component that shows it: the value
 * when it has come (the first render shows it at once), else the read still under way.
 */
export function preloaded<T>(read: () => Promise<T>) {
  let pending: Promise<T> | undefined;
  let known: T | undefined;
  return {
    /** Starts the read (once); resolves when it has answered. */
    start(): Promise<T> {
      pending ??= read().then((value) => {
        known = value;
        return value;
      });
      return pending;
    },
    /**
     * For a component's state initialiser: the value if it came, else the read to wait for (a
     * fresh one when none was started). Taken at render, so an answer arriving between the render
     * and the component's effect is never lost.
     */
    take(): { value: T } | { later: Promise<T> } {
      const out = known !== undefined ? { value: known } : { later: pending ?? read() };
      pending = undefined;
      known = undefined;
      return out;
    },
  };
}
