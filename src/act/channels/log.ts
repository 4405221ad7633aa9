import type { Channel } from './index.ts';

/** Writes one line per alert, `Alert triggered: <title> (<fact>: <value>, …) <link>`, for log shippers to pick up. */
export function logChannel(log: (line: string) => void): Channel {
  return {
    kind: 'log',
    async send(event, alert) {
      const facts = event.facts.map((f) => `${f.label}: ${f.value}`).join(', ');
      const line = `Alert triggered: ${event.title}${facts ? ` (${facts})` : ''} ${alert.link}`;
      log(line.replace(/\s*[\r\n]+\s*/g, ' '));
    },
  };
}
