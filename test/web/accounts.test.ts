import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ensureWebBuild,
  hasChromium,
  launchBrowser,
  screenshot,
  seriousViolations,
  signInAs,
  startWebServer,
  type WebServer,
} from '../helpers/browser.ts';

interface Spend {
  totals: { cost: string };
}

const OWNER = { email: 'owner@acme.example', password: 'owner-password-for-tests' };
const MEMBER = { email: 'rhea@acme.example', name: 'Rhea Okafor', password: 'research-only-password' };
// The demo ledger's teams (src/sources/demo/team.ts): the member joins one and must see nothing of the others.
const TEAM = 'research';
const OTHER_TEAMS = ['platform', 'product'];

describe.skipIf(!hasChromium())('accounts: sign-in, invitations, users, teams and tokens', () => {
  let server: WebServer;
  let browser: Browser;
  let owner: Page;
  let member: Page;
  let invitation = '';

  beforeAll(async () => {
    ensureWebBuild();
    [server, browser] = await Promise.all([startWebServer({ owner: OWNER }), launchBrowser()]);
    owner = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const navLinks = async (page: Page) =>
    (await page.getByRole('navigation', { name: 'Main' }).getByRole('link').allTextContents()).map((t) =>
      t.trim(),
    );

  it('says plainly when the password is wrong', async () => {
    await owner.goto(`${server.url}/`);
    await owner.getByLabel('Email').fill(OWNER.email);
    await owner.getByLabel('Password').fill('not-the-owner-password');
    await owner.getByRole('button', { name: 'Sign in' }).click();
    await expect.poll(() => owner.getByRole('alert').textContent()).toBe('Email or password is wrong.');
    expect(await owner.getByRole('navigation', { name: 'Main' }).count()).toBe(0);
    expect(await seriousViolations(owner)).toEqual([]);
    await screenshot(owner, 'sign-in-wrong-password');
  });

  it('signs the owner in with email and password', async () => {
    await signInAs(owner, server, OWNER, '/settings');
    await owner.getByRole('heading', { level: 1, name: 'Settings' }).waitFor();
    expect(await owner.getByTestId('signed-in-as').textContent()).toContain(OWNER.email);
    expect(await navLinks(owner)).toEqual(
      expect.arrayContaining(['Sources', 'Pricing', 'Import', 'Settings']),
    );
  });

  it('creates a team and invites a member of it from Settings, showing the link once', async () => {
    await owner.getByRole('button', { name: 'New team' }).click();
    const teamForm = owner.getByRole('form', { name: 'New team' });
    await teamForm.getByLabel('Team name').fill(TEAM);
    await teamForm.getByRole('button', { name: 'Create team' }).click();
    await owner.getByTestId(`team-${TEAM}`).waitFor();

    await owner.getByRole('button', { name: 'Invite someone' }).click();
    const form = owner.getByRole('form', { name: 'Invite someone' });
    await form.getByLabel('Email').fill(MEMBER.email);
    await form.getByLabel('Role').selectOption('member');
    await form.getByLabel(TEAM, { exact: true }).selectOption('member');
    await form.getByRole('button', { name: 'Create invitation link' }).click();

    const shown = owner.getByTestId('invitation-link');
    invitation = await shown.getByLabel('Invitation link').inputValue();
    expect(invitation).toMatch(/^http:\/\/[^/]+\/invite\/\S+$/);
    expect(await shown.textContent()).toMatch(/shown only once/);
    await expect
      .poll(() => owner.locator('main').textContent())
      .toContain(`${MEMBER.email} · member of ${TEAM}`);
    expect(await seriousViolations(owner)).toEqual([]);
    await screenshot(owner, 'settings-accounts');
  });

  // why: a sign-in, the Overview's first answers and Settings on a loaded 2-core machine
  it('lets the invited member set a password in a fresh browser and signs them in', {
    timeout: 120_000,
  }, async () => {
    member = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await member.goto(invitation);
    await member.getByRole('heading', { level: 1, name: 'Join spendlens' }).waitFor();
    const form = member.getByRole('form', { name: 'Join spendlens' });
    expect(await form.textContent()).toContain(`member of ${TEAM}`);
    expect(await form.textContent()).toContain(MEMBER.email);
    expect(await form.textContent()).toContain('At least 12 characters');

    await form.getByLabel('Your name').fill(MEMBER.name);
    await form.getByLabel('Password', { exact: true }).fill('too-short');
    await form.getByLabel('Repeat the password').fill('too-short');
    await form.getByRole('button', { name: 'Set password and sign in' }).click();
    await form.getByText('must be at least 12 characters').waitFor();
    expect(await seriousViolations(member)).toEqual([]);
    await screenshot(member, 'invitation');

    const failures: string[] = [];
    const token = invitation.split('/invite/')[1] ?? '';
    member.on('request', (r) => {
      if (r.method() === 'GET' && r.url().includes(`/api/invitations/${token}`)) failures.push(r.url());
    });
    member.on('response', (r) => {
      if (r.status() >= 400) failures.push(`${r.status()} ${new URL(r.url()).pathname}`);
    });
    await form.getByLabel('Password', { exact: true }).fill(MEMBER.password);
    await form.getByLabel('Repeat the password').fill(MEMBER.password);
    await form.getByRole('button', { name: 'Set password and sign in' }).click();
    await member.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(new URL(member.url()).pathname).toBe('/');
    expect(await member.getByTestId('signed-in-as').textContent()).toContain(MEMBER.name);
    // the used link is not asked for again once the member is in (it would answer 404 in the console)
    expect(failures).toEqual([]);

    // accepting signed the member in: Settings says when, not "never"
    await owner.goto(`${server.url}/settings`);
    const row = owner.getByTestId(`user-${MEMBER.email}`);
    await row.waitFor();
    const lastSignIn = await row.locator('td[data-label="Last sign-in"]').textContent();
    expect(lastSignIn).not.toContain('never');
    expect(lastSignIn).toMatch(/\d{4}/);

    // the link worked once
    const again = await fetch(`${server.url}/api/invitations/${invitation.split('/invite/')[1]}`);
    expect(again.status).toBe(404);
  });

  it("shows the member only their team's numbers and no admin navigation", { timeout: 120_000 }, async () => {
    const summaries: string[] = [];
    member.on('request', (r) => {
      const url = new URL(r.url());
      if (url.pathname === '/api/v1/summary') summaries.push(url.search);
    });
    await member.reload();
    const total = () => member.getByTestId('total-spend').locator('.money').getAttribute('data-value');
    await expect.poll(total).toMatch(/^\d+\.\d{6}$/);

    const range = new URLSearchParams(summaries.at(-1));
    const period = `from=${encodeURIComponent(range.get('from') ?? '')}&to=${encodeURIComponent(range.get('to') ?? '')}`;
    const team = await server.api<Spend>(`/api/v1/spend?${period}&team=${TEAM}`);
    const everyone = await server.api<Spend>(`/api/v1/spend?${period}`);
    expect(await total()).toBe(team.totals.cost);
    expect(Number(team.totals.cost)).toBeGreaterThan(0);
    expect(Number(team.totals.cost)).toBeLessThan(Number(everyone.totals.cost));

    const links = await navLinks(member);
    expect(links).toContain('Overview');
    for (const admin of ['Sources', 'Pricing', 'Import', 'Reports', 'Reconciliation'])
      expect(links).not.toContain(admin);
    await screenshot(member, 'member-overview');

    await member.goto(`${server.url}/explore?group=team`);
    const pivot = member.getByTestId('pivot');
    await pivot.waitFor();
    const teams = await pivot.locator('tbody tr td:nth-child(1)').allTextContents();
    expect(teams).toEqual([TEAM]);
    const text = (await member.locator('main').textContent()) ?? '';
    for (const other of OTHER_TEAMS) expect(text).not.toMatch(new RegExp(`\\b${other}\\b`));
  });

  it('shows the member their account in Settings, and what access a refused page needs', async () => {
    await member.goto(`${server.url}/settings`);
    await member.getByTestId('account').waitFor();
    expect(await member.getByTestId('account').textContent()).toContain(`member of ${TEAM}`);
    for (const admin of ['Users', 'Teams', 'API tokens', 'Audit log', 'Attribution rules']) {
      expect(await member.getByRole('heading', { name: admin, exact: true }).count()).toBe(0);
    }
    expect(await seriousViolations(member)).toEqual([]);

    await member.goto(`${server.url}/sources`);
    await member.getByRole('heading', { name: 'You do not have access to Sources' }).waitFor();
    expect(await member.locator('main').textContent()).toMatch(/owners and admins have/);
    expect(await member.getByRole('alert').count()).toBe(0);
  });

  it('says a used link cannot be used again, even in a signed-in browser', async () => {
    await owner.goto(invitation);
    await owner.getByRole('heading', { level: 1, name: 'Invitation' }).waitFor();
    await expect.poll(() => owner.getByRole('alert').textContent()).toContain('used already');
    expect(await owner.getByRole('link', { name: 'sign in' }).count()).toBe(1);
    expect(await seriousViolations(owner)).toEqual([]);
  });

  it('creates an API token shown once, which works as a bearer token until revoked', async () => {
    await owner.goto(`${server.url}/settings`);
    await owner.getByRole('button', { name: 'Create a token' }).click();
    const form = owner.getByRole('form', { name: 'New API token' });
    await form.getByLabel('Label').fill('ci-read');
    expect(await form.getByLabel('read: spend and reports').isChecked()).toBe(true);
    await form.getByRole('button', { name: 'Create token' }).click();

    const shown = owner.getByTestId('new-token');
    const secret = await shown.getByLabel('API token').inputValue();
    expect(secret.length).toBeGreaterThan(20);
    expect(await shown.textContent()).toMatch(/only time it is shown/);
    expect(await seriousViolations(owner)).toEqual([]);
    await screenshot(owner, 'settings-new-token');

    const spend = () =>
      fetch(`${server.url}/api/v1/spend`, { headers: { authorization: `Bearer ${secret}` } });
    expect((await spend()).status).toBe(200);

    await shown.getByRole('button', { name: 'Done' }).click();
    await owner.reload();
    const row = owner.getByTestId('token-ci-read');
    await row.waitFor();
    expect(await owner.content()).not.toContain(secret);
    expect(await row.textContent()).not.toContain('never');

    await row.getByRole('button', { name: 'Revoke token ci-read' }).click();
    await row.getByRole('button', { name: 'Yes, delete' }).click();
    await expect.poll(() => row.textContent()).toContain('revoked');
    expect((await spend()).status).toBe(401);
  });

  it('keeps an audit log of the changes: who, what, when', async () => {
    const audit = owner.getByTestId('audit');
    await audit.waitFor();
    const text = (await audit.textContent()) ?? '';
    for (const action of [
      'team.create',
      'invitation.create',
      'user.create',
      'token.create',
      'token.revoke',
    ]) {
      expect(text).toContain(action);
    }
    expect(text).toContain(OWNER.email);
    expect(await seriousViolations(owner)).toEqual([]);
    await screenshot(owner, 'settings-audit');
  });
});
