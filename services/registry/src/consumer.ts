import { JetStreamApiCodes, JetStreamApiError } from '@nats-io/jetstream';
import type { Logger } from '@trialgrid/logger';
import { registryConsumerConfig, type Messaging } from '@trialgrid/messaging';

function code(err: unknown): number | undefined {
  return err instanceof JetStreamApiError ? err.code : undefined;
}

/**
 * Makes sure the durable `registry` consumer (EVENTS, experiment.*.finished) exists. The
 * messaging lib's ensureTopology (run by the scheduler) declares it too; creating it here as
 * well means a registry that starts first, or alone, still gets every event. When the EVENTS
 * stream itself does not exist yet nothing is created: the consume loop retries until the
 * scheduler has declared the topology.
 */
export async function ensureRegistryConsumer(m: Messaging, log: Logger): Promise<void> {
  const stream = m.streams.events;
  const durable = m.streams.registryConsumer;
  try {
    await m.jsm.consumers.info(stream, durable);
    return;
  } catch (err) {
    if (code(err) === JetStreamApiCodes.StreamNotFound) {
      log.warn({ stream }, 'EVENTS stream not there yet (the scheduler declares it); will keep trying to consume');
      return;
    }
    if (code(err) !== JetStreamApiCodes.ConsumerNotFound) throw err;
  }
  try {
    // The same settings as ensureTopology's (unlimited deliveries: an outage must not drop a registration).
    await m.jsm.consumers.add(stream, registryConsumerConfig(m));
    log.info({ stream, consumer: durable }, 'created registry consumer');
  } catch (err) {
    // Another instance (or the scheduler) may have created it in between: that is fine.
    log.debug({ err }, 'registry consumer add raced');
    await m.jsm.consumers.info(stream, durable);
  }
}
