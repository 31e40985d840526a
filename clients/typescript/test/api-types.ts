// Compiled, never run (`npm run check:api`): the client's hand-written
// parameter types name only fields of the API's one document. Each line
// fails to compile, naming the stray field, when a method's filter or body
// has a field that api/openapi.yaml (through src/schema.d.ts) does not:
// a rename in the API that the client misses fails here.
import type { Client, List } from "../src/index.js";
import type { components, operations } from "../src/schema.js";

// The named fields of T, without index signatures ([k: string]: unknown).
type Known<T> = keyof { [K in keyof T as string extends K ? never : number extends K ? never : K]: T[K] };
type Query<O extends keyof operations> = NonNullable<operations[O]["parameters"]["query"]>;
type Body<O extends keyof operations> = operations[O] extends { requestBody?: { content: { "application/json": infer B } } } ? NonNullable<B> : never;
type Arg<M extends keyof Client, I extends number> = Client[M] extends (...args: infer A) => unknown ? NonNullable<A[I]> : never;
// Stray<A, B>: A's named fields that B does not have; must be none.
type Stray<A, B> = Exclude<Known<A>, keyof B>;
type None<T extends never> = T;

export type Checks = [
  None<Stray<Arg<"listTenants", 0>, Query<"listTenants">>>,
  None<Stray<Arg<"createEndpoint", 1>, Body<"createEndpoint">>>,
  None<Stray<Arg<"listEndpoints", 1>, Query<"listEndpoints">>>,
  None<Stray<Arg<"createEvent", 1>, Body<"createEvent">>>,
  None<Stray<Arg<"createEvents", 1>[number], components["schemas"]["EventInput"]>>,
  None<Stray<Arg<"createJob", 1>, Body<"createJob">>>,
  None<Stray<Arg<"updateJob", 2>, Body<"updateJob">>>,
  None<Stray<Arg<"listDeliveries", 1>, Query<"listDeliveries">>>,
  None<Stray<Arg<"createPortalSession", 1>, Body<"createPortalSession">>>,
  None<Stray<List<unknown>, components["schemas"]["Page"] & { data: unknown }>>,
];
