import { StreamableFile } from '@nestjs/common';
import { Readable } from 'node:stream';
import { StreamedResource } from '../scim/resource/streamed-resource';
import { resourceStream, sendList } from './streamed-list';

async function text(readable: Readable): Promise<string> {
  let out = '';
  for await (const chunk of readable) out += chunk.toString();
  return out;
}

const streamed = (...chunks: string[]) =>
  new StreamedResource(async function* () {
    yield* chunks;
  });

describe('sendList', () => {
  const page = { totalResults: 3, startIndex: 1, itemsPerPage: 3 };

  it('answers a plain ListResponse when no resource is streamed', () => {
    expect(sendList({ ...page, resources: [{ id: 'a' }] })).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      startIndex: 1,
      itemsPerPage: 3,
      Resources: [{ id: 'a' }],
    });
  });

  it('streams the envelope and each resource in turn, streamed ones chunk by chunk', async () => {
    const body = sendList({
      ...page,
      resources: [{ id: 'a' }, streamed('{"id":"b","members":[', '{"value":"1"}', ']}'), { id: 'c' }],
    });
    expect(body).toBeInstanceOf(StreamableFile);
    const json = await text((body as StreamableFile).getStream() as Readable);
    expect(JSON.parse(json)).toEqual({
      schemas: ['urn:ietf:params:scim:api:messages:2.0:ListResponse'],
      totalResults: 3,
      startIndex: 1,
      itemsPerPage: 3,
      Resources: [{ id: 'a' }, { id: 'b', members: [{ value: '1' }] }, { id: 'c' }],
    });
    expect((body as StreamableFile).getHeaders().type).toBe('application/scim+json; charset=utf-8');
  });

  it('writes nothing before the first chunk of a streamed resource is read: a failing read fails the stream empty', async () => {
    const failing = new StreamedResource(async function* () {
      yield* [];
      throw new Error('database gone');
    });
    const stream = (sendList({ ...page, resources: [{ id: 'a' }, failing] }) as StreamableFile).getStream() as Readable;
    const received: string[] = [];
    stream.on('data', (c: Buffer) => received.push(c.toString()));
    await expect(new Promise((resolve, reject) => stream.on('end', resolve).on('error', reject))).rejects.toThrow(
      'database gone',
    );
    expect(received).toEqual([]);
  });
});

describe('resourceStream', () => {
  it('is the resource chunks as bytes', async () => {
    expect(await text(resourceStream(streamed('{"a":', '1}')))).toBe('{"a":1}');
  });
});
