import {
  LOAD_PLAN_VARIABLE,
  loadPlanSchema,
  type AcceptedOrder,
  type LoadPlan,
  type LoadResult,
} from './loadPlan.js';

// The second process of a scenario: it issues POST /api/orders at a fixed
// rate for a fixed time, records each accepted order with its job ids, and
// prints the result as one JSON line. The count of requests is bounded by
// rate x duration; each request is bounded by its timeout.

const ORDER_ITEMS = [
  { description: 'Single vision lenses, pair', quantity: 1, unitPrice: 89.5 },
  { description: 'Anti-reflective coating', quantity: 2, unitPrice: 15 },
];

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  if (cause?.code) return cause.code;
  return (error as Error).name === 'TimeoutError' ? 'timeout' : 'error';
}

async function placeOrder(plan: LoadPlan): Promise<AcceptedOrder | string> {
  try {
    const response = await fetch(`${plan.url}/api/orders`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${plan.token}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ patientId: plan.patientId, items: ORDER_ITEMS }),
      signal: AbortSignal.timeout(plan.requestTimeoutMs),
    });
    const body = (await response.json().catch(() => ({}))) as {
      order?: { id: string; orderNumber: string };
      jobs?: { confirmationEmailJobId: string; orderSheetJobId: string };
    };
    if (response.status !== 201 || !body.order || !body.jobs) {
      return `status ${response.status}`;
    }
    return {
      orderId: body.order.id,
      orderNumber: body.order.orderNumber,
      ...body.jobs,
    };
  } catch (error) {
    return reasonOf(error);
  }
}

async function drive(plan: LoadPlan): Promise<LoadResult> {
  const total = Math.max(
    1,
    Math.round((plan.ratePerSecond * plan.durationMs) / 1000),
  );
  const intervalMs = 1000 / plan.ratePerSecond;
  process.stdout.write('load.started\n');
  const startedAt = Date.now();
  const requests: Promise<AcceptedOrder | string>[] = [];
  for (let index = 0; index < total; index += 1) {
    const dueAt = startedAt + index * intervalMs;
    const waitMs = dueAt - Date.now();
    if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
    requests.push(placeOrder(plan));
  }
  const outcomes = await Promise.all(requests);

  const accepted: AcceptedOrder[] = [];
  const refused: Record<string, number> = {};
  for (const outcome of outcomes) {
    if (typeof outcome !== 'string') accepted.push(outcome);
    else refused[outcome] = (refused[outcome] ?? 0) + 1;
  }
  return { sent: total, accepted, refused, startedAt, finishedAt: Date.now() };
}

const plan = loadPlanSchema.parse(
  JSON.parse(process.env[LOAD_PLAN_VARIABLE] ?? '{}'),
);
process.stdout.write(`${JSON.stringify(await drive(plan))}\n`);
