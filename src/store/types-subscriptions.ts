/** A seat or subscription as stored: its definition is the JSON document the app layer validates. */
export interface StoredSubscription {
  org: string;
  id: string;
  /** `config` (from spendlens.toml, read-only through the API) or `api`. */
  origin: 'config' | 'api';
  definition: Record<string, unknown>;
  createdAt: Date;
  updatedAt: Date;
}

/** Seats and subscriptions (`subscriptions/repo.ts`). */
export interface SubscriptionRepo {
  putSubscription(subscription: StoredSubscription): Promise<void>;
  /** The subscriptions of one org, or of every org when `org` is null (the daily spread), by org and id. */
  listSubscriptions(org: string | null): Promise<StoredSubscription[]>;
  deleteSubscription(org: string, id: string): Promise<boolean>;
}
