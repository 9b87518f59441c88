import { AppError } from './appError.js';

/** One problem with the input: where it is and what was expected. */
export interface ValidationIssue {
  path: string;
  message: string;
}

/** Input that does not match its schema; each issue names its field. */
export class ValidationError extends AppError {
  constructor(
    readonly issues: ValidationIssue[],
    message = describeIssues(issues),
  ) {
    super('validation_failed', message, {
      httpStatus: 400,
      details: { issues },
    });
  }
}

/** Builds the error from zod's issues, naming each field by its path. */
export function validationErrorFromZod(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
): ValidationError {
  return new ValidationError(
    issues.map((issue) => ({
      path: issue.path.map(String).join('.'),
      message: issue.message,
    })),
  );
}

function describeIssues(issues: ValidationIssue[]): string {
  const parts = issues.map((issue) =>
    issue.path ? `${issue.path}: ${issue.message}` : issue.message,
  );
  return `Invalid input: ${parts.join('; ')}`;
}
