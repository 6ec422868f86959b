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
