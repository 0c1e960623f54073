/**
 * The storage contract against MongoDB, run only when `MONGODB_URI` points at a server (each test uses a fresh
 * database, dropped afterwards). Without it the suite is skipped with the reason printed.
 */
import { MongoClient } from 'mongodb';
import { afterAll, describe } from 'vitest';
import { openStore } from '../../runtime/store/index.ts';
import { describeStoreContract } from './contract/store-contract.ts';

const uri = process.env.MONGODB_URI;
const databases: string[] = [];

if (!uri) {
  console.log('MONGODB_URI is not set: skipping the MongoDB store contract (set it to e.g. mongodb://127.0.0.1:27017 to run it).');
  // The same contract, registered but skipped, so the run reports each MongoDB test as skipped (the store is
  // never opened).
  describe.skip('Store contract: MongoDB (MONGODB_URI is not set)', () => {
    describeStoreContract('MongoDB', () => openStore({ mongodbUri: 'mongodb://not-configured' }));
  });
} else {
  describeStoreContract('MongoDB', async () => {
    const database = `mandate_contract_${process.pid}_${databases.length}_${Date.now()}`;
    databases.push(database);
    return openStore({ mongodbUri: uri, mongodbDatabase: database });
  });
  afterAll(async () => {
    const client = new MongoClient(uri);
    await client.connect();
    for (const name of databases) await client.db(name).dropDatabase();
    await client.close();
  });
}
