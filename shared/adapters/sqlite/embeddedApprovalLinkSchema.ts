// The approval link store's table in the embedded database: one row per approver per approval round,
// the primary key being what makes a link's use single.
import type { EmbeddedDatabase } from './openEmbeddedDatabase';

/** Idempotent: call it before using the table, in any order with the other app schemas. */
export function ensureEmbeddedApprovalLinkSchema(db: EmbeddedDatabase): void {
  db.exec(`
    CREATE TABLE IF NOT EXISTS app_approval_link_uses (
      incident_id TEXT NOT NULL,
      round INTEGER NOT NULL,
      approver TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('approve','reject')),
      -- The link's single-use id, for the audit trail; the token itself is never stored.
      nonce TEXT NOT NULL,
      channel TEXT NOT NULL,
      used_at TEXT NOT NULL,
      comment TEXT,
      delivered_at TEXT,
      PRIMARY KEY (incident_id, round, approver));
  `);
}
