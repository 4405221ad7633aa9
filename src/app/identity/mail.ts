import { createTransport } from 'nodemailer';

const TIMEOUT_MS = 15_000;

/** Sends one plain-text email through the configured SMTP server (`SMTP_URL`). */
export async function sendMail(
  smtp: { url?: string; from: string },
  message: { to: string; subject: string; text: string },
): Promise<void> {
  if (!smtp.url) throw new Error('no SMTP server configured');
  const transport = createTransport({
    url: smtp.url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
  });
  try {
    await transport.sendMail({ from: smtp.from, ...message });
  } finally {
    transport.close();
  }
}
