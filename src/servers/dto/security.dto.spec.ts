import { BadRequestException } from '@nestjs/common';
import { validatedBody } from '../../common/http/validation';
import { CreateServerDto } from './create-server.dto';

/** The admin API's message for a body (the same pipe as bootstrap.ts's), or undefined when it is valid. */
async function messageOf(body: unknown): Promise<string | undefined> {
  try {
    await validatedBody(CreateServerDto, body);
    return undefined;
  } catch (error) {
    return ((error as BadRequestException).getResponse() as { message: string[] }).message.join('; ');
  }
}

describe('SecurityDto messages, as the admin API words them (each names its path once)', () => {
  it.each([
    [{ method: 'oauth2', redirectUris: ['not a url'] }, 'security.redirectUris must each be an http(s) URL'],
    [
      { method: 'oauth2', clientAssertion: { issuer: 'i', subject: 's', jwksUrl: 'ftp://keys' } },
      'security.clientAssertion.jwksUrl must be an http(s) URL',
    ],
    [{ method: 'basic', password: 'short' }, 'security.password must be 12 to 200 characters'],
    [{ method: 'ldap' }, 'security.method must be one of: none, basic, digest, bearer, oauth2'],
  ])('%j: %s', async (security, message) => {
    expect(await messageOf({ name: 'x', security })).toBe(message);
  });

  it('accepts http(s) redirect URIs and JWKS URLs', async () => {
    expect(
      await messageOf({
        name: 'x',
        security: {
          method: 'oauth2',
          redirectUris: ['https://a.example/cb'],
          clientAssertion: { issuer: 'i', subject: 's', jwksUrl: 'http://127.0.0.1:1/keys' },
        },
      }),
    ).toBeUndefined();
  });
});
