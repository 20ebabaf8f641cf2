/** Page size when a list request gives no `count`, and the most one page may hold (ServiceProviderConfig). */
export const DEFAULT_PAGE_SIZE = 100;
export const MAX_PAGE_SIZE = 1000;
