/**
 * What one HTTP request may spend: time from its first read, rows read from the store, and the
 * summed cost of its operations (a batch counts as one request). Once any is spent the request's
 * signal aborts and the executor answers with the budget's error; no further store read is made
 * and no further field resolves (what waited on them is left unsettled and collected), so the
 * work stops, not only the response.
 */
import { defaultFieldResolver, type GraphQLError, type GraphQLObjectType, type GraphQLSchema } from 'graphql';
import type { ReadBudget } from '../queries/context.ts';
import { budgetExceeded } from './resolvers/errors.ts';

export interface BudgetLimits {
  /** Time from the request's first read, in ms. */
  timeMs: number;
  /** Rows the request may read from the store. */
  rows: number;
  /** The summed cost (api/query-cost.ts) of the request's operations. */
  cost: number;
}

export const DEFAULT_BUDGET: BudgetLimits = { timeMs: 2_000, rows: 100_000, cost: 20_000 };

/** How often a resolving field looks at the clock (a look costs about as much as resolving a property). */
const FIELDS_PER_CHECK = 16;

/** A promise that never settles: what is left of a spent request's work waits on it and is collected. */
const UNRESOLVED = new Promise<never>(() => {});

/**
 * Makes every field of the schema's object types (but the mutations', whose work is the upload's
 * and bounded by its own timeout) spend from the request's budget before it resolves.
 */
export function budgetFields(schema: GraphQLSchema): GraphQLSchema {
  const mutation = schema.getMutationType()?.name;
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || type.name === mutation || !('getFields' in type) || !('isTypeOf' in type)) continue;
    for (const field of Object.values((type as GraphQLObjectType).getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: { budget?: RequestBudget }, info) => {
        // a spent request's fields are left unresolved, not failed: thousands of fields failing
        // would each build an error with a stack trace, while the executor already answers with the budget's error
        if (context.budget && !context.budget.field()) return UNRESOLVED;
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

export class RequestBudget implements ReadBudget {
  private readonly controller = new AbortController();
  private deadline: number | undefined;
  private timer: NodeJS.Timeout | undefined;
  private rows = 0;
  private cost = 0;
  private fields = 0;

  constructor(
    private readonly limits: BudgetLimits,
    /** The client's own cancellation (the connection closed). */
    cancelled?: AbortSignal,
  ) {
    if (cancelled) {
      if (cancelled.aborted) this.controller.abort(cancelled.reason);
      else cancelled.addEventListener('abort', () => this.controller.abort(cancelled.reason), { once: true });
    }
  }

  /** Aborts once the budget is spent: given to the executor, which then stops resolving. */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** Looks at the clock (starting it at the first look); false once the budget is spent. */
  private inTime(): boolean {
    this.start();
    if (!this.signal.aborted && performance.now() > this.deadline!) this.exceed(budgetExceeded('time', this.limits.timeMs));
    return !this.signal.aborted;
  }

  async read<R>(work: () => Promise<R[]>): Promise<R[]> {
    if (!this.inTime()) return UNRESOLVED;
    const rows = await work();
    this.rows += rows.length;
    if (this.rows > this.limits.rows) this.exceed(budgetExceeded('rows', this.limits.rows));
    return this.inTime() ? rows : UNRESOLVED;
  }

  wait<T>(value: Promise<T>): Promise<T> {
    if (!this.inTime()) return UNRESOLVED;
    // once the budget is spent the promise is left unsettled: the executor answers with the budget's error
    return new Promise<T>((resolve, reject) => {
      value.then(
        (v) => {
          if (!this.signal.aborted) resolve(v);
        },
        (error: unknown) => {
          if (!this.signal.aborted) reject(error);
        },
      );
    });
  }

  /**
   * Called as each field resolves: answers already loaded resolve without reading, in one long
   * run of promise jobs during which no timer fires, so the clock is looked at here too. False
   * once the budget is spent.
   */
  field(): boolean {
    if (++this.fields % FIELDS_PER_CHECK === 0 || this.deadline === undefined) return this.inTime();
    return !this.signal.aborted;
  }

  /** Adds an operation's cost; false when the request's operations together cost too much (a batch is one request). */
  addCost(cost: number): boolean {
    this.cost += cost;
    if (this.cost > this.limits.cost) this.exceed(budgetExceeded('cost', this.limits.cost));
    return !this.signal.aborted;
  }

  /** Settles, with the error the request is answered with, once the budget is spent. */
  readonly spent: Promise<GraphQLError> = new Promise((resolve) => {
    this.controller.signal.addEventListener('abort', () => resolve(this.controller.signal.reason as GraphQLError), { once: true });
  });

  /** Why the budget is spent: the error the request is answered with. */
  get reason(): GraphQLError | undefined {
    return this.signal.aborted ? (this.signal.reason as GraphQLError) : undefined;
  }

  /** The request is answered: nothing more will be spent. */
  end(): void {
    clearTimeout(this.timer);
  }

  private start(): void {
    if (this.deadline !== undefined) return;
    this.deadline = performance.now() + this.limits.timeMs;
    // the timer aborts a request that is resolving without reading (the executor races the signal)
    this.timer = setTimeout(() => this.exceed(budgetExceeded('time', this.limits.timeMs)), this.limits.timeMs);
    this.timer.unref();
  }

  private exceed(error: GraphQLError): void {
    if (!this.signal.aborted) this.controller.abort(error);
  }
}
