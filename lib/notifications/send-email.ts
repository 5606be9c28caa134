import 'server-only';
import nodemailer from 'nodemailer';
import { z } from 'zod';
import { getEmailForSending, recordSendAttempt } from '@/db/queries/notifications';
import { env } from '@/lib/config/env';
import { defineJob } from '@/lib/jobs/define-job';

const RETRY = { limit: 6, delaySecs: 30, backoff: true };

/**
 * Sends one outbox email over SMTP_URL. At least once, like every job: the Message-ID is the outbox row's, so a
 * resend after a crash is recognisable. A failure keeps its kind (nodemailer's code and SMTP reply code), never
 * the server's text, which can echo credentials.
 */
export const sendNotificationEmailJob = defineJob({
  name: 'send-notification-email',
  title: 'Notifications: send an email',
  schema: z.object({ emailId: z.uuid() }),
  retry: RETRY,
  expireInSecs: 120,
  concurrency: 2,
  handler: async ({ emailId }, context) => {
    const email = await getEmailForSending(emailId);
    if (!email || email.status === 'sent' || email.status === 'local') return;
    const smtpUrl = env().SMTP_URL;
    if (!smtpUrl) return;
    try {
      const transport = nodemailer.createTransport(smtpUrl);
      await transport.sendMail({
        from: env().MAIL_FROM,
        to: email.toAddress,
        subject: email.subject,
        text: email.text,
        messageId: `<${email.id}@portico>`,
      });
      transport.close();
      await recordSendAttempt(emailId, { status: 'sent' });
    } catch (error) {
      const failure = error as { code?: unknown; responseCode?: unknown };
      const kind = [typeof failure.code === 'string' ? failure.code : 'send_failed', typeof failure.responseCode === 'number' ? String(failure.responseCode) : null]
        .filter(Boolean)
        .join(' ');
      await recordSendAttempt(emailId, { status: context.retryCount >= RETRY.limit ? 'failed' : 'queued', error: kind });
      throw new Error(`Email could not be sent (${kind}).`);
    }
  },
});
