// One catalog file as read from disk: its path relative to the catalog directory and its text.

export interface CatalogFile {
  /** Relative to the catalog directory, with "/" separators, e.g. `workloads/orders-api.yaml`. */
  readonly path: string;
  readonly text: string;
}
