/** Validates reports against the published docs/report.schema.json with Ajv (JSON Schema 2020-12). */
import { Ajv2020 } from 'ajv/dist/2020.js';
import schema from '../../docs/report.schema.json' with { type: 'json' };

const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addFormat(
  'date-time',
  (value: string) => /^\d{4}-\d\d-\d\dT/.test(value) && !Number.isNaN(Date.parse(value)),
);
const validate = ajv.compile(schema);

/** The schema's complaints about `value`; empty when it is a valid report. */
export function reportSchemaErrors(value: unknown): string[] {
  if (validate(value)) return [];
  return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
