import { SMTPServer } from 'smtp-server';
import { E2E, SANDBOX_SITES } from './env';
import { expect, test } from './fixtures';
import { checkConnection, connectSite } from './jira';

const { main } = SANDBOX_SITES;

interface Received {
  to: string[];
  subject: string;
  text: string;
}

/** Subject and body of nodemailer's single-part text message (quoted-printable when it has non-ASCII). */
function readMessage(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split('\r\n\r\n');
  const subject = /^Subject: (.*)$/m.exec(head)?.[1]?.trim() ?? '';
  let text = rest.join('\r\n\r\n');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(head)) {
    text = Buffer.from(
      text.replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_match, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    ).toString('utf8');
  }
  return { subject, text };
}

test('with SMTP_URL set, the admin receives the email through a real SMTP server', async ({ orgAdmin: page, sandbox, org }) => {
  test.setTimeout(180_000);
  const received: Received[] = [];
  // A plain local server, as a relay on the same host would be: no TLS, no authentication.
  const server = new SMTPServer({
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({ to: session.envelope.rcptTo.map((rcpt) => rcpt.address), ...readMessage(Buffer.concat(chunks).toString('utf8')) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(E2E.smtpPort, '127.0.0.1', resolve));
  try {
    const connectionId = await connectSite(page, main.host);
    await sandbox.setScenario('revoked');
    await expect(await checkConnection(page)).toHaveText(/Reconnect to restore it\.$/);

    const subject = `${main.name} needs to be reconnected`;
    await expect.poll(() => received.filter((mail) => mail.subject === subject && mail.to.includes(org.admin.email)).length, { timeout: 60_000 }).toBe(1);
    const mail = received.find((each) => each.subject === subject && each.to.includes(org.admin.email))!;
    expect(mail.text).toContain('What to do: Open the connection and choose Reconnect');
    expect(mail.text).toContain(`/settings/integrations/jira/${connectionId}`);

    await page.goto('/settings/outbox');
    await expect(page.getByRole('article', { name: subject })).toContainText('Sent');
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
