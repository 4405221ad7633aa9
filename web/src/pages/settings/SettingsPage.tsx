import { CheckCircle2 } from 'lucide-react';
import { useState } from 'react';
import { PageHeader } from '../../frame/PageHeader.tsx';
import { mayDo, useAccount } from '../../state/session.ts';
import { Banner } from '../../ui/states.tsx';
import { GatewaySection } from '../gateway/GatewaySection.tsx';
import { AccountSection } from './AccountSection.tsx';
import { ActivitySection } from './ActivitySection.tsx';
import { AuditSection } from './AuditSection.tsx';
import { RulesSection } from './RulesSection.tsx';
import { TeamsSection } from './TeamsSection.tsx';
import { TokensSection } from './TokensSection.tsx';
import { UsersSection } from './UsersSection.tsx';
import './settings.css';
import './access.css';

type Notice = { kind: 'ok' | 'error'; text: string } | null;

/**
 * The account, and by role: people, teams and API tokens (owners and admins), the audit log (and
 * analysts), and how records get their team, project and context.
 */
export default function SettingsPage() {
  const [notice, setNotice] = useState<Notice>(null);
  const account = useAccount();
  const admin = mayDo(account, 'admin');
  const onNotice = (kind: 'ok' | 'error', text: string) => setNotice({ kind, text });
  return (
    <>
      <PageHeader
        title="Settings"
        subtitle={admin ? 'Your account, who may see what, and how records get their team' : 'Your account'}
      />
      <div className="stack">
        {notice && (
          <Banner
            kind={notice.kind}
            icon={notice.kind === 'ok' ? <CheckCircle2 size={18} aria-hidden="true" /> : undefined}
          >
            <p className="settings-notice">{notice.text}</p>
          </Banner>
        )}
        {account && <AccountSection account={account} />}
        {admin && <UsersSection onNotice={onNotice} />}
        {admin && <TeamsSection onNotice={onNotice} />}
        {admin && <TokensSection onNotice={onNotice} />}
        {admin && <GatewaySection />}
        {admin && <RulesSection onNotice={onNotice} />}
        {mayDo(account, 'ingest') && <ActivitySection />}
        {mayDo(account, 'read_audit') && <AuditSection />}
      </div>
    </>
  );
}
