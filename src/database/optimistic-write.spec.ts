import { retryingWrite, WRITE_ATTEMPTS } from './optimistic-write';

describe('retryingWrite', () => {
  it('answers with the first attempt that wrote, unlocked', async () => {
    const attempt = jest.fn(async () => 'written');
    expect(await retryingWrite(attempt)).toBe('written');
    expect(attempt.mock.calls).toEqual([[false]]);
  });

  it('tries again after a lost race, the last time under a row lock', async () => {
    const attempt = jest.fn(async (locked: boolean) => (locked ? 'written' : undefined));
    expect(await retryingWrite(attempt)).toBe('written');
    expect(attempt.mock.calls).toEqual([[false], [false], [true]]);
    expect(WRITE_ATTEMPTS).toBe(3);
  });

  it('lets an attempt refuse, and fails when even the locked attempt lost', async () => {
    await expect(retryingWrite(async () => Promise.reject(new Error('412')))).rejects.toThrow('412');
    await expect(retryingWrite(async () => undefined)).rejects.toThrow('a write lost its race under a row lock');
  });
});
