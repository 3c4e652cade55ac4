import { quickAddJob } from 'graphile-worker';
import pino from 'pino';
import { startWorker, type Worker } from './worker';

describe('worker', () => {
  let worker: Worker;
  afterEach(() => worker?.stop());

  it('takes a job from the Postgres queue and runs its task', async () => {
    const connectionString = process.env.DATABASE_URL!;
    worker = await startWorker({ connectionString, concurrency: 2, log: pino({ level: 'silent' }) });
    const done = new Promise<string>((resolve, reject) => {
      worker.runner.events.on('job:success', ({ job }) => resolve(job.task_identifier));
      worker.runner.events.on('job:error', ({ error }) => reject(error));
    });
    await quickAddJob({ connectionString }, 'conflux.ping', { from: 'test' });
    await expect(done).resolves.toBe('conflux.ping');
  });
});
