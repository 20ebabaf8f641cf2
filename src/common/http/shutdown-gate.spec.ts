import { ScimError } from '../../scim/errors/scim-error';
import { ShutdownGate } from './shutdown-gate';

describe('ShutdownGate', () => {
  it('lets requests through until closed', () => {
    const gate = new ShutdownGate();
    const done = jest.fn();
    gate.hook({}, {}, done);
    expect(done).toHaveBeenCalledWith();
    expect(gate.isClosing).toBe(false);
  });

  it('once closed, refuses every request: 503 with Connection: close and Retry-After', () => {
    const gate = new ShutdownGate();
    gate.close();
    const done = jest.fn();
    gate.hook({}, {}, done);
    const error = done.mock.calls[0][0] as ScimError;
    expect(error).toBeInstanceOf(ScimError);
    expect({ status: error.status, scimType: error.scimType, detail: error.detail, headers: error.headers }).toEqual({
      status: 503,
      scimType: undefined,
      detail: 'This instance is shutting down; retry the request (it was not processed)',
      headers: { connection: 'close', 'retry-after': '1' },
    });
  });
});
