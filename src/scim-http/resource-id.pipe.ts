import { Injectable, PipeTransform } from '@nestjs/common';
import { isUuid } from '../common/uuid';
import { ScimError } from '../scim/errors/scim-error';

/** Resource ids are UUIDs; anything else names no resource: 404, as for an unknown id. */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    if (!isUuid(value)) throw ScimError.notFound(`Resource ${value} not found`);
    return value.toLowerCase();
  }
}
