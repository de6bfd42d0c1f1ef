// What the start banner says a route expects. Most routes are `anonymous` at the host because the app checks
// its own credentials (operator keys, the intake key, signed links); saying "anonymous" would mislead.
export function routeAuthLabel(route: string, methods: readonly string[], authLevel: string): string {
  if (authLevel !== 'anonymous') return `${authLevel} key`;
  if (route === 'health' || route === 'console/sign-in' || route.startsWith('console/assets/'))
    return 'anonymous';
  if (route === 'alerts' && methods.includes('POST')) return 'intake key';
  if (route.startsWith('approvals/')) return 'signed link';
  if (route === 'console' || route.startsWith('console/')) return 'console sign-in';
  return 'operator key';
}
