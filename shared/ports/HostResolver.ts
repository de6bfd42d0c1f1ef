// Port: whether a host name resolves (a runbook http step's host that no longer exists fails the step).
export type HostResolution = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export interface HostResolver {
  /** Never rejects for what DNS answers. */
  resolve(host: string): Promise<HostResolution>;
}
