import { MESSAGE } from '../constants';

/** What a service hands back for a query; the ListResponse is a plain wrapper of it. */
export interface Page<T> {
  resources: T[];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
}

export interface ListResponse<T> {
  schemas: [typeof MESSAGE.listResponse];
  totalResults: number;
  startIndex: number;
  itemsPerPage: number;
  Resources: T[];
}

export function listResponse<T>(page: Page<T>): ListResponse<T> {
  return {
    schemas: [MESSAGE.listResponse],
    totalResults: page.totalResults,
    startIndex: page.startIndex,
    itemsPerPage: page.itemsPerPage,
    Resources: page.resources,
  };
}

/** A complete, unpaged list (discovery endpoints). */
export function listOf<T>(resources: T[]): ListResponse<T> {
  return listResponse({ resources, totalResults: resources.length, startIndex: 1, itemsPerPage: resources.length });
}
