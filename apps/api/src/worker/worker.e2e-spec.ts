import { quickAddJob } from 'graphile-worker';
import { startTestApp, type TestApp } from '../../test/test-app';
import { startTestWorker } from '../../test/worker-fixture';
import type { Worker } from './worker';

describe('worker', () => {
  let worker: Worker;
  let subject: TestApp;
  beforeAll(async () => {
    subject = await startTestApp();
  });
  afterEach(() => worker?.stop());
  afterAll(() => subject.close());

  it('takes a job from the Postgres queue and runs its task', async () => {
    const connectionString = process.env.DATABASE_URL!;
    worker = await startTestWorker(subject);
    const done = new Promise<string>((resolve, reject) => {
      worker.runner.events.on('job:success', ({ job }) => resolve(job.task_identifier));
      worker.runner.events.on('job:error', ({ error }) => reject(error));
    });
    await quickAddJob({ connectionString }, 'conflux.ping', { from: 'test' });
    await expect(done).resolves.toBe('conflux.ping');
  });
});
