/**
 * The API's types as the server documents them: the answers and request bodies of
 * `openapi.d.ts` (generated from GET /api/v1/openapi.json by `npm run openapi:types`) picked by
 * path and method, and the compile-time checks that tie the hand-written types of this folder to
 * them. The web UI imports nothing from the server's code; these types are its only link, so a
 * route schema that changes without the UI following fails `npm run typecheck:web`.
 *
 * A hand-written type is an alias of the generated one where the schema is as precise; where it is
 * narrower on purpose (a literal union the schema only knows as a string, a tuple the schema knows
 * as an array), it stays, and an `Assert<Answers<Generated, HandWritten>>` next to it checks that
 * every answer the schema allows is one it accepts. A body the UI sends is checked the other way:
 * what the UI sends must be what the route accepts (`Assert<Accepted<HandWritten, Generated>>`).
 * The paths the UI requests are checked too: apiGet and apiSend take only an `ApiPath`, a documented
 * path that has the request's method.
 */
// With the extension: the browser tests (test/browser, NodeNext resolution) reach this file too.
import type { paths } from './openapi.js';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';

/** The JSON content of a response or request body. */
type Json<T> = T extends { readonly content: { readonly 'application/json': infer Body } } ? Body : never;

/** The operation `method` of `path`, present. */
type Operation<Path extends keyof paths, M extends Method> = NonNullable<paths[Path][M]>;

/** The JSON answer of `method path` with status `status` (default: GET, 200). */
export type ApiAnswer<
  Path extends keyof paths,
  M extends Method = 'get',
  Status extends keyof Operation<Path, M>['responses'] = 200 & keyof Operation<Path, M>['responses'],
> = Json<Operation<Path, M>['responses'][Status]>;

/** The JSON body `method path` takes. */
export type ApiBody<Path extends keyof paths, M extends Method> = Json<
  NonNullable<Operation<Path, M>['requestBody']>
>;

/** The prefix every documented path starts with; the client functions add it (client.ts `API`). */
type Prefix = '/api/v1';

/** A documented path template with each `{parameter}` as `${string}`: `/teams/{id}` → `/teams/${string}`. */
type Template<Path extends string> = Path extends `${infer Head}{${string}}${infer Tail}`
  ? `${Head}${string}${Template<Tail>}`
  : Path;

/** The documented paths that have operation `M`. */
type PathsWith<M extends Method> = {
  [Path in keyof paths]: [NonNullable<paths[Path][M]>] extends [never] ? never : Path;
}[keyof paths];

/** `Path` without the `/api/v1` prefix, as a template (distributes over a union of paths). */
type Relative<Path> = Path extends `${Prefix}${infer Rest}` ? Template<Rest> : never;

/**
 * The paths the UI may request with method `M` (default: GET), relative to `/api/v1` as apiGet and
 * apiSend take them: the documented paths that have that operation, parameters matching any text.
 * `/org/teams/${encodeURIComponent(id)}` is an `ApiPath`; `/org/team/${id}` (no such route) and
 * `/org/model` for `'post'` (GET only) are not, so a renamed or removed route fails
 * `npm run typecheck:web` at every call site. The query string is not part of the path (passed as
 * `params`).
 */
export type ApiPath<M extends Method = 'get'> = Relative<PathsWith<M>>;

/** Compiles only when `T` is `true`: `type _check = Assert<Answers<A, B>>`. */
export type Assert<T extends true> = T;

/**
 * True when every value of the generated answer type `Generated` is a value of the hand-written
 * `HandWritten` (the UI can read every answer the schema allows). Not distributive: a union on
 * either side is compared as a whole. False when `Generated` is `never` (an answer that is not
 * JSON, or a status the route no longer documents), which would otherwise fit anything.
 */
export type Answers<Generated, HandWritten> = [Generated] extends [never]
  ? false
  : [Generated] extends [HandWritten]
    ? true
    : false;

/** True when every body of the hand-written `HandWritten` is one the route's schema `Generated` accepts. */
export type Accepted<HandWritten, Generated> = [HandWritten] extends [Generated] ? true : false;
