import { Injectable } from '@nestjs/common';
import { SystemSecretsRepository } from './system-secrets.repository';

const NAME = 'public_url';

/**
 * The public URL the server hands out, recorded at each start, so that a CLI run without PUBLIC_URL
 * in its environment prints the URLs the server answers at, not `http://localhost:3000`.
 */
@Injectable()
export class RecordedPublicUrl {
  constructor(private readonly values: SystemSecretsRepository) {}

  async record(publicUrl: string): Promise<void> {
    if ((await this.values.find(NAME)) !== publicUrl) await this.values.upsert(NAME, publicUrl);
  }

  find(): Promise<string | undefined> {
    return this.values.find(NAME);
  }
}
