// Conversions between plain values and the worker protocol's RpcTypedData.
import type { RpcTypedData } from '../functionsCore/functionsCoreModule';

export function toTypedData(value: unknown): RpcTypedData {
  if (typeof value === 'string') {
    return { string: value };
  }
  return { json: JSON.stringify(value === undefined ? null : value) };
}

export function fromTypedData(data: RpcTypedData | null | undefined): unknown {
  if (!data) {
    return undefined;
  }
  if (typeof data.json === 'string') {
    return JSON.parse(data.json) as unknown;
  }
  if (typeof data.string === 'string') {
    return data.string;
  }
  if (typeof data.int === 'number') {
    return data.int;
  }
  if (typeof data.double === 'number') {
    return data.double;
  }
  if (data.bytes) {
    return Buffer.from(data.bytes).toString('utf8');
  }
  return undefined;
}
