// @ts-check
/**
 * LISTEN on a PostgreSQL channel, for a database handle's `listen` (the BFF's own handle and the
 * sandbox's both offer it). On a server, a connection of its own, outside the pool: a pooled
 * connection would be handed to queries and could not keep listening. On PGlite, which one
 * process owns, the handle's own listener.
 *
 * `lost` resolves when the connection breaks or ends: notifications sent from then on are not
 * seen, so whoever trusts them (the BFF's session cache) must stop trusting and listen again.
 */

/**
 * @typedef {object} Listening
 * @property {Promise<Error>} lost resolves once the listening connection is gone (not on `close`)
 * @property {() => Promise<void>} close stops listening
 */
/**
 * @typedef {(channel: string, onMessage: (payload: string) => void) => Promise<Listening>} Listen
 */

const CHANNEL = /^[a-z_][a-z0-9_]{0,62}$/;

/** @param {string} channel */
function checked(channel) {
  if (!CHANNEL.test(channel)) throw new TypeError(`not a valid channel name: ${channel}`);
  return channel;
}

/**
 * @param {string} connectionString
 * @param {string} applicationName
 * @returns {Listen}
 */
export function postgresListen(connectionString, applicationName) {
  return async (channel, onMessage) => {
    const { default: pg } = await import('pg');
    const client = new pg.Client({ connectionString, application_name: applicationName });
    let closing = false;
    /** @type {(err: Error) => void} */
    let gone = () => {};
    /** @type {Promise<Error>} */
    const lost = new Promise((resolve) => {
      gone = resolve;
    });
    // Every error is handled here (an 'error' without a listener would end the process).
    client.on('error', (err) => gone(err));
    client.on('end', () => {
      if (!closing) gone(new Error('the listening connection ended'));
    });
    client.on('notification', (m) => {
      if (m.channel === channel) onMessage(m.payload ?? '');
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${checked(channel)}`);
    } catch (err) {
      closing = true;
      await client.end().catch(() => {});
      throw err;
    }
    return {
      lost,
      async close() {
        closing = true;
        await client.end().catch(() => {});
      },
    };
  };
}

/**
 * @param {Pick<import('@electric-sql/pglite').PGliteInterface, 'listen'>} pg
 * @returns {Listen}
 */
export function pgliteListen(pg) {
  return async (channel, onMessage) => {
    const stop = await pg.listen(checked(channel), onMessage);
    // In-process: nothing between the database and the listener can break.
    return { lost: new Promise(() => {}), close: () => stop() };
  };
}
