#!/usr/bin/env node
// The `kg` executable (package.json "bin"): runs cli/kg.ts with tsx's loader, so `npx kg …`
// works in a clone after `npm install`, with nothing of npm's on stdout.
import { register } from 'tsx/esm/api';

register();
await import('../kg.ts');
