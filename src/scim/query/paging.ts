/** Page size when a list request gives no `count`, and the most one page may hold (ServiceProviderConfig). */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;

/** The largest startIndex honoured as given; a larger one reads as this (past every row: an empty page). */
export const MAX_START_INDEX = Number.MAX_SAFE_INTEGER;
