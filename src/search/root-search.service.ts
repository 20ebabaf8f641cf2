import { Injectable } from '@nestjs/common';
import { GroupsService } from '../groups/groups.service';
import { ScimError } from '../scim/errors/scim-error';
import { Page } from '../scim/messages/list-response';
import { listQueryFromSearch } from '../scim/query/list-query';
import { StreamedResource } from '../scim/resource/streamed-resource';
import { ScimContext } from '../tenancy/scim-context';
import { UsersService } from '../users/users.service';

/**
 * `POST /.search` at the server root (RFC 7644 §3.4.3): Users, then Groups, as one list. A filter or
 * attribute that one resource type does not have makes that type contribute nothing (it is refused
 * only when neither type has it). Paging is by startIndex/count over the concatenation; cursor paging
 * is per resource type.
 */
@Injectable()
export class RootSearchService {
  constructor(
    private readonly users: UsersService,
    private readonly groups: GroupsService,
  ) {}

  async search(ctx: ScimContext, body: unknown): Promise<Page<Record<string, unknown> | StreamedResource>> {
    const { schemas } = ctx.tenant;
    const userQuery = attempt(() => listQueryFromSearch(body, schemas.users));
    const groupQuery = attempt(() => listQueryFromSearch(body, schemas.groups));
    if (userQuery instanceof ScimError && groupQuery instanceof ScimError) throw userQuery;
    const any = (userQuery instanceof ScimError ? groupQuery : userQuery) as Exclude<typeof userQuery, ScimError>;
    if (any.cursor !== undefined)
      throw ScimError.badRequest(
        'invalidValue',
        'Cursor paging is per resource type: search /Users/.search or /Groups/.search',
      );
    const { startIndex, count } = any;

    // Totals first (count=0 pages are count queries only), then the slice of each type the page covers.
    const usersCount =
      userQuery instanceof ScimError
        ? userQuery
        : await countOf(() => this.users.list(ctx, { ...userQuery, count: 0 }));
    const groupsCount =
      groupQuery instanceof ScimError
        ? groupQuery
        : await countOf(() => this.groups.list(ctx, { ...groupQuery, count: 0 }));
    if (usersCount instanceof ScimError && groupsCount instanceof ScimError) throw usersCount;
    const usersTotal = usersCount instanceof ScimError ? 0 : usersCount;
    const groupsTotal = groupsCount instanceof ScimError ? 0 : groupsCount;
    const resources: (Record<string, unknown> | StreamedResource)[] = [];
    const offset = startIndex - 1;
    if (!(userQuery instanceof ScimError) && usersTotal > 0 && offset < usersTotal && count > 0) {
      resources.push(...(await this.users.list(ctx, { ...userQuery, startIndex, count })).resources);
    }
    const remaining = count - resources.length;
    if (
      !(groupQuery instanceof ScimError) &&
      groupsTotal > 0 &&
      remaining > 0 &&
      offset + resources.length < usersTotal + groupsTotal
    ) {
      const groupStart = Math.max(1, startIndex - usersTotal);
      resources.push(
        ...(await this.groups.list(ctx, { ...groupQuery, startIndex: groupStart, count: remaining })).resources,
      );
    }
    return { resources, totalResults: usersTotal + groupsTotal, startIndex, itemsPerPage: resources.length };
  }
}

function attempt<T>(fn: () => T): T | ScimError {
  try {
    return fn();
  } catch (error) {
    if (
      error instanceof ScimError &&
      error.status === 400 &&
      (error.scimType === 'invalidFilter' || error.scimType === 'invalidValue')
    )
      return error;
    throw error;
  }
}

/** The count, or the error of a filter on an attribute this resource type does not have. */
async function countOf(list: () => Promise<Page<unknown>>): Promise<number | ScimError> {
  try {
    return (await list()).totalResults;
  } catch (error) {
    if (
      error instanceof ScimError &&
      error.status === 400 &&
      error.scimType === 'invalidFilter' &&
      /Unknown attribute/.test(error.detail)
    )
      return error;
    throw error;
  }
}
