import { cspOriginOf } from './csp';

describe('cspOriginOf', () => {
  it.each([
    ['https://system-admin.okta.com/admin/app/cpc/scim/oauth/callback', 'https://system-admin.okta.com'],
    ['http://127.0.0.1:4000/callback?x=1#y', 'http://127.0.0.1:4000'],
    ['https://IdP.Example:443/cb', 'https://idp.example'],
    ['https://Bücher.example/cb', 'https://xn--bcher-kva.example'],
    ['https://user:pw@idp.example:8443/cb', 'https://idp.example:8443'],
    ['http://localhost/cb', 'http://localhost'],
  ])('names the origin of %s as %s', (url, source) => {
    expect(cspOriginOf(url)).toBe(source);
  });

  it.each([
    ['http://[::1]:8080/cb'],
    ['https://[2001:db8::1]/cb'],
    ['ftp://idp.example/cb'],
    ['myapp://callback'],
    ['not a url'],
    ['https://idp.example./cb'],
  ])('has no source for %s', (url) => {
    expect(cspOriginOf(url)).toBeUndefined();
  });
});
