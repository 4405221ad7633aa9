import { CheckCircle2 } from 'lucide-react';
import { useState } from 'react';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { Banner } from '../../ui/states.tsx';
import { ActivitySection } from './ActivitySection.tsx';
import { RulesSection } from './RulesSection.tsx';
import './settings.css';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/** Attribution rules and activities: how records get their team, project and context. */
export default function SettingsPage() {
  const [notice, setNotice] = useState<Notice>(null);
  return (
    <>
      <PageHeader title="Settings" subtitle="How records get their team, project and context" />
      <div className="stack">
        {notice && (
          <Banner
            kind={notice.kind}
            icon={notice.kind === 'ok' ? <CheckCircle2 size={18} aria-hidden="true" /> : undefined}
          >
            <p className="settings-notice">{notice.text}</p>
          </Banner>
        )}
        <RulesSection onNotice={(kind, text) => setNotice({ kind, text })} />
        <ActivitySection />
      </div>
    </>
  );
}
