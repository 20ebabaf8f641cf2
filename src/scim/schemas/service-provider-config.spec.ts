import {
  authenticationScheme,
  AuthenticationMethod,
  ServiceProviderCapabilities,
  serviceProviderConfig,
} from './service-provider-config';

const BASE = 'https://scim.example.com/t/acme/scim/v2';

describe('authenticationScheme', () => {
  it('bearer: oauthbearertoken with RFC 6750', () => {
    expect(authenticationScheme('bearer')).toEqual({
      type: 'oauthbearertoken',
      name: 'OAuth Bearer Token',
      description: 'Authentication scheme using the OAuth Bearer Token Standard',
      specUri: 'https://www.rfc-editor.org/info/rfc6750',
    });
  });

  it('oauth2: also oauthbearertoken with RFC 6750', () => {
    expect(authenticationScheme('oauth2')).toMatchObject({
      type: 'oauthbearertoken',
      specUri: 'https://www.rfc-editor.org/info/rfc6750',
    });
  });

  it('basic: httpbasic with RFC 7617', () => {
    expect(authenticationScheme('basic')).toEqual({
      type: 'httpbasic',
      name: 'HTTP Basic',
      description: 'Authentication scheme using the HTTP Basic Standard',
      specUri: 'https://www.rfc-editor.org/info/rfc7617',
    });
  });

  it('digest: httpdigest with RFC 7616', () => {
    expect(authenticationScheme('digest')).toEqual({
      type: 'httpdigest',
      name: 'HTTP Digest',
      description: 'Authentication scheme using the HTTP Digest Standard',
      specUri: 'https://www.rfc-editor.org/info/rfc7616',
    });
  });

  it('none: no entry', () => {
    expect(authenticationScheme('none')).toBeUndefined();
  });

  it('adds primary and documentationUri when asked, and never shares state between calls', () => {
    const first = authenticationScheme('bearer', { primary: true, documentationUri: 'https://docs.example.com/auth' });
    expect(first).toMatchObject({ primary: true, documentationUri: 'https://docs.example.com/auth' });
    first.name = 'changed';
    expect(authenticationScheme('bearer')).toEqual(expect.objectContaining({ name: 'OAuth Bearer Token' }));
    expect('primary' in authenticationScheme('bearer')).toBe(false);
  });

  it('rejects an unknown method at run time', () => {
    expect(() => authenticationScheme('kerberos' as AuthenticationMethod)).toThrow(/kerberos/);
  });
});

describe('serviceProviderConfig', () => {
  const caps: ServiceProviderCapabilities = {
    patch: true,
    bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
    filter: { supported: true, maxResults: 200 },
    changePassword: false,
    sort: false,
    etag: true,
    authenticationSchemes: [authenticationScheme('bearer', { primary: true })],
  };

  it('renders the RFC 7643 §5 document exactly', () => {
    expect(serviceProviderConfig(caps, BASE)).toEqual({
      schemas: ['urn:ietf:params:scim:schemas:core:2.0:ServiceProviderConfig'],
      patch: { supported: true },
      bulk: { supported: false, maxOperations: 0, maxPayloadSize: 0 },
      filter: { supported: true, maxResults: 200 },
      changePassword: { supported: false },
      sort: { supported: false },
      etag: { supported: true },
      authenticationSchemes: [
        {
          type: 'oauthbearertoken',
          name: 'OAuth Bearer Token',
          description: 'Authentication scheme using the OAuth Bearer Token Standard',
          specUri: 'https://www.rfc-editor.org/info/rfc6750',
          primary: true,
        },
      ],
      meta: { resourceType: 'ServiceProviderConfig', location: `${BASE}/ServiceProviderConfig` },
    });
  });

  it('omits documentationUri and pagination unless given', () => {
    const json = serviceProviderConfig(caps, BASE);
    expect('documentationUri' in json).toBe(false);
    expect('pagination' in json).toBe(false);
  });

  it('adds documentationUri and the RFC 9865 pagination object when given', () => {
    const json = serviceProviderConfig(
      {
        ...caps,
        documentationUri: 'https://docs.example.com/scim',
        pagination: {
          cursor: true,
          index: true,
          defaultPaginationMethod: 'index',
          defaultPageSize: 100,
          maxPageSize: 1000,
          cursorTimeout: 3600,
        },
      },
      `${BASE}/`,
    );
    expect(json.documentationUri).toBe('https://docs.example.com/scim');
    expect(json.pagination).toEqual({
      cursor: true,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 100,
      maxPageSize: 1000,
      cursorTimeout: 3600,
    });
    expect(json.meta.location).toBe(`${BASE}/ServiceProviderConfig`);
    expect(Object.keys(json)).toEqual([
      'schemas',
      'documentationUri',
      'patch',
      'bulk',
      'filter',
      'changePassword',
      'sort',
      'etag',
      'pagination',
      'authenticationSchemes',
      'meta',
    ]);
  });

  it('leaves cursorTimeout out when not set', () => {
    const json = serviceProviderConfig(
      {
        ...caps,
        pagination: {
          cursor: false,
          index: true,
          defaultPaginationMethod: 'index',
          defaultPageSize: 50,
          maxPageSize: 200,
        },
      },
      BASE,
    );
    expect(json.pagination).toEqual({
      cursor: false,
      index: true,
      defaultPaginationMethod: 'index',
      defaultPageSize: 50,
      maxPageSize: 200,
    });
  });

  it('does not alias the capabilities object', () => {
    const json = serviceProviderConfig(caps, BASE);
    json.bulk.supported = true;
    json.authenticationSchemes[0].primary = false;
    expect(caps.bulk.supported).toBe(false);
    expect(caps.authenticationSchemes[0].primary).toBe(true);
  });
});
