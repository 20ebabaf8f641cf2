import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { MESSAGE } from '../constants';
import { parsePatchRequest } from './parse-request';
import { request } from './patch.fixture';

const SYNTAX = (detail: string) => [400, 'invalidSyntax', detail];

describe('parsePatchRequest: the envelope (RFC 7644 §3.5.2)', () => {
  it('returns the operations in order with their index and parsed path', () => {
    const operations = parsePatchRequest(
      request(
        { op: 'add', path: 'nickName', value: 'Babs' },
        { op: 'remove', path: 'emails[type eq "work"]' },
        { op: 'replace', value: { title: 'x' } },
      ),
    );
    expect(operations.map((o) => [o.op, o.path?.text, o.value, o.index])).toEqual([
      ['add', 'nickName', 'Babs', 0],
      ['remove', 'emails[type eq "work"]', undefined, 1],
      ['replace', undefined, { title: 'x' }, 2],
    ]);
    expect(operations[1].path?.filter?.kind).toBe('compare');
  });

  it('matches op values and member names case-insensitively (Entra ID sends "Add", "Replace")', () => {
    const operations = parsePatchRequest({
      Schemas: [MESSAGE.patchOp.toUpperCase()],
      operations: [
        { OP: 'Add', Path: 'title', Value: 'Guide' },
        { op: 'REPLACE', value: { title: 'x' } },
        { op: 'Remove', path: 'title' },
      ],
    });
    expect(operations.map((o) => [o.op, o.path?.text, o.value])).toEqual([
      ['add', 'title', 'Guide'],
      ['replace', undefined, { title: 'x' }],
      ['remove', 'title', undefined],
    ]);
  });

  it('keeps a null value for add / replace and treats a null path as absent', () => {
    expect(parsePatchRequest(request({ op: 'replace', path: 'title', value: null }))).toEqual([
      { op: 'replace', path: expect.objectContaining({ text: 'title' }), value: null, index: 0 },
    ]);
    expect(parsePatchRequest(request({ op: 'add', path: null, value: { title: 'x' } }))).toEqual([
      { op: 'add', value: { title: 'x' }, index: 0 },
    ]);
  });

  it('keeps the value of a remove (Entra ID removes members so) and drops a null one', () => {
    expect(parsePatchRequest(request({ op: 'remove', path: 'members', value: [{ value: 'u1' }] }))[0].value).toEqual([
      { value: 'u1' },
    ]);
    expect('value' in parsePatchRequest(request({ op: 'remove', path: 'members', value: null }))[0]).toBe(false);
  });

  it.each([
    ['a string', 'x'],
    ['an array', []],
    ['null', null],
  ])('refuses a body that is %s', (_label, body) => {
    expect(thrown(() => parsePatchRequest(body))).toEqual(SYNTAX('The PATCH request body must be a JSON object'));
  });

  it.each([
    ['missing', { Operations: [{ op: 'remove', path: 'title' }] }],
    [
      'another URN',
      { schemas: ['urn:ietf:params:scim:api:messages:2.0:BulkRequest'], Operations: [{ op: 'remove', path: 'title' }] },
    ],
    ['not an array', { schemas: MESSAGE.patchOp, Operations: [{ op: 'remove', path: 'title' }] }],
  ])('refuses "schemas" %s, naming the PatchOp URN', (_label, body) => {
    expect(thrown(() => parsePatchRequest(body))).toEqual(
      SYNTAX('"schemas" must be an array that contains "urn:ietf:params:scim:api:messages:2.0:PatchOp"'),
    );
  });

  it.each([
    ['missing', undefined],
    ['empty', []],
    ['an object', { op: 'add' }],
  ])('refuses "Operations" %s', (_label, operations) => {
    expect(thrown(() => parsePatchRequest({ schemas: [MESSAGE.patchOp], Operations: operations }))).toEqual(
      SYNTAX('"Operations" must be a non-empty array'),
    );
  });

  it('refuses more than maxOperations operations with 400 tooMany', () => {
    const operations = Array.from({ length: 3 }, () => ({ op: 'remove', path: 'title' }));
    expect(parsePatchRequest(request(...operations), { maxOperations: 3 })).toHaveLength(3);
    expect(thrown(() => parsePatchRequest(request(...operations), { maxOperations: 2 }))).toEqual([
      400,
      'tooMany',
      'The request has 3 operations; at most 2 are allowed',
    ]);
  });

  it('allows 1000 operations by default, not 1001', () => {
    const operations = Array.from({ length: 1001 }, () => ({ op: 'remove', path: 'title' }));
    expect(parsePatchRequest(request(...operations.slice(1)))).toHaveLength(1000);
    expect(thrown(() => parsePatchRequest(request(...operations)))).toEqual([
      400,
      'tooMany',
      'The request has 1001 operations; at most 1000 are allowed',
    ]);
  });

  it('refuses an operation that is not an object, naming its index', () => {
    expect(thrown(() => parsePatchRequest(request({ op: 'remove', path: 'title' }, 'add')))).toEqual(
      SYNTAX('Operations[1] must be an object'),
    );
  });

  it.each([
    [
      'an unknown op',
      { op: 'merge', path: 'title', value: 'x' },
      'Operations[0]: "op" must be "add", "remove" or "replace", not "merge"',
    ],
    [
      'a non-string op',
      { op: 1, path: 'title', value: 'x' },
      'Operations[0]: "op" must be "add", "remove" or "replace", not 1',
    ],
    ['no op', { path: 'title', value: 'x' }, 'Operations[0]: "op" is required ("add", "remove" or "replace")'],
    ['add without value', { op: 'add', path: 'title' }, 'Operations[0]: "add" needs a "value"'],
    ['replace without value', { op: 'Replace', path: 'title' }, 'Operations[0]: "replace" needs a "value"'],
    ['a path that is not a string', { op: 'add', path: 42, value: 'x' }, 'Operations[0]: "path" must be a string'],
  ])('refuses %s with 400 invalidSyntax', (_label, operation, detail) => {
    expect(thrown(() => parsePatchRequest(request(operation)))).toEqual(SYNTAX(detail));
  });

  it('refuses remove without a path with 400 noTarget (RFC 7644 §3.5.2.2)', () => {
    expect(
      thrown(() => parsePatchRequest(request({ op: 'add', path: 'title', value: 'x' }, { op: 'remove' }))),
    ).toEqual([400, 'noTarget', 'Operations[1]: "remove" needs a "path"']);
  });

  it('refuses a malformed path with 400 invalidPath, naming the operation', () => {
    expect(thrown(() => parsePatchRequest(request({ op: 'remove', path: 'emails[type eq "work"' })))).toEqual([
      400,
      'invalidPath',
      'Operations[0]: Invalid path at position 21: expected "and", "or" or "]" to close the "[" at position 6, found the end of the path',
    ]);
  });

  it('refuses an empty path with 400 invalidPath', () => {
    expect(thrown(() => parsePatchRequest(request({ op: 'add', path: '', value: 'x' })))).toEqual([
      400,
      'invalidPath',
      'Operations[0]: Path is empty',
    ]);
  });

  it('passes maxPathLength to the path parser', () => {
    expect(
      thrown(() => parsePatchRequest(request({ op: 'add', path: 'nickName', value: 'x' }), { maxPathLength: 4 })),
    ).toEqual([400, 'invalidPath', 'Operations[0]: Path is longer than 4 characters']);
  });
});
