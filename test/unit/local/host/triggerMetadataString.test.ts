// Trigger metadata strings convert, through the programming model's own rule, to what the host's would.
import type { RpcTypedData } from '../../../../local/functionsCore/functionsCoreModule';
import { triggerMetadataString } from '../../../../local/host/triggerMetadataString';

/** The programming model's own rule (@azure/functions fromRpcTypedData): `string` through tryJsonParse. */
function asTheProgrammingModelReadsIt(data: RpcTypedData): unknown {
  if (typeof data.json === 'string') return JSON.parse(data.json) as unknown;
  try {
    return JSON.parse(data.string ?? '') as unknown;
  } catch {
    return data.string;
  }
}

describe('triggerMetadataString', () => {
  it.each([
    'c8835702f3a54a0d9e8f1b2c3d4e5f60',
    '2026-11-22T03:00:00.000Z',
    'application/json',
    '2f1e0bd2-6c55-4b1c-9e57-2f7b3a0c9d11',
    'alert.fired',
    '',
    '42',
    '-1.5e3',
    '0012',
    '1e',
    'true',
    'false ',
    'null',
    'nullable',
    ' 7',
    '{"a":1}',
    '[1,2]',
    '"quoted"',
    '{broken',
  ])('converts %j exactly as a plain string would be', (value) => {
    expect(asTheProgrammingModelReadsIt(triggerMetadataString(value))).toEqual(
      asTheProgrammingModelReadsIt({ string: value }),
    );
  });

  it('leaves anything that may be JSON to the library, as the host does', () => {
    expect(triggerMetadataString('42')).toEqual({ string: '42' });
    expect(triggerMetadataString('{"a":1}')).toEqual({ string: '{"a":1}' });
    expect(triggerMetadataString('alert.fired')).toEqual({ json: '"alert.fired"' });
  });
});
