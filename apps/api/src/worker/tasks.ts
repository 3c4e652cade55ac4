import type { TaskList } from 'graphile-worker';

/**
 * The tasks this worker executes, by name. Dataflow runs arrive with the engine issue;
 * `conflux.ping` lets operators and tests check that a worker takes jobs from the queue.
 */
export const taskList: TaskList = {
  'conflux.ping': async (payload, helpers) => {
    helpers.logger.info(`ping ${JSON.stringify(payload)}`);
  },
};
