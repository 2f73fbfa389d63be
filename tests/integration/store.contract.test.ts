import { createSqliteStore } from '../../store/sqlite/index.js';
import { storeContract } from './store.contract.js';

storeContract('sqlite', async () => createSqliteStore(':memory:'));
