/** Milliseconds since the epoch; injectable so that tests can move time by hand. */
export type Clock = () => number;

/** Provide a Clock under this token to replace `Date.now` in the access module's services. */
export const ACCESS_CLOCK = Symbol('ACCESS_CLOCK');
