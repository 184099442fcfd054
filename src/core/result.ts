/** What every validator returns: the cleaned value, or a sentence the user can act on. */
export type Result<T> = { value: T; error?: undefined } | { error: string; value?: undefined };

export const ok = <T>(value: T): Result<T> => ({ value });
export const fail = <T = never>(error: string): Result<T> => ({ error });
