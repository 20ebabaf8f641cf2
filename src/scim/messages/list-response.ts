import { MESSAGE } from '../constants';

/** What a service hands back for a query; the ListResponse is a plain wrapper of it. */
export interface Page<T> {
  resources: T[];
  totalResults: number;
  /** Index paging (RFC 7644 §3.4.2.4). */
  startIndex?: number;
  itemsPerPage: number;
  /** Cursor paging (RFC 9865). */
  nextCursor?: string;
  previousCursor?: string;
}

export interface ListResponse<T> {
  schemas: [typeof MESSAGE.listResponse];
  totalResults: number;
  startIndex?: number;
  itemsPerPage: number;
  nextCursor?: string;
  previousCursor?: string;
  Resources: T[];
}

export function listResponse<T>(page: Page<T>): ListResponse<T> {
  return {
    schemas: [MESSAGE.listResponse],
    totalResults: page.totalResults,
    ...(page.startIndex !== undefined && { startIndex: page.startIndex }),
    itemsPerPage: page.itemsPerPage,
    ...(page.nextCursor !== undefined && { nextCursor: page.nextCursor }),
    ...(page.previousCursor !== undefined && { previousCursor: page.previousCursor }),
    Resources: page.resources,
  };
}

/** A complete, unpaged list (discovery endpoints). */
export function listOf<T>(resources: T[]): ListResponse<T> {
  return listResponse({ resources, totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length });
}
