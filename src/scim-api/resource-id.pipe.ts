import { Injectable, PipeTransform } from '@nestjs/common';
import { resourceIdOf } from '../scim/resource/resource-id';

/** Resource ids are UUIDs; anything else names no resource: 404, as for an unknown id. */
@Injectable()
export class ResourceIdPipe implements PipeTransform<string, string> {
  transform(value: string): string {
    return resourceIdOf(value);
  }
}
