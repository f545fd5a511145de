/**
 * A list in a Nomad Media answer: a bare array (as the OpenAPI document has most lists), else the
 * array under `key`, else under `items` (as the documentation wraps some); empty when none is there.
 */
export function listOf<T>(answer: unknown, key = 'items'): T[] {
	if (Array.isArray(answer)) return answer as T[];
	const record = (answer ?? {}) as Record<string, unknown>;
	for (const candidate of [record[key], record.items])
		if (Array.isArray(candidate)) return candidate as T[];
	return [];
}
