import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { Client } from 'pg';
import { RUN_EVENTS_CHANNEL } from '@conflux/engine';
import { DATABASE_INFO, type DatabaseInfo } from '../database/database.module';
import { Inject } from '@nestjs/common';

type Listener = () => void;

/**
 * One LISTEN connection per API process, fanned out to everyone waiting on a run (server-sent
 * event streams, `wait` requests). Workers on any machine NOTIFY when a run or step changes.
 */
@Injectable()
export class RunEventsService implements OnApplicationShutdown {
  private readonly logger = new Logger(RunEventsService.name);
  private readonly listeners = new Map<string, Set<Listener>>();
  private client: Promise<Client> | undefined;

  constructor(@Inject(DATABASE_INFO) private readonly database: DatabaseInfo) {}

  /** Calls `listener` whenever the run changes; returns the unsubscribe function. */
  async subscribe(runId: string, listener: Listener): Promise<() => void> {
    await this.connect();
    let set = this.listeners.get(runId);
    if (!set) this.listeners.set(runId, (set = new Set()));
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(runId);
    };
  }

  private connect(): Promise<Client> {
    this.client ??= (async () => {
      const client = new Client({ connectionString: this.database.url });
      client.on('notification', (message) => {
        for (const listener of this.listeners.get(message.payload ?? '') ?? []) listener();
      });
      client.on('error', (error) => {
        this.logger.warn(`run events connection lost: ${error.message}`);
        this.client = undefined;
        // Wake everyone up so they re-read the state; the next subscribe reconnects.
        for (const set of this.listeners.values()) for (const listener of set) listener();
      });
      await client.connect();
      await client.query(`listen ${RUN_EVENTS_CHANNEL}`);
      return client;
    })();
    return this.client;
  }

  async onApplicationShutdown(): Promise<void> {
    const client = await this.client?.catch(() => undefined);
    await client?.end().catch(() => undefined);
  }
}
