import { join } from 'node:path';
import type { Campaign } from '../../models/campaign.js';
import type { Source } from '../../models/source.js';
import type { Store } from '../../models/store.js';
import { SqliteAnalytics } from './analytics.js';
import { openDatabase } from './database.js';
import { SqlitePosts } from './posts.js';
import {
  SqliteAlerts,
  SqliteAnnotations,
  SqliteBriefs,
  SqliteSettings,
  SqliteRecords,
  SqliteUsers,
} from './records.js';
import { SqliteRollups } from './rollups.js';

/** The embedded store: one SQLite file `escucha.db` in the data directory (or `:memory:`). */
export function createSqliteStore(dataDirOrMemory: string): Store {
  const file = dataDirOrMemory === ':memory:' ? ':memory:' : join(dataDirOrMemory, 'escucha.db');
  const db = openDatabase(file);
  const rollups = new SqliteRollups(db);
  const campaigns = new SqliteRecords<Campaign>(db, 'campaigns');
  return {
    kind: 'sqlite',
    posts: new SqlitePosts(db),
    rollups,
    analytics: new SqliteAnalytics(db, campaigns),
    sources: new SqliteRecords<Source>(db, 'sources'),
    campaigns,
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
