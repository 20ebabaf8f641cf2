import { ArgumentMetadata, Injectable, NotFoundException, PipeTransform } from '@nestjs/common';
import { isUuid } from '../common/uuid';

/** Ids are UUIDs; anything else cannot name an existing record, so it is a 404, not a 400. */
@Injectable()
export class ServerIdPipe implements PipeTransform<string, string> {
  transform(value: string, metadata: ArgumentMetadata): string {
    if (!isUuid(value))
      throw new NotFoundException(
        `No ${metadata.data === 'credentialId' ? 'credential' : 'identity server'} with id ${value}`,
      );
    return value.toLowerCase();
  }
}
