import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { probe } from './control-client';
import { claimDataDir, DataDirInUse } from './data-dir-claim';

/** A process bound to the socket of `dir`, then killed with SIGKILL: it leaves a socket file nobody holds. */
async function leaveDeadSocket(dir: string): Promise<void> {
  const script = `require('node:net').createServer().listen(${JSON.stringify(join(dir, 'scimd.sock'))}, () => process.stdout.write('bound'))`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise((resolve) => child.stdout.once('data', resolve));
  child.kill('SIGKILL');
  await new Promise((resolve) => child.once('exit', resolve));
}

describe('claimDataDir', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scimd-claim-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('one claim at a time: the second is refused naming the holder; after release it succeeds', async () => {
    const first = await claimDataDir(dir, { role: 'server' });
    const refused = await claimDataDir(dir, { role: 'cli', command: 'servers list' }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(DataDirInUse);
    expect((refused as DataDirInUse).holder).toEqual({
      pid: process.pid,
      role: 'server',
      startedAt: first.holder.startedAt,
    });
    await first.release();
    expect(existsSync(join(dir, 'scimd.sock'))).toBe(false);
    const second = await claimDataDir(dir, { role: 'cli', command: 'servers list' });
    expect(await probe(second.path)).toEqual({
      state: 'held',
      holder: { pid: process.pid, role: 'cli', command: 'servers list', startedAt: second.holder.startedAt },
    });
    await second.release();
  });

  it('a socket left by a killed process is taken over; of two claims racing for it, exactly one wins', async () => {
    await leaveDeadSocket(dir);
    expect(statSync(join(dir, 'scimd.sock')).isSocket()).toBe(true);
    expect(await probe(join(dir, 'scimd.sock'))).toEqual({ state: 'free' });
    const results = await Promise.allSettled([
      claimDataDir(dir, { role: 'server' }),
      claimDataDir(dir, { role: 'server' }),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect([won.length, lost.length]).toEqual([1, 1]);
    expect(lost[0].reason).toBeInstanceOf(DataDirInUse);
    expect(existsSync(join(dir, 'scimd.sock.takeover'))).toBe(false);
    await (won[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof claimDataDir>>>).value.release();
  });

  it('a file that is not a socket in its place is not removed: the error says what to do', async () => {
    writeFileSync(join(dir, 'scimd.sock'), 'not a socket');
    await expect(claimDataDir(dir, { role: 'server' })).rejects.toThrow(
      `${join(dir, 'scimd.sock')} exists and is not a socket: remove it (scimd keeps its control socket there)`,
    );
    expect(existsSync(join(dir, 'scimd.sock'))).toBe(true);
  });
});
