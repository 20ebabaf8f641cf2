import { QueryFailedError } from 'typeorm';
import { loggableError } from './loggable-error';

describe('loggableError', () => {
  it("drops a QueryFailedError's parameters and driver error and redacts bound values from its message and stack", () => {
    const driverError = Object.assign(new Error('invalid input syntax for type uuid: "alice@example.com"'), {
      code: '22P02',
      detail: 'Key (user_name)=(alice@example.com) already exists.',
    });
    const error = new QueryFailedError(
      'SELECT * FROM scim_users WHERE server_id = $1 AND password_hash = $2',
      ['alice@example.com', 'scrypt$secret-hash'],
      driverError,
    );
    const logged = loggableError(error) as Record<string, unknown>;
    const line = JSON.stringify(logged);
    expect(line).not.toContain('alice@example.com');
    expect(line).not.toContain('secret-hash');
    expect(logged).toEqual({
      type: 'QueryFailedError',
      message: 'invalid input syntax for type uuid: "[redacted]"',
      stack: expect.stringContaining('QueryFailedError: invalid input syntax for type uuid: "[redacted]"'),
      code: '22P02',
      query: 'SELECT * FROM scim_users WHERE server_id = $1 AND password_hash = $2',
    });
  });

  it('leaves other errors as they are', () => {
    const error = new Error('boom');
    expect(loggableError(error)).toBe(error);
  });
});
