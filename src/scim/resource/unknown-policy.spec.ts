import { thrownScimError as thrown } from '../../../test/support/thrown-scim-error';
import { SCHEMA } from '../constants';
import { applyPatch, parsePatchRequest } from '../patch';
import { attr } from '../schemas';
import { extendResourceSchemas } from './custom-schemas';
import { normalizeResource } from './normalize';
import { project } from './projection';
import { USER_RESOURCE } from './resource-type-context';

const ops = (...Operations: unknown[]) =>
  parsePatchRequest({ schemas: ['urn:ietf:params:scim:api:messages:2.0:PatchOp'], Operations });
const body = (extra: Record<string, unknown>) => ({ schemas: [SCHEMA.user], userName: 'bjensen', ...extra });
const STORE = extendResourceSchemas(USER_RESOURCE, { unknownAttributes: 'store' });
const REJECT = extendResourceSchemas(USER_RESOURCE, { unknownAttributes: 'reject' });

describe('the unknown-attribute policy of a resource type', () => {
  it('ignore (default): unknown attributes are dropped and listed apart from readOnly ones', () => {
    const result = normalizeResource(body({ shoeSize: 9, meta: {}, name: { nick: 'b' } }), USER_RESOURCE, 'create');
    expect(result.resource).toEqual(body({}));
    expect(result.ignored).toEqual(['shoeSize', 'meta', 'name.nick']);
    expect(result.unknown).toEqual(['shoeSize', 'name.nick']);
  });

  it('reject: 400 invalidValue in bodies and path-less PATCH values', () => {
    expect(thrown(() => normalizeResource(body({ shoeSize: 9 }), REJECT, 'create'))).toEqual([
      400,
      'invalidValue',
      'Unknown attribute "shoeSize"',
    ]);
    expect(thrown(() => applyPatch(body({}), ops({ op: 'add', value: { shoeSize: 9 } }), REJECT))).toEqual([
      400,
      'invalidValue',
      'Operations[0]: Unknown attribute "shoeSize"',
    ]);
  });

  it('store: plain top-level names are kept as sent, returned, selected, patched by path or value', () => {
    const { resource, unknown } = normalizeResource(
      body({ shoeSize: 9, prefs: { a: [1] }, 'urn:x:y:z': 1, name: { nick: 'b' } }),
      STORE,
      'create',
    );
    expect(resource).toEqual(body({ shoeSize: 9, prefs: { a: [1] } }));
    expect(unknown).toEqual(['urn:x:y:z', 'name.nick']);
    expect(project(resource, STORE, {})).toEqual(resource);
    expect(project(resource, STORE, { attributes: ['shoesize'] })).toEqual({ schemas: [SCHEMA.user], shoeSize: 9 });
    expect(project(resource, STORE, { excludedAttributes: ['prefs'] })).toEqual(body({ shoeSize: 9 }));
    expect(project(resource, USER_RESOURCE, {})).toEqual(body({}));
    const patched = applyPatch(
      resource,
      ops(
        { op: 'replace', path: 'ShoeSize', value: 10 },
        { op: 'remove', path: 'prefs' },
        { op: 'add', value: { colour: 'red' } },
      ),
      STORE,
    );
    expect(patched.resource).toEqual(body({ shoeSize: 10, colour: 'red' }));
    expect(patched.changed).toBe(true);
  });

  it('custom attributes join the core namespace; restricted canonical values are refused or respelled', () => {
    const schemas = extendResourceSchemas(USER_RESOURCE, {
      core: [attr('secodaRole', { canonicalValues: ['Admin', 'Viewer'], canonicalOnly: true })],
    });
    expect(normalizeResource(body({ [`${SCHEMA.user}:secodaRole`]: 'admin' }), schemas, 'create').resource).toEqual(
      body({ secodaRole: 'Admin' }),
    );
    expect(thrown(() => normalizeResource(body({ secodaRole: 'Owner' }), schemas, 'create'))).toEqual([
      400,
      'invalidValue',
      'Attribute "secodaRole" must be one of "Admin", "Viewer"',
    ]);
    expect(schemas.core.id).toBe(SCHEMA.user);
    expect(USER_RESOURCE.core.attributes.some((a) => a.name === 'secodaRole')).toBe(false);
  });
});
