import { runProcess } from './processLifecycle.js';

// The API and, unless RUN_WORKERS=false, every worker, in one process.
await runProcess(true);
