import { QueryFailedError } from 'typeorm';
import { isDatabaseUnavailable } from './database-unavailable';

const coded = (code: string, message = 'x') => Object.assign(new Error(message), { code });

describe('isDatabaseUnavailable', () => {
  it.each([
    ['a refused connection', coded('ECONNREFUSED', 'connect ECONNREFUSED 127.0.0.1:5432')],
    ['a reset connection', coded('ECONNRESET')],
    ['an unknown host', coded('ENOTFOUND')],
    ['SQLSTATE 08006 (connection failure)', coded('08006')],
    ['SQLSTATE 08P01', coded('08P01')],
    ['57P01 (admin shutdown)', coded('57P01', 'terminating connection due to administrator command')],
    ['57P02 (crash shutdown)', coded('57P02')],
    ['57P03 (starting up)', coded('57P03', 'the database system is starting up')],
    ['53300 (too many connections)', coded('53300')],
    ['a terminated connection', new Error('Connection terminated unexpectedly')],
    ['a connection timeout', new Error('Connection terminated due to connection timeout')],
    ['the pool acquisition timeout', new Error('timeout exceeded when trying to connect')],
    [
      'a client that is no longer queryable',
      new Error('Client has encountered a connection error and is not queryable'),
    ],
    ['a pool being closed', new Error('Cannot use a pool after calling end on the pool')],
    ['57P01 inside a QueryFailedError', new QueryFailedError('SELECT 1', [], coded('57P01'))],
    [
      'every address refused',
      Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')]), { code: undefined }),
    ],
  ])('recognises %s', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ['a unique violation', new QueryFailedError('INSERT', [], coded('23505'))],
    ['a deadlock', new QueryFailedError('UPDATE', [], coded('40P01'))],
    ['a syntax error', coded('42601')],
    ['a plain error', new Error('boom')],
    ['an aggregate with another error', new AggregateError([coded('ECONNREFUSED'), new Error('boom')])],
    ['an empty aggregate', new AggregateError([])],
    ['a string', 'ECONNREFUSED'],
    ['null', null],
  ])('does not take %s for an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
