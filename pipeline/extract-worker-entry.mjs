// The pool's worker entry: TypeScript sources load through tsx in the worker too, however the
// parent process was started (tsx, vitest, the bench).
import { register } from 'tsx/esm/api';

register();
await import('./extract-worker.ts');
