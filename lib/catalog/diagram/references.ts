/**
 * The logical ids a CloudFormation value refers to: `Ref`, `Fn::GetAtt` (both spellings) and the `${Name}` /
 * `${Name.Attribute}` variables of `Fn::Sub`, in the order they appear, each once. Pseudo parameters
 * (`AWS::Region`) are not resources and are left out.
 */
export function referencesIn(value: unknown): string[] {
  const found: string[] = [];
  collect(value, found);
  return [...new Set(found)];
}

function collect(value: unknown, found: string[]): void {
  if (Array.isArray(value)) {
    for (const v of value) collect(v, found);
    return;
  }
  if (value === null || typeof value !== 'object') return;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    if (key === 'Ref' && typeof v === 'string') addName(v, found);
    else if (key === 'Fn::GetAtt') addName(Array.isArray(v) ? String(v[0]) : String(v).split('.')[0], found);
    else if (key === 'Fn::Sub') {
      const text = Array.isArray(v) ? v[0] : v;
      if (typeof text === 'string') for (const m of text.matchAll(/\$\{([^!}][^}]*)\}/g)) addName(m[1].split('.')[0], found);
      if (Array.isArray(v)) collect(v[1], found);
    } else collect(v, found);
  }
}

function addName(name: string, found: string[]): void {
  if (!name.startsWith('AWS::')) found.push(name);
}
