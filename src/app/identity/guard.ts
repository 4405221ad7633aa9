import { z } from 'zod';
import { type Need, type Principal, permits, TOKEN_SCOPES } from '../../domain/access.ts';
import { AppError } from '../../domain/errors.ts';

/** Throws `forbidden`, naming the permission, unless `by` may do `need` (for `team`, when given). */
export function demand(by: Principal, need: Need, team?: string | null): void {
  if (permits(by, need, team)) return;
  const where = team === undefined ? '' : team === null ? ' for the whole org' : ` for team "${team}"`;
  throw new AppError(
    'forbidden',
    `this needs the "${need}" permission${where}, which ${by.actor} does not have`,
  );
}

/** The local operator: CLI commands on the embedded store act as an owner, audited as `cli`. */
export function operator(org: string): Principal {
  return {
    org,
    kind: 'token',
    id: 'cli',
    actor: 'cli',
    role: 'owner',
    scopes: [...TOKEN_SCOPES],
    teams: null,
    leadOf: [],
    usageUser: null,
  };
}

const emailSchema = z.email();

/** A trimmed, lower-cased email, or `validation_failed` naming the field. */
export function normalEmail(raw: string, path = 'email'): string {
  const email = raw.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success || email.length > 254) {
    throw new AppError('validation_failed', `${path}: "${raw}" is not an email address`, {
      errors: [{ path, message: 'must be an email address' }],
    });
  }
  return email;
}

/** A team name is the usage records' `team` value: 1 to 128 printable characters. */
export function teamName(raw: string): string {
  const name = raw.trim();
  // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
  if (name.length === 0 || name.length > 128 || /[\u0000-\u001f\u007f]/.test(name)) {
    throw new AppError('validation_failed', `team: "${raw}" must be 1 to 128 printable characters`, {
      errors: [{ path: 'team', message: 'must be 1 to 128 printable characters' }],
    });
  }
  return name;
}
