import type {
  AlertingRepo,
  AnomalyRepo,
  AuditRepo,
  DetectionRepo,
  GatewayStore,
  IdentityRepo,
  PriceOverrideRepo,
  SourceRepo,
  Store,
  SubscriptionRepo,
  UsageRepo,
} from './types.ts';

/** The store seen one concern at a time: what a use case may reach, each through its narrow interface. */
export interface Repositories {
  readonly usage: UsageRepo;
  readonly subscriptions: SubscriptionRepo;
  readonly identity: IdentityRepo;
  readonly alerting: AlertingRepo;
  readonly detection: DetectionRepo;
  readonly gateway: GatewayStore;
  readonly audit: AuditRepo;
  readonly priceOverrides: PriceOverrideRepo;
  readonly anomalies: AnomalyRepo;
  readonly sources: SourceRepo;
}

/**
 * The repositories of `store`. why: each is the store object itself, not methods bound off it, so
 * PostgreSQL's org scoping (postgres/tenancy.ts wraps the whole store and picks a scope by method name)
 * applies to every call, and a test's spy on one method is seen through every repository.
 */
export function repositoriesOf(store: Store): Repositories {
  return {
    usage: store,
    subscriptions: store,
    identity: store,
    alerting: store,
    detection: store,
    gateway: store,
    audit: store,
    priceOverrides: store,
    anomalies: store,
    sources: store,
  };
}
