import { createServer, CreatedServer, groupBody, scim, userBody } from '../support/factories';
import { TestApp } from '../support/test-app';

/**
 * Which refusal a request with several faults gets: the handlers' parameters are read in a fixed
 * order (the id, then If-Match, then attributes, then the body by the service), and moving that
 * reading from the handlers into parameter decorators must not change it.
 */
describe('The order in which a SCIM request is read', () => {
  let app: TestApp;
  let server: CreatedServer;
  let userId: string;

  const PATCH = {
    schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'],
    Operations: [{ op: 'replace', path: 'active', value: false }],
  };
  const BAD_ATTRIBUTES = 'attributes=name[';
  const BAD_TAG = { 'if-match': 'v1' };

  beforeAll(async () => {
    app = await TestApp.start();
    server = await createServer(app);
    userId = (await scim(app, server, 'POST', `${server.base}/Users`, userBody())).body.id;
  });
  afterAll(() => app.close());

  const refusal = async (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await scim(app, server, method, path, body, headers);
    return [res.status, res.body.scimType, res.body.detail];
  };

  it.each(['Users', 'Groups'])(
    '%s: an id that is no UUID is answered 404 before a malformed attributes or If-Match',
    async (endpoint) => {
      const notFound = [404, undefined, 'Resource not-a-uuid not found'];
      expect(await refusal('GET', `${server.base}/${endpoint}/not-a-uuid?${BAD_ATTRIBUTES}`)).toEqual(notFound);
      expect(await refusal('PUT', `${server.base}/${endpoint}/not-a-uuid?${BAD_ATTRIBUTES}`, {}, BAD_TAG)).toEqual(
        notFound,
      );
      expect(await refusal('PATCH', `${server.base}/${endpoint}/not-a-uuid?${BAD_ATTRIBUTES}`, PATCH, BAD_TAG)).toEqual(
        notFound,
      );
      expect(await refusal('DELETE', `${server.base}/${endpoint}/not-a-uuid`, undefined, BAD_TAG)).toEqual(notFound);
    },
  );

  it('a malformed If-Match is answered before a malformed attributes, which is answered before the body is read', async () => {
    const badTag = await refusal(
      'PATCH',
      `${server.base}/Users/${userId}?${BAD_ATTRIBUTES}`,
      { not: 'a PatchOp' },
      BAD_TAG,
    );
    expect(badTag.slice(0, 2)).toEqual([400, 'invalidSyntax']);
    expect(badTag[2]).toMatch(/^Malformed entity tag/);
    const badAttributes = await refusal('PATCH', `${server.base}/Users/${userId}?${BAD_ATTRIBUTES}`, {
      not: 'a PatchOp',
    });
    expect(badAttributes[0]).toBe(400);
    expect(badAttributes[2]).toMatch(/attributes/);
    const create = await refusal('POST', `${server.base}/Groups?${BAD_ATTRIBUTES}`, groupBody('order'));
    expect(create).toEqual(badAttributes);
  });
});
