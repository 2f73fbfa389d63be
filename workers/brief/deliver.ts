import nodemailer from 'nodemailer';
import type { Config } from '../../app/config.js';
import type { Logger } from '../../app/logger.js';
import { findings } from './findings.js';
import { formatRange } from './format.js';
import type { ProducedBrief } from './generate.js';
import { textFor } from './text.js';

/** Where a brief went: each channel is `sent`, `off` (not configured) or the error message. */
export interface Delivery {
  email: string;
  webhook: string;
}

const WEBHOOK_TIMEOUT_MS = 15_000;

/** Thrown when a configured channel failed, so the job retries the delivery (not the PDF). */
export class BriefDeliveryError extends Error {
  readonly code = 'ESCUCHA_BRIEF_DELIVERY';
  constructor(readonly delivery: Delivery) {
    super(`brief delivery failed: ${JSON.stringify(delivery)}`);
    this.name = 'BriefDeliveryError';
  }
}

/**
 * Sends a stored brief by e-mail (SMTP_URL to ESCUCHA_BRIEF_EMAIL_TO, comma-separated, from
 * ESCUCHA_BRIEF_EMAIL_FROM) with the PDF attached and the findings in the body, and/or POSTs
 * it to ESCUCHA_BRIEF_WEBHOOK_URL as JSON (metadata, findings, PDF in base64). Unset channels
 * are skipped; a failed one throws BriefDeliveryError after trying the others.
 */
export async function deliverBrief(produced: Pick<ProducedBrief, 'brief' | 'pdf' | 'data' | 'pages'>, config: Pick<Config, 'credential'>, logger: Logger): Promise<Delivery> {
  const { brief, data } = produced;
  const t = textFor(brief.locale);
  const subject = `${t.product} ${brief.week} — ${t.title(formatRange(brief.from, brief.to, brief.locale))}`;
  const lines = findings(data, brief.locale).map((f, i) => `${i + 1}. ${f.text}`);
  const delivery: Delivery = { email: 'off', webhook: 'off' };

  const smtp = config.credential('SMTP_URL');
  const to = config.credential('ESCUCHA_BRIEF_EMAIL_TO');
  if (smtp && to) {
    try {
      const transport = nodemailer.createTransport(smtp);
      await transport.sendMail({
        from: config.credential('ESCUCHA_BRIEF_EMAIL_FROM') ?? 'escucha <escucha@localhost>',
        to: to.split(',').map((a) => a.trim()).filter(Boolean),
        subject,
        text: `${subject}\n\n${t.findings}:\n${lines.join('\n')}\n`,
        attachments: [{ filename: `escucha-${brief.week}-${brief.locale}.pdf`, content: produced.pdf, contentType: 'application/pdf' }],
      });
      transport.close();
      delivery.email = 'sent';
    } catch (error) {
      delivery.email = (error as Error).message;
    }
  }

  const webhook = config.credential('ESCUCHA_BRIEF_WEBHOOK_URL');
  if (webhook) {
    try {
      const response = await fetch(webhook, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ event: 'brief.created', brief, pages: produced.pages, subject, findings: lines, pdf: produced.pdf.toString('base64') }),
        signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      });
      delivery.webhook = response.ok ? 'sent' : `HTTP ${response.status}`;
    } catch (error) {
      delivery.webhook = (error as Error).message;
    }
  }

  const failed = Object.values(delivery).some((status) => status !== 'sent' && status !== 'off');
  const attempted = Object.values(delivery).some((status) => status !== 'off');
  logger[failed ? 'warn' : attempted ? 'info' : 'debug']({ brief: brief.id, ...delivery }, 'entrega del informe');
  if (failed) throw new BriefDeliveryError(delivery);
  return delivery;
}
