import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { CONTRACT } from '../../domain/api/contract.ts';
import { AppError } from '../../domain/errors.ts';

/** An answer of ours the contract does not describe: a bug, named by field (the contract's names, no data). */
function mismatch(error: z.ZodError): AppError {
  const issue = error.issues[0];
  const where = issue ? `${issue.path.join('.') || '(root)'}: ${issue.message}` : 'unknown field';
  return new AppError('internal', `the answer does not match the API contract (${where})`, { cause: error });
}

/**
 * Answers go out through the contract (src/domain/api): each route it describes gets its response
 * schema as it is registered, and its answer is checked against that schema as it goes on the wire
 * (dates already as their ISO text), so an answer the contract does not describe is an error here,
 * not a surprise in a client.
 */
export function serveContract(app: FastifyInstance): void {
  app.setSerializerCompiler(({ schema }) => {
    const contract = schema as z.ZodType;
    return (data) => {
      const wire = JSON.stringify(data);
      const checked = contract.safeParse(JSON.parse(wire));
      if (!checked.success) throw mismatch(checked.error);
      return wire;
    };
  });
  app.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      const contract = CONTRACT[`${method} ${route.url}`];
      if (!contract?.response) continue;
      const response = (route.schema?.response ?? {}) as Record<number, unknown>;
      route.schema = { ...route.schema, response: { ...response, [contract.status]: contract.response } };
    }
  });
}
