/**
 * What a query costs before it runs, by its real fan-out: each object it returns costs 1, and a
 * list multiplies what is under it by how long it can be — its `limit` argument (for a page, the
 * `limit` of the field that gives the page sets the length of its `items`), or the size
 * declared here for lists without one (the IBM GraphQL cost spec's `@listSize`, kept beside the
 * schema rather than in it). `costRule` refuses a document over the limit during validation.
 */
import {
  Kind,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLError,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLOutputType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
  type ValidationRule,
  type ValueNode,
  type VariableDefinitionNode,
} from 'graphql';
import { createGraphQLError } from 'graphql-yoga';

/** The largest `limit` a list accepts (api/resolvers/arguments.ts refuses more). */
export const MAX_PAGE = 100;

/**
 * How long each list without a `limit` is taken to be, by schema coordinate: about the longest
 * the corpus holds, rounded up. Lists grow with the corpus; the request budget
 * (api/request-budget.ts) is what holds a query whose lists grew past these.
 */
export const LIST_SIZES: Record<string, number> = {
  'Query.themes': 16,
  'Document.agreements': 10,
  // one per page: agreements run to a few dozen pages
  'Document.pageReads': 40,
  'Agreement.documents': 2,
  'Agreement.mainParties': 10,
  'Agreement.specialRoles': 10,
  'Agreement.signatories': 10,
  'Agreement.focusAreas': 5,
  'Agreement.subGoals': 15,
  'Agreement.planAnchors': 10,
  'Pilot.municipalities': 10,
  'Pilot.agreements': 3,
  'FocusArea.subGoals': 5,
  'SubGoal.partners': 10,
  'SubGoal.mayInvite': 10,
  'SubGoal.measures': 10,
  'Obligation.parties': 3,
  'PilotInvolvement.agreements': 3,
  'PilotInvolvement.subGoals': 5,
  'PilotInvolvement.evidence': 10,
  'AgreementComparison.sharedParties': 10,
  'AgreementComparison.sharedMunicipalities': 10,
  'AgreementComparison.sharedPlanAnchors': 5,
  'AgreementComparison.crossReferences': 5,
  'PartyNetwork.nodes': 100,
  'PartyNetwork.edges': 500,
  'IngestReport.agreements': 10,
  'SubGoal.themeReasons': 5,
  'SubGoal.groups': 5,
  'Measure.themeReasons': 5,
  'SharedTheme.evidenceA': 5,
  'SharedTheme.evidenceB': 5,
  'AgreementComparison.parties': 10,
  'AgreementComparison.municipalities': 10,
  'AgreementComparison.themes': 16,
  // as long as the parent's hitsPerGroup says (SLICED_BY); this when it is not given
  'SearchGroup.hits': 5,
};

/** Lists whose length an argument of the field above them sets (IBM's `slicingArguments` on the parent). */
export const SLICED_BY: Record<string, { parent: string; argument: string }> = {
  'SearchGroup.hits': { parent: 'Query.searchByAgreement', argument: 'hitsPerGroup' },
};

/**
 * Arguments whose handling costs more than the objects they return, by coordinate: a party name
 * is matched against every known name by edit distance (about 0.2 s for a 200-character name), a
 * search text is scored against every sub-goal, measure and obligation.
 */
export const ARGUMENT_COSTS: Record<string, number> = {
  'Query.pilotsInvolving.party': 2_000,
  'Query.party.name': 2_000,
  'Query.parties.name': 2_000,
  'Query.subGoals.party': 2_000,
  'Query.obligations.party': 2_000,
  'Query.search.text': 500,
  'Query.similarMeasures.text': 500,
  'Query.searchByAgreement.text': 500,
  'Query.compareAgreements.a': 100,
};

export interface CostOptions {
  /** Values of the operation's variables; without them a variable counts as its default, or as the largest value allowed. */
  variables?: Record<string, unknown>;
}

/** The cost of each operation of a document, by operation name ('' for an anonymous one). */
export function documentCosts(schema: GraphQLSchema, document: DocumentNode, options: CostOptions = {}): Map<string, number> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  const costs = new Map<string, number>();
  for (const d of document.definitions) {
    if (d.kind !== Kind.OPERATION_DEFINITION) continue;
    costs.set(d.name?.value ?? '', operationCost(schema, d, fragments, options.variables));
  }
  return costs;
}

/** The cost of the operation that would run (by name, or the only one). */
export function queryCost(schema: GraphQLSchema, document: DocumentNode, operationName?: string | null, options: CostOptions = {}): number {
  const costs = documentCosts(schema, document, options);
  if (operationName) return costs.get(operationName) ?? 0;
  return Math.max(0, ...costs.values());
}

/** Refuses, during validation, an operation that costs more than `maxCost`. */
export function costRule(maxCost: number): ValidationRule {
  return function QueryCostRule(context) {
    return {
      Document: {
        leave(document) {
          for (const [name, cost] of documentCosts(context.getSchema(), document)) {
            if (cost > maxCost) context.reportError(costError(cost, maxCost, name));
          }
        },
      },
    };
  };
}

/** The error for an operation over the limit; its message says "cost", as graphql-armor's did. */
export function costError(cost: number, maxCost: number, operation = ''): GraphQLError {
  const which = operation ? `operation ${operation}` : 'the query';
  return createGraphQLError(`Query cost ${cost} of ${which} exceeds the limit of ${maxCost}: ask for smaller pages (limit) or fewer nested lists`, {
    extensions: { code: 'QUERY_TOO_COSTLY', cost, maxCost },
  });
}

function operationCost(schema: GraphQLSchema, operation: OperationDefinitionNode, fragments: Map<string, FragmentDefinitionNode>, variables?: Record<string, unknown>): number {
  const root = operation.operation === 'mutation' ? schema.getMutationType() : operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  if (!root) return 0;
  const definitions = new Map((operation.variableDefinitions ?? []).map((v) => [v.variable.name.value, v]));
  const intArgument = (node: ValueNode | undefined): number | undefined => {
    if (!node) return undefined;
    if (node.kind === Kind.INT) return Number(node.value);
    if (node.kind !== Kind.VARIABLE) return undefined;
    const given = variables?.[node.name.value];
    if (typeof given === 'number') return given;
    return defaultOf(definitions.get(node.name.value));
  };

  /** Sizes that fields above set for lists below them (SLICED_BY), by coordinate. */
  type Sliced = Record<string, number>;

  const selectionCost = (set: SelectionSetNode | undefined, type: GraphQLCompositeType, seen: Set<string>, sliced: Sliced): number => {
    if (!set) return 0;
    let total = 0;
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) total += fieldCost(selection, type, seen, sliced);
      else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : type;
        total += selectionCost(selection.selectionSet, on && isCompositeType(on) ? on : type, seen, sliced);
      } else {
        const fragment = fragments.get(selection.name.value);
        // a fragment that spreads itself is refused by NoFragmentCycles; here it only must not loop
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value);
        total += selectionCost(fragment.selectionSet, on && isCompositeType(on) ? on : type, new Set([...seen, fragment.name.value]), sliced);
      }
    }
    return total;
  };

  const fieldCost = (node: FieldNode, parent: GraphQLCompositeType, seen: Set<string>, sliced: Sliced): number => {
    const name = node.name.value;
    // introspection is bounded by the depth limit, and GraphiQL's own query must pass
    if (name.startsWith('__') || !('getFields' in parent)) return 0;
    const field = parent.getFields()[name] as GraphQLField<unknown, unknown> | undefined;
    if (!field) return 0;
    const coordinate = `${parent.name}.${name}`;
    const argumentCost = (node.arguments ?? []).reduce((sum, a) => sum + (ARGUMENT_COSTS[`${coordinate}.${a.name.value}`] ?? 0), 0);
    const named = namedType(field.type);
    if (!isCompositeType(named)) return argumentCost;
    const below = { ...sliced };
    for (const [list, by] of Object.entries(SLICED_BY)) {
      if (by.parent !== coordinate) continue;
      const argument = node.arguments?.find((a) => a.name.value === by.argument)?.value;
      const declared = field.args.find((a) => a.name === by.argument)?.defaultValue;
      below[list] = Math.min(MAX_PAGE, argument ? (intArgument(argument) ?? MAX_PAGE) : typeof declared === 'number' ? declared : MAX_PAGE);
    }
    // a page (`XPage { totalCount pageInfo items }`) is one object whose items are as many as its limit
    if (!isList(field.type) && hasLimit(field) && 'getFields' in named && 'items' in named.getFields()) below[`${named.name}.items`] = pageSize(field, node, intArgument);
    const size = sliced[coordinate] ?? listSize(field, coordinate, node, intArgument);
    return argumentCost + size * (1 + selectionCost(node.selectionSet, named, seen, below));
  };

  return selectionCost(operation.selectionSet, root, new Set(), {});
}

/** How many items a field returns at most: 1 for a single object, else its limit or declared size. */
function listSize(field: GraphQLField<unknown, unknown>, coordinate: string, node: FieldNode, intArgument: (v: ValueNode | undefined) => number | undefined): number {
  if (!isList(field.type)) return 1;
  if (hasLimit(field)) return pageSize(field, node, intArgument);
  return LIST_SIZES[coordinate] ?? DEFAULT_LIST_SIZE;
}

const hasLimit = (field: GraphQLField<unknown, unknown>) => field.args.some((a) => a.name === 'limit');

/** The `limit` a field is asked with, or its default: at most MAX_PAGE. */
function pageSize(field: GraphQLField<unknown, unknown>, node: FieldNode, intArgument: (v: ValueNode | undefined) => number | undefined): number {
  const limitArg = field.args.find((a) => a.name === 'limit')!;
  const argument = node.arguments?.find((a) => a.name.value === 'limit')?.value;
  // a variable not known yet (validation) counts as the largest page it could ask for
  const asked = argument ? (intArgument(argument) ?? MAX_PAGE) : typeof limitArg.defaultValue === 'number' ? limitArg.defaultValue : MAX_PAGE;
  // a limit out of range is refused by the resolver; here it only must not count as less than it could be
  return Number.isFinite(asked) && asked >= 1 ? Math.min(asked, MAX_PAGE) : MAX_PAGE;
}

/** A list without a limit and not declared in LIST_SIZES (tests/reliability-fanout.test.ts requires every one declared). */
const DEFAULT_LIST_SIZE = 20;

// The schema may come from another copy of graphql (ESM or CommonJS) than this module's, so types
// are told apart by their shape and printed form, not by graphql's instanceof checks.

function isList(type: GraphQLOutputType): boolean {
  return String(type).replace(/!$/, '').startsWith('[');
}

function namedType(type: GraphQLOutputType): GraphQLNamedType {
  let t: unknown = type;
  while (t && typeof t === 'object' && 'ofType' in t && t.ofType) t = t.ofType;
  return t as GraphQLNamedType;
}

function isCompositeType(type: unknown): type is GraphQLCompositeType {
  return !!type && typeof type === 'object' && ('getFields' in type || 'getTypes' in type);
}

function defaultOf(definition: VariableDefinitionNode | undefined): number | undefined {
  const value = definition?.defaultValue;
  return value?.kind === Kind.INT ? Number(value.value) : undefined;
}
