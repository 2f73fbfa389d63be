import { join } from 'node:path';
import type { Store } from '../../models/store.js';
import { SqliteAnalytics } from './analytics.js';
import { openDatabase } from './database.js';
import { SqlitePosts } from './posts.js';
import {
  SqliteAlerts,
  SqliteAnnotations,
  SqliteBriefs,
  SqliteCampaigns,
  SqliteSettings,
  SqliteSources,
  SqliteUsers,
} from './records.js';
import { SqliteRollups } from './rollups.js';

/** The embedded store: one SQLite file `escucha.db` in the data directory (or `:memory:`). */
export function createSqliteStore(dataDirOrMemory: string): Store {
  const file = dataDirOrMemory === ':memory:' ? ':memory:' : join(dataDirOrMemory, 'escucha.db');
  const db = openDatabase(file);
  const rollups = new SqliteRollups(db);
  return {
    kind: 'sqlite',
    posts: new SqlitePosts(db),
    rollups,
    analytics: new SqliteAnalytics(db, rollups),
    sources: new SqliteSources(db),
    campaigns: new SqliteCampaigns(db),
    alerts: new SqliteAlerts(db),
    briefs: new SqliteBriefs(db),
    users: new SqliteUsers(db),
    annotations: new SqliteAnnotations(db),
    settings: new SqliteSettings(db),
    async close() {
      if (db.open) db.close();
    },
  };
}
