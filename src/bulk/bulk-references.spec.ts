import { BulkPlan, cycleThrough, PlanStep, referencesOf, substituteReferences } from './bulk-references';
import { BulkOperation } from './bulk-request';

const post = (index: number, bulkId: string, data: Record<string, unknown> = {}): BulkOperation => ({
  index,
  method: 'POST',
  bulkId,
  endpoint: 'Groups',
  data,
});
const patch = (index: number, id: string, data: Record<string, unknown> = {}): BulkOperation => ({
  index,
  method: 'PATCH',
  endpoint: 'Groups',
  id,
  data,
});
const members = (...bulkIds: string[]) => ({ members: bulkIds.map((b) => ({ value: `bulkId:${b}` })) });

/** Runs the plan to the end; every POST that runs succeeds (id `id-<bulkId>`) unless listed in `failing`. */
function run(operations: BulkOperation[], failing: number[] = []): [number, string][] {
  const plan = new BulkPlan(operations);
  const trace: [number, string][] = [];
  for (let step: PlanStep | undefined = plan.next(); step; step = plan.next()) {
    if (step.error) {
      expect(step.error.status).toBe(409);
      expect(step.error.scimType).toBeUndefined();
      trace.push([step.index, step.error.detail]);
      continue;
    }
    const operation = operations[step.index];
    const ok = !failing.includes(step.index);
    plan.settle(step.index, ok && operation.method === 'POST' ? `id-${operation.bulkId}` : undefined);
    trace.push([step.index, ok ? 'run' : 'run, failed']);
  }
  return trace;
}

describe('referencesOf', () => {
  it('finds whole-string bulkId: values in the path and anywhere in data, once each, in order', () => {
    expect(
      referencesOf({
        id: 'bulkId:g',
        data: {
          members: [{ value: 'bulkId:u1' }, { value: 'bulkId:u2', display: 'bulkId:u1' }],
          'urn:ietf:params:scim:schemas:extension:enterprise:2.0:User': { manager: { value: 'bulkId:boss' } },
          Operations: [{ op: 'add', value: [['bulkId:deep']] }],
          notReferences: ['xbulkId:a', 'bulkId:', 'BULKID:b', 42, null, true],
        },
      }),
    ).toEqual(['g', 'u1', 'u2', 'boss', 'deep']);
  });

  it('finds none in a plain operation', () => {
    expect(referencesOf({ id: '2819c223-7f76-453a-919d-413861904646', data: { displayName: 'x' } })).toEqual([]);
    expect(referencesOf({})).toEqual([]);
  });
});

describe('substituteReferences', () => {
  const ids = new Map([
    ['u1', 'id-1'],
    ['g', 'id-g'],
  ]);

  it('replaces known references and leaves the rest, without touching the input', () => {
    const data = {
      members: [{ value: 'bulkId:u1' }, { value: 'bulkId:other' }],
      displayName: 'bulkId:g',
      n: 3,
      flag: false,
      none: null,
      note: 'see bulkId:u1',
    };
    const copy = structuredClone(data);
    expect(substituteReferences(data, ids)).toEqual({
      members: [{ value: 'id-1' }, { value: 'bulkId:other' }],
      displayName: 'id-g',
      n: 3,
      flag: false,
      none: null,
      note: 'see bulkId:u1',
    });
    expect(data).toEqual(copy);
  });

  it('works on a path id and on undefined', () => {
    expect(substituteReferences('bulkId:g', ids)).toBe('id-g');
    expect(substituteReferences(undefined, ids)).toBeUndefined();
  });
});

describe('cycleThrough', () => {
  const graph = new Map<string, string[]>([
    ['a', ['b']],
    ['b', ['c', 'a']],
    ['c', ['a']],
    ['self', ['self']],
    ['tail', ['a']],
  ]);

  it.each([
    ['a', ['a', 'b', 'a']],
    ['b', ['b', 'a', 'b']],
    ['c', ['c', 'a', 'b', 'c']],
    ['self', ['self', 'self']],
    ['tail', undefined],
    ['unknown', undefined],
  ])('from %s finds %j', (start, expected) => {
    expect(cycleThrough(start, graph)).toEqual(expected);
  });
});

describe('BulkPlan', () => {
  it('runs independent operations in request order', () => {
    expect(run([post(0, 'a'), post(1, 'b'), patch(2, '2819c223-7f76-453a-919d-413861904646')])).toEqual([
      [0, 'run'],
      [1, 'run'],
      [2, 'run'],
    ]);
  });

  it('runs an operation once what it refers to exists, then goes back to the earliest ready one', () => {
    const operations = [
      patch(0, 'bulkId:g', members('u')),
      post(1, 'g', members('u')),
      post(2, 'u'),
      patch(3, 'bulkId:u'),
    ];
    expect(run(operations)).toEqual([
      [2, 'run'],
      [1, 'run'],
      [0, 'run'],
      [3, 'run'],
    ]);
  });

  it('records ids for substitution', () => {
    const plan = new BulkPlan([post(0, 'u'), post(1, 'g', members('u'))]);
    expect(plan.next()).toEqual({ index: 0 });
    plan.settle(0, 'id-u');
    expect(plan.ids).toEqual(new Map([['u', 'id-u']]));
    expect(plan.next()).toEqual({ index: 1 });
    plan.settle(1, 'id-g');
    expect(plan.next()).toBeUndefined();
    expect(plan.ids).toEqual(
      new Map([
        ['u', 'id-u'],
        ['g', 'id-g'],
      ]),
    );
  });

  it('fails a reference to a bulkId no POST defines (not even a PATCH bulkId) with 409', () => {
    expect(
      run([{ ...patch(0, 'bulkId:p'), bulkId: 'p' }, post(1, 'g', members('p')), patch(2, 'bulkId:nope')]),
    ).toEqual([
      [0, 'bulkId "p" is not defined by any POST operation of this bulk request'],
      [1, 'bulkId "p" is not defined by any POST operation of this bulk request'],
      [2, 'bulkId "nope" is not defined by any POST operation of this bulk request'],
    ]);
  });

  it('fails what refers to a POST that failed, and what refers to that in turn', () => {
    expect(run([post(0, 'g', members('u')), post(1, 'u'), patch(2, 'bulkId:g'), post(3, 'ok')], [1])).toEqual([
      [1, 'run, failed'],
      [0, 'bulkId "u" cannot be resolved: the operation that creates it failed'],
      [2, 'bulkId "g" cannot be resolved: the operation that creates it failed'],
      [3, 'run'],
    ]);
  });

  it('fails every POST on a cycle with 409 naming the cycle, then what depends on them', () => {
    const operations = [
      post(0, 'a', members('b')),
      patch(1, 'bulkId:a'),
      post(2, 'b', members('a')),
      post(3, 'self', members('self')),
      post(4, 'free'),
    ];
    expect(run(operations)).toEqual([
      [4, 'run'],
      [
        0,
        'Circular bulkId reference "a" → "b" → "a": create these resources first, then add the references with PATCH',
      ],
      [
        2,
        'Circular bulkId reference "b" → "a" → "b": create these resources first, then add the references with PATCH',
      ],
      [
        3,
        'Circular bulkId reference "self" → "self": create these resources first, then add the references with PATCH',
      ],
      [1, 'bulkId "a" cannot be resolved: the operation that creates it failed'],
    ]);
  });

  it('runs what does not depend on a cycle, even when it comes after', () => {
    const operations = [
      post(0, 'a', members('b', 'u')),
      post(1, 'b', members('a')),
      post(2, 'c', members('a')),
      post(3, 'u'),
    ];
    expect(run(operations)).toEqual([
      [3, 'run'],
      [
        0,
        'Circular bulkId reference "a" → "b" → "a": create these resources first, then add the references with PATCH',
      ],
      [
        1,
        'Circular bulkId reference "b" → "a" → "b": create these resources first, then add the references with PATCH',
      ],
      [2, 'bulkId "a" cannot be resolved: the operation that creates it failed'],
    ]);
  });

  it('answers undefined when there is nothing to do', () => {
    expect(new BulkPlan([]).next()).toBeUndefined();
  });
});
