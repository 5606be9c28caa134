/**
 * A backfill worker in a process of its own, for the kill test (lib/integrations/jira/sync/
 * backfill-kill.db.test.ts): runs the connection's backfill to its end, printing `page` after every
 * committed page and `done` at the end, so the test can SIGKILL it at chosen points and start it again.
 * Environment: DATABASE_URL, ATLASSIAN_* and PORTICO_ENCRYPTION_KEY as the test set them.
 *
 *   node --conditions=react-server --import tsx scripts/sync/backfill-child.ts <orgId> <connectionId>
 */
import { backfillToEnd } from '../../lib/integrations/jira/sync/sync-engine.testing';

const [orgId, connectionId] = process.argv.slice(2);
if (!orgId || !connectionId) throw new Error('usage: backfill-child.ts <orgId> <connectionId>');
const outcome = await backfillToEnd(orgId, connectionId, (step) => {
  if (step.kind === 'page') process.stdout.write('page\n');
});
process.stdout.write(`done ${outcome.kind}\n`);
process.exit(0);
