// One page of a listing; pass `continuationToken` back to get the next page.

export interface Page<T> {
  readonly items: readonly T[];
  readonly continuationToken?: string;
}
