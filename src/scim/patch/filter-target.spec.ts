import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { parsePath } from '../filter';
import { USER_RESOURCE } from '../resource';
import { USER_SCHEMA } from '../schemas';
import { elementFromFilter } from './filter-target';
import { patchWith, user } from './patch.fixture';

/* ApplyOptions.createMissingFilterTarget: the lenient mode Entra ID needs. */

const emailsDef = USER_SCHEMA.attributes.find((a) => a.name === 'emails')!;
const fromFilter = (path: string) => elementFromFilter(parsePath(path).filter!, emailsDef);
const lenient = (resource: Record<string, unknown>, ...operations: unknown[]) =>
  patchWith(USER_RESOURCE, { createMissingFilterTarget: true }, resource, ...operations);
const withoutEmails = () => {
  const resource = user();
  delete resource.emails;
  return resource;
};

describe('elementFromFilter', () => {
  it('builds an element from an eq comparison, with canonical names', () => {
    expect(fromFilter('emails[TYPE eq "work"]')).toEqual({ type: 'work' });
  });

  it('builds an element from a conjunction of eq comparisons', () => {
    expect(fromFilter('emails[type eq "work" and (primary eq true and display eq "W")]')).toEqual({
      type: 'work',
      primary: true,
      display: 'W',
    });
  });

  it.each([
    'emails[type eq "work" or type eq "home"]',
    'emails[type co "work"]',
    'emails[type eq null]',
    'emails[not (type eq "work")]',
    'emails[type eq "a" and type eq "b"]',
  ])('gives undefined for %s', (path) => {
    expect(fromFilter(path)).toBeUndefined();
  });
});

describe('applyPatch with createMissingFilterTarget', () => {
  it('creates the element for add emails[type eq "work"].value', () => {
    const result = lenient(withoutEmails(), {
      op: 'add',
      path: 'emails[type eq "work"].value',
      value: 'w@example.org',
    });
    expect(result.resource.emails).toEqual([{ type: 'work', value: 'w@example.org' }]);
  });

  it('also creates the element for replace', () => {
    const result = lenient(user(), { op: 'replace', path: 'emails[type eq "other"].value', value: 'o@example.org' });
    expect((result.resource.emails as unknown[])[2]).toEqual({ type: 'other', value: 'o@example.org' });
  });

  it('creates an element from a filter without a sub-attribute, merging the value', () => {
    const result = lenient(user(), { op: 'add', path: 'addresses[type eq "other"]', value: { locality: 'Paris' } });
    expect((result.resource.addresses as unknown[])[2]).toEqual({ type: 'other', locality: 'Paris' });
  });

  it('demotes the other primary when the created element is primary', () => {
    const result = lenient(user(), {
      op: 'add',
      path: 'emails[type eq "other" and primary eq true].value',
      value: 'o@example.org',
    });
    expect(result.resource.emails).toEqual([
      { value: 'bjensen@example.com', type: 'work', primary: false },
      { value: 'babs@jensen.org', type: 'home' },
      { type: 'other', primary: true, value: 'o@example.org' },
    ]);
  });

  it('updates the matching elements instead when there are some', () => {
    const result = lenient(user(), { op: 'add', path: 'emails[type eq "work"].value', value: 'w@example.org' });
    expect(result.resource.emails).toEqual([
      { value: 'w@example.org', type: 'work', primary: true },
      { value: 'babs@jensen.org', type: 'home' },
    ]);
  });

  it('still fails with 400 noTarget for a filter that does not describe one element', () => {
    expect(
      thrown(() => lenient(user(), { op: 'add', path: 'emails[type co "oth"].value', value: 'o@example.org' })),
    ).toEqual([
      400,
      'noTarget',
      'Operations[0]: No value of "emails" matches the filter of path "emails[type co "oth"].value"',
    ]);
  });
});
