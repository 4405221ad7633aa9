import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** A message as the SMTP server took it, with its text and HTML parts decoded. */
export interface Mail {
  from: string;
  to: string[];
  subject: string;
  text: string;
  html: string;
  raw: string;
}

export interface SmtpStub {
  /** `smtp://user:pass@127.0.0.1:<port>`, the password checked on AUTH. */
  url: string;
  mails: Mail[];
  close(): Promise<void>;
}

/** A real SMTP server in-process (plain text, AUTH required); recipients at `reject.example` get a 550. */
export async function startSmtp(user = 'alerts', pass = 'smtp-pass-s3cret'): Promise<SmtpStub> {
  const mails: Mail[] = [];
  const server = new SMTPServer({
    logger: false,
    disabledCommands: ['STARTTLS'],
    allowInsecureAuth: true,
    onAuth(auth, _session, done) {
      if (auth.username === user && auth.password === pass) done(null, { user });
      else done(new Error('Invalid username or password'));
    },
    onRcptTo(address, _session, done) {
      if (address.address.endsWith('@reject.example')) {
        done(Object.assign(new Error('mailbox unavailable'), { responseCode: 550 }));
      } else done();
    },
    onData(stream, session, done) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        mails.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          subject: encodedWords(header(raw, 'subject')),
          text: part(raw, 'text/plain'),
          html: part(raw, 'text/html'),
          raw,
        });
        done();
      });
    },
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://${user}:${pass}@127.0.0.1:${port}`,
    mails,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

function header(block: string, name: string): string {
  const unfolded = block.split(/\r?\n\r?\n/)[0]?.replace(/\r?\n[ \t]+/g, ' ') ?? '';
  const line = unfolded.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name}:`));
  return line ? line.slice(name.length + 1).trim() : '';
}

/** The decoded body of the first part of a content type (quoted-printable, base64 or plain). */
function part(raw: string, type: string): string {
  const sections = raw.split(/\r?\n--[^\r\n]+\r?\n/);
  const found = sections.find((s) => header(s, 'content-type').startsWith(type));
  if (!found) return '';
  const body = found
    .split(/\r?\n\r?\n/)
    .slice(1)
    .join('\n\n')
    .replace(/\r?\n--[^\r\n]+--\s*$/, '');
  const encoding = header(found, 'content-transfer-encoding').toLowerCase();
  if (encoding === 'base64') return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  return encoding === 'quoted-printable' ? quotedPrintable(body) : body;
}

/** RFC 2047 `=?UTF-8?Q?…?=` and `=?UTF-8?B?…?=` words, as in a long or non-ASCII subject. */
function encodedWords(text: string): string {
  return text
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?utf-8\?([QB])\?([^?]*)\?=/gi, (_, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : quotedPrintable(data.replaceAll('_', ' ')),
    );
}

function quotedPrintable(body: string): string {
  const s = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const hex = s.slice(i + 1, i + 3);
    if (s[i] === '=' && /^[0-9A-F]{2}$/i.test(hex)) {
      bytes.push(Number.parseInt(hex, 16));
      i += 2;
    } else bytes.push(...Buffer.from(s[i] as string, 'utf8'));
  }
  return Buffer.from(bytes).toString('utf8');
}
