import { subscriptionMethods } from '../sql/subscriptions.ts';
import type { SubscriptionStore } from '../types-subscriptions.ts';
import type { DuckDb } from './connection.ts';

/** The seat and subscription methods of the DuckDB store; writes take the write connection in turn. */
export function duckDbSubscriptionMethods(db: DuckDb): SubscriptionStore {
  const { writer, reader, exclusive, rows } = db;
  return subscriptionMethods(
    (sql, params) => exclusive(() => rows(writer, sql, params)),
    (sql, params) => rows(reader, sql, params),
  );
}
