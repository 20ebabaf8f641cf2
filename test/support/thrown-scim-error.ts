import { ScimError } from '../../src/scim/errors/scim-error';

/** Runs `fn`, expects it to throw a ScimError, and returns [status, scimType, detail] for exact asserts. */
export function thrownScimError(fn: () => unknown): [number, string | undefined, string] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ScimError);
    const error = e as ScimError;
    return [error.status, error.scimType, error.detail];
  }
  throw new Error('did not throw');
}
