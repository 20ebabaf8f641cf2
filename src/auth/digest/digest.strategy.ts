import { Strategy } from 'passport';
import { parseDigestHeader } from './digest-header';

type Verify = (
  request: unknown,
  params: Record<string, string>,
  done: (error: unknown, user?: unknown) => void,
) => void;

/**
 * A Passport strategy for HTTP Digest (RFC 7616). passport-http's DigestStrategy knows only MD5 and
 * never checks nonces, so scimd has its own: this class only reads the header and hands its
 * parameters to `verify`, which checks everything (see DigestAuthenticator). A request without a
 * Digest header fails (the guard sends the challenge).
 */
export class DigestStrategy extends Strategy {
  override name = 'digest';

  constructor(private readonly verify: Verify) {
    super();
  }

  override authenticate(request: { headers: Record<string, string | string[] | undefined> }): void {
    const header = request.headers.authorization;
    const params = parseDigestHeader(typeof header === 'string' ? header : undefined);
    if (!params) return this.fail(401);
    this.verify(request, params, (error, user) => {
      if (error) return this.error(error as Error);
      if (!user) return this.fail(401);
      this.success(user);
    });
  }
}
