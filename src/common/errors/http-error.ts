import { ScimType } from '../../scim/errors/scim-error';

/** The common form every error source is mapped to before it is written as SCIM or admin JSON. */
export interface HttpError {
  status: number;
  scimType?: ScimType;
  detail: string;
  headers: Record<string, string | string[]>;
}
