import type { RouteContext } from '../qdrant-test-server.ts';
import { TestCollection } from './collection.ts';
import { QdrantHttpError, unsupported } from './errors.ts';

type Json = Record<string, unknown>;
type Handler = (context: RouteContext) => unknown;

let operationId = 0;

const collectionOf = ({ name, collections }: RouteContext): TestCollection => {
  const collection = collections.get(name);
  if (!collection) throw new QdrantHttpError(404, `Not found: Collection \`${name}\` doesn't exist!`);
  return collection;
};

/** The UpdateResult of a write (applied synchronously, so `wait` only changes the status word). */
function updated(query: Record<string, string>) {
  operationId += 1;
  return { operation_id: operationId, status: query.wait === 'true' ? 'completed' : 'acknowledged' };
}

/** Payload selection: true/absent → all, false → none, list → those keys. */
function selectPayload(payload: Json, selector: unknown): Json | null {
  if (selector === false) return null;
  if (Array.isArray(selector))
    return Object.fromEntries(Object.entries(payload).filter(([key]) => selector.includes(key)));
  if (selector === true || selector === undefined || selector === null) return payload;
  throw unsupported('payload selectors other than true/false/list');
}

const refuseWithVector = (body: Json): void => {
  if (body.with_vector !== undefined && body.with_vector !== false && body.with_vector !== null) {
    throw unsupported('with_vector');
  }
};

function collectionInfo(collection: TestCollection): Json {
  const payloadSchema = Object.fromEntries(
    [...collection.payloadIndexes].map(([field, schema]) => [
      field,
      {
        data_type: typeof schema === 'string' ? schema : String((schema as Json).type),
        points: collection.points.size,
      },
    ]),
  );
  return {
    status: 'green',
    optimizer_status: 'ok',
    segments_count: 1,
    points_count: collection.points.size,
    indexed_vectors_count: 0,
    config: {
      params: {
        vectors: collection.config.vectors ?? {},
        ...(collection.config.sparse_vectors ? { sparse_vectors: collection.config.sparse_vectors } : {}),
        shard_number: 1,
        replication_factor: 1,
        write_consistency_factor: 1,
        on_disk_payload: true,
      },
      hnsw_config: { m: 16, ef_construct: 100, full_scan_threshold: 10_000 },
      optimizer_config: { default_segment_number: 0, flush_interval_sec: 5 },
    },
    payload_schema: payloadSchema,
  };
}

/** Handlers by OpenAPI operation id; the body has already passed the spec's request schema. */
export const routes: Record<string, Handler> = {
  root: () => ({ title: 'qdrant - vector search engine', version: '1.19.0' }),
  collection_exists: ({ name, collections }) => ({ exists: collections.has(name) }),
  get_collection: (context) => collectionInfo(collectionOf(context)),
  create_collection: ({ name, body, collections }) => {
    if (collections.has(name))
      throw new QdrantHttpError(409, `Wrong input: Collection \`${name}\` already exists!`);
    collections.set(name, new TestCollection(body));
    return true;
  },
  delete_collection: ({ name, collections }) => collections.delete(name),
  create_field_index: (context) => {
    collectionOf(context).payloadIndexes.set(String(context.body.field_name), context.body.field_schema);
    return updated(context.query);
  },
  upsert_points: (context) => {
    if (!Array.isArray(context.body.points)) throw unsupported('batch upserts');
    if (context.body.update_filter || context.body.update_mode) throw unsupported('conditional upserts');
    collectionOf(context).upsert(context.body.points as Json[]);
    return updated(context.query);
  },
  delete_points: (context) => {
    collectionOf(context).delete(context.body);
    return updated(context.query);
  },
  get_points: (context) => {
    refuseWithVector(context.body);
    return collectionOf(context)
      .retrieve(context.body.ids as Array<string | number>)
      .map((point) => ({ id: point.id, payload: selectPayload(point.payload, context.body.with_payload) }));
  },
  scroll_points: (context) => {
    refuseWithVector(context.body);
    if (context.body.order_by) throw unsupported('order_by');
    const { body } = context;
    const page = collectionOf(context).scroll(
      body.filter as Json,
      (body.limit as number | undefined) ?? 10,
      body.offset as string | number | null,
    );
    return {
      points: page.points.map((point) => ({
        id: point.id,
        payload: selectPayload(point.payload, body.with_payload),
      })),
      next_page_offset: page.next,
    };
  },
  count_points: (context) => ({ count: collectionOf(context).select(context.body.filter as Json).length }),
  query_points: (context) => {
    refuseWithVector(context.body);
    if (context.body.lookup_from) throw unsupported('lookup_from');
    const points = collectionOf(context).query(context.body);
    return {
      points: points.map(({ point, score }) => ({
        id: point.id,
        version: 0,
        score,
        // Query API default: no payload unless asked for.
        payload: selectPayload(point.payload, context.body.with_payload ?? false),
      })),
    };
  },
};
