import { startupFailure } from './startup-failure';

const config = {
  databaseUrl: 'postgres://scimd:s3cret@db.example:6543/scim',
  port: 3000,
  host: '0.0.0.0',
  dbConnectTimeoutMs: 5000,
};
const systemError = (code: string, syscall: string): Error =>
  Object.assign(new Error(`${syscall} ${code}`), { code, syscall });
const pgError = (code: string, message: string): Error =>
  Object.assign(new Error(message), { code, severity: 'FATAL' });

describe('startupFailure', () => {
  it.each([
    [
      systemError('EADDRINUSE', 'listen'),
      'PORT 3000 is already in use on 0.0.0.0:3000 by another process: stop it, or set PORT to a free port',
    ],
    [
      systemError('EACCES', 'listen'),
      'PORT 3000: this user may not listen on 0.0.0.0:3000 (ports below 1024 need privileges): set PORT to 1024 or above',
    ],
    [
      systemError('EADDRNOTAVAIL', 'listen'),
      'HOST 0.0.0.0 is no address of this machine: set HOST to one of its addresses, or 0.0.0.0 for all',
    ],
    [
      systemError('ECONNREFUSED', 'connect'),
      'DATABASE_URL: cannot connect to PostgreSQL at db.example:6543 (connection refused: is PostgreSQL running there, and are the host and port right?)',
    ],
    [
      systemError('ENOTFOUND', 'getaddrinfo'),
      'DATABASE_URL: the host "db.example" is not found (DNS): correct the host name',
    ],
    [
      new Error('Connection terminated due to connection timeout'),
      'DATABASE_URL: cannot connect to PostgreSQL at db.example:6543 (no answer within DB_CONNECT_TIMEOUT_MS, 5000 ms): is the host right, and does a firewall let the connection through?',
    ],
    [
      pgError('3D000', 'database "scim" does not exist'),
      'DATABASE_URL: the database "scim" does not exist on db.example:6543: create it (createdb -h db.example -p 6543 -U scimd scim) or name an existing one',
    ],
    [
      pgError('28P01', 'password authentication failed for user "scimd"'),
      'DATABASE_URL: PostgreSQL at db.example:6543 refused the password of user "scimd"',
    ],
    [
      pgError('28000', 'no pg_hba.conf entry for host "10.0.0.1"'),
      'DATABASE_URL: PostgreSQL at db.example:6543 refused the connection: no pg_hba.conf entry for host "10.0.0.1"',
    ],
    [
      pgError('57P03', 'the database system is starting up'),
      'DATABASE_URL: PostgreSQL at db.example:6543 does not take connections right now: the database system is starting up',
    ],
    [
      pgError('42501', 'permission denied for schema public'),
      'DATABASE_URL: PostgreSQL at db.example:6543 refused what scimd needs in database "scim": permission denied for schema public (the user of DATABASE_URL needs to create tables in its DATABASE_SCHEMA)',
    ],
  ])('names the variable for %s', (error, line) => {
    expect(startupFailure(error, config)).toBe(line);
  });

  it('reads the first attempt of an AggregateError (a name with several addresses)', () => {
    const error = new AggregateError([systemError('ECONNREFUSED', 'connect'), systemError('ECONNREFUSED', 'connect')]);
    expect(startupFailure(error, config)).toBe(
      'DATABASE_URL: cannot connect to PostgreSQL at db.example:6543 (connection refused: is PostgreSQL running there, and are the host and port right?)',
    );
  });

  it('leaves unknown causes, and database errors on the embedded database, to the stack trace', () => {
    expect(startupFailure(new TypeError('x is undefined'), config)).toBeUndefined();
    expect(startupFailure(pgError('42P01', 'relation "x" does not exist'), config)).toBeUndefined();
    expect(
      startupFailure(systemError('ECONNREFUSED', 'connect'), { ...config, databaseUrl: undefined }),
    ).toBeUndefined();
    expect(startupFailure('a string', config)).toBeUndefined();
  });

  it('never holds the password', () => {
    const lines = [
      systemError('ECONNREFUSED', 'connect'),
      pgError('3D000', 'database "scim" does not exist'),
      pgError('28P01', 'x'),
    ].map((e) => startupFailure(e, config));
    expect(lines.join('\n')).not.toContain('s3cret');
  });
});
