import { describe, expect, it } from 'vitest';
import { examination, FIRST_HISTORY_DAYS } from '../../src/app/analysis/examination.ts';

const DAY = 86_400_000;
const at = (iso: string) => new Date(iso);
const NOW = at('2026-11-21T14:00:00Z');
const mark = (
  examinedAt: string,
  writtenFrom: string | null = null,
  examinedFrom = '2025-10-17T14:00:00Z',
) => ({
  examinedFrom: at(examinedFrom),
  examinedAt: at(examinedAt),
  writtenFrom: writtenFrom ? at(writtenFrom) : null,
});

describe('what a detection run examines', () => {
  it('examines the last 400 days and today on the first run, or further back when asked', () => {
    const first = new Date(NOW.getTime() - FIRST_HISTORY_DAYS * DAY);
    expect(examination(null, undefined, NOW, 'UTC')).toEqual({
      dailySince: first,
      intraday: true,
      examinedFrom: first,
    });
    const older = at('2024-01-01T00:00:00Z');
    expect(examination(null, older, NOW, 'UTC').dailySince).toEqual(older);
    // A start asked inside the first run's window does not narrow it.
    expect(examination(null, at('2026-11-01T00:00:00Z'), NOW, 'UTC').dailySince).toEqual(first);
  });

  it('examines nothing when nothing was written and no day ended since the last run', () => {
    expect(examination(mark('2026-11-21T13:55:00Z'), undefined, NOW, 'UTC')).toEqual({
      dailySince: null,
      intraday: false,
      examinedFrom: at('2025-10-17T14:00:00Z'),
    });
  });

  it('examines today only when a record about today came in', () => {
    const exam = examination(mark('2026-11-21T13:55:00Z', '2026-11-21T13:58:00Z'), undefined, NOW, 'UTC');
    expect(exam).toMatchObject({ dailySince: null, intraday: true });
  });

  it('examines from the day of a late record for an old day', () => {
    const exam = examination(mark('2026-11-21T13:55:00Z', '2026-09-03T10:00:00Z'), undefined, NOW, 'UTC');
    expect(exam).toMatchObject({ dailySince: at('2026-09-03T10:00:00Z'), intraday: true });
  });

  it('examines the day that ended since the last run, at the first run of the new local day', () => {
    const exam = examination(mark('2026-11-20T23:55:00Z'), undefined, at('2026-11-21T00:05:00Z'), 'UTC');
    expect(exam).toMatchObject({ dailySince: at('2026-11-20T23:55:00Z'), intraday: false });
    // In New York the 20th has not ended at 00:05 UTC: nothing to examine yet.
    const ny = examination(
      mark('2026-11-20T23:55:00Z'),
      undefined,
      at('2026-11-21T00:05:00Z'),
      'America/New_York',
    );
    expect(ny.dailySince).toBeNull();
  });

  it('examines an asked start older than anything examined before, and records it', () => {
    const asked = at('2024-05-01T00:00:00Z');
    const exam = examination(mark('2026-11-21T13:55:00Z'), asked, NOW, 'UTC');
    expect(exam).toEqual({ dailySince: asked, intraday: false, examinedFrom: asked });
    // Asked within what was examined: nothing new.
    expect(
      examination(mark('2026-11-21T13:55:00Z'), at('2026-01-01T00:00:00Z'), NOW, 'UTC').dailySince,
    ).toBeNull();
  });

  it('starts afresh when the clock was set back before the last run', () => {
    const exam = examination(mark('2026-11-22T10:00:00Z'), undefined, NOW, 'UTC');
    expect(exam).toMatchObject({
      intraday: true,
      dailySince: new Date(NOW.getTime() - FIRST_HISTORY_DAYS * DAY),
    });
  });
});
