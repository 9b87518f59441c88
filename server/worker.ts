import { runProcess } from './processLifecycle.js';

// Workers only (WORKER_QUEUES=emails,pdfs to pick queues): no HTTP API.
await runProcess(false);
