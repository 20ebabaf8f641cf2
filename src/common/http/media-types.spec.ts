import { acceptedMediaTypes, mediaTypeOf, takesForms, unsupportedMediaType } from './media-types';

describe('media types', () => {
  it('takes SCIM and JSON at /scim, forms at /oauth, JSON elsewhere', () => {
    expect(acceptedMediaTypes('/scim/v2/_default/Users')).toEqual(['application/scim+json', 'application/json']);
    expect(acceptedMediaTypes('/oauth/x/token')).toEqual(['application/x-www-form-urlencoded']);
    expect(acceptedMediaTypes('/admin/servers')).toEqual(['application/json']);
    expect([takesForms('/oauth/x/authorize'), takesForms('/admin/servers'), takesForms('/scim/v2/x/Users')]).toEqual([
      true,
      false,
      false,
    ]);
  });

  it('reads the type without parameters, in lower case, cut to 100 characters', () => {
    expect(mediaTypeOf('Application/X-WWW-Form-Urlencoded; charset=UTF-8')).toBe('application/x-www-form-urlencoded');
    expect([mediaTypeOf(undefined), mediaTypeOf(''), mediaTypeOf(' ; x=y')]).toEqual([undefined, undefined, undefined]);
    expect(mediaTypeOf(`text/${'x'.repeat(200)}`)).toBe(`text/${'x'.repeat(95)}…`);
  });

  it('answers with the type sent, the types taken, and Accept-Post or Accept-Patch', () => {
    expect(
      unsupportedMediaType({
        url: '/admin/servers',
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
    ).toEqual({
      status: 415,
      detail:
        "The request body is application/x-www-form-urlencoded; send it as application/json (curl's -d sends a form unless -H 'Content-Type: application/json' is given)",
      headers: { 'accept-post': 'application/json' },
    });
    expect(
      unsupportedMediaType({ url: '/scim/v2/x/Users/1', method: 'patch', headers: { 'content-type': 'text/xml' } }),
    ).toEqual({
      status: 415,
      detail: 'The request body is text/xml; send it as application/scim+json or application/json',
      headers: { 'accept-patch': 'application/scim+json, application/json' },
    });
    expect(unsupportedMediaType({ url: '/scim/v2/x/Users/1', method: 'PUT', headers: {} })).toEqual({
      status: 415,
      detail: 'The request body has no Content-Type; send it as application/scim+json or application/json',
      headers: {},
    });
  });
});
