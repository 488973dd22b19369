import { unsupported } from './errors.ts';

type Json = Record<string, unknown>;
type Condition = Json;

/** Payload value at a dotted key (`a.b`); arrays are flattened as Qdrant does. */
function valuesAt(payload: Json, key: string): unknown[] {
  let current: unknown[] = [payload];
  for (const part of key.split('.')) {
    const next: unknown[] = [];
    for (const value of current) {
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        const child = (value as Json)[part];
        if (Array.isArray(child)) next.push(...child);
        else if (child !== undefined) next.push(child);
      }
    }
    current = next;
  }
  return current;
}

const asList = (value: unknown): Condition[] =>
  value === undefined || value === null
    ? []
    : Array.isArray(value)
      ? (value as Condition[])
      : [value as Condition];

function matches(match: Json, values: unknown[]): boolean {
  if ('value' in match) return values.some((value) => value === match.value);
  if ('any' in match) return values.some((value) => (match.any as unknown[]).includes(value));
  if ('except' in match)
    return values.length > 0 && values.every((value) => !(match.except as unknown[]).includes(value));
  throw unsupported(`match ${Object.keys(match).join(', ')}`);
}

function inRange(range: Json, values: unknown[]): boolean {
  const bound = (name: string) => (typeof range[name] === 'number' ? (range[name] as number) : undefined);
  const [gt, gte, lt, lte] = [bound('gt'), bound('gte'), bound('lt'), bound('lte')];
  return values.some(
    (value) =>
      typeof value === 'number' &&
      (gt === undefined || value > gt) &&
      (gte === undefined || value >= gte) &&
      (lt === undefined || value < lt) &&
      (lte === undefined || value <= lte),
  );
}

/** Whether one condition (field condition, has_id, is_empty, is_null or nested filter) holds. */
function holds(condition: Condition, id: string | number, payload: Json): boolean {
  if ('has_id' in condition)
    return (condition.has_id as Array<string | number>).some((wanted) => String(wanted) === String(id));
  if ('is_empty' in condition)
    return valuesAt(payload, String((condition.is_empty as Json).key)).length === 0;
  if ('is_null' in condition)
    return valuesAt(payload, String((condition.is_null as Json).key)).some((v) => v === null);
  if ('must' in condition || 'should' in condition || 'must_not' in condition) {
    return matchesFilter(condition, id, payload);
  }
  if (typeof condition.key !== 'string') throw unsupported(`condition ${Object.keys(condition).join(', ')}`);
  const values = valuesAt(payload, condition.key);
  if (condition.match) return matches(condition.match as Json, values);
  if (condition.range) return inRange(condition.range as Json, values);
  throw unsupported(`field condition ${Object.keys(condition).join(', ')}`);
}

/** Qdrant filter semantics: all `must`, at least one `should` (when any), no `must_not`. */
export function matchesFilter(filter: Json | null | undefined, id: string | number, payload: Json): boolean {
  if (!filter) return true;
  if (filter.min_should) throw unsupported('min_should');
  const should = asList(filter.should);
  return (
    asList(filter.must).every((c) => holds(c, id, payload)) &&
    (should.length === 0 || should.some((c) => holds(c, id, payload))) &&
    !asList(filter.must_not).some((c) => holds(c, id, payload))
  );
}
