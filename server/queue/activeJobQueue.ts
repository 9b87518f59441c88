import { AppError } from '../errors/appError.js';
import type { JobQueue } from './jobQueue.js';

let active: JobQueue | undefined;

/**
 * The process's job queue, set once at start-up so that route code can call
 * the one-line helpers without passing the queue around.
 */
export function setActiveJobQueue(jobQueue: JobQueue | undefined): void {
  active = jobQueue;
}

export function activeJobQueue(): JobQueue {
  if (!active) {
    throw new AppError('store_unavailable', 'The job queue has not started', {
      httpStatus: 503,
      retryable: true,
    });
  }
  return active;
}
