/** Opens the configured backend; each backend module is loaded only when it is the one configured. */
import type { GraphStore, StoreConfig } from './store.ts';

export async function openStore(config: StoreConfig): Promise<GraphStore> {
  if (config.backend === 'neo4j') {
    const { Neo4jStore } = await import('./neo4j-store.ts');
    return Neo4jStore.connect(config);
  }
  const { EmbeddedStore } = await import('./embedded-store.ts');
  return EmbeddedStore.open(config.path);
}
