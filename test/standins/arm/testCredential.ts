// A TokenCredential for tests: a fixed bearer token the ARM stand-in checks, so a request without the SDK's
// bearer policy fails there as it would in Azure.
import type { AccessToken, TokenCredential } from '@azure/core-auth';

export const TEST_ARM_TOKEN = 'test-arm-token';

export class TestCredential implements TokenCredential {
  readonly scopesAsked: string[] = [];

  getToken(scopes: string | string[]): Promise<AccessToken> {
    this.scopesAsked.push(...(Array.isArray(scopes) ? scopes : [scopes]));
    return Promise.resolve({ token: TEST_ARM_TOKEN, expiresOnTimestamp: Date.now() + 3_600_000 });
  }
}
