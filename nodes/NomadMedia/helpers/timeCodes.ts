import type { IExecuteFunctions } from 'n8n-workflow';
import { NodeOperationError } from 'n8n-workflow';

/**
 * A time code as Nomad Media's SDKs and UI write them: hh:mm:ss, optionally with frames
 * (`;ff` drop-frame or `:ff`) or milliseconds (`.mmm`).
 */
export const TIME_CODE = /^\d{2}:[0-5]\d:[0-5]\d([:;]\d{2}|\.\d{1,3})?$/;

export const TIME_CODE_HINT = 'hh:mm:ss with optional frames, e.g. 00:01:30;12 or 00:01:30';

/**
 * A time code parameter value (or entry of one), checked before it is sent: undefined when empty,
 * a NodeOperationError naming `label` when it is not a time code.
 */
export function readTimeCode(
	this: Pick<IExecuteFunctions, 'getNode'>,
	value: unknown,
	label: string,
	i: number,
): string | undefined {
	if (value === undefined || value === null || String(value).trim() === '') return undefined;
	const text = String(value).trim();
	if (!TIME_CODE.test(text)) {
		throw new NodeOperationError(
			this.getNode(),
			`"${label}" must be a time code (${TIME_CODE_HINT}), got "${text}"`,
			{ itemIndex: i },
		);
	}
	return text;
}

/** A time code parameter of the UI, for the operations that set one. */
export function timeCodeProperty(spec: {
	displayName: string;
	name: string;
	description: string;
	required?: boolean;
}) {
	return {
		displayName: spec.displayName,
		name: spec.name,
		type: 'string' as const,
		default: '',
		placeholder: '00:01:30;12',
		description: `${spec.description} (${TIME_CODE_HINT})`,
		...(spec.required ? { required: true } : {}),
	};
}
