import type { IDataObject, IExecuteFunctions, INodeExecutionData } from 'n8n-workflow';
import { NodeApiError, NodeOperationError } from 'n8n-workflow';

import { redactUrls } from './errors';

/** What an operation returns for one input item. */
export type OperationResult =
	IDataObject | IDataObject[] | INodeExecutionData | INodeExecutionData[] | undefined;

export type Operation = (this: IExecuteFunctions, itemIndex: number) => Promise<OperationResult>;

/** resource -> operation -> implementation */
export type OperationRegistry = Record<string, Record<string, Operation>>;

function isExecutionData(value: unknown): value is INodeExecutionData {
	return (
		!!value &&
		typeof value === 'object' &&
		'json' in value &&
		typeof (value as INodeExecutionData).json === 'object' &&
		Object.keys(value).every((key) => ['json', 'binary', 'pairedItem', 'error'].includes(key))
	);
}

function toExecutionData(
	this: IExecuteFunctions,
	result: OperationResult,
	itemIndex: number,
): INodeExecutionData[] {
	if (result === undefined) return [];
	const list = Array.isArray(result) ? result : [result];
	return list.map((entry) =>
		isExecutionData(entry)
			? { ...entry, pairedItem: { item: itemIndex } }
			: { json: entry as IDataObject, pairedItem: { item: itemIndex } },
	);
}

/** The JSON of a continueOnFail error item: the message and what helps, never secrets. */
export function errorItemJson(error: unknown): IDataObject {
	const e = error as { message?: string; description?: string | null; httpCode?: string | null };
	const json: IDataObject = { error: redactUrls(e.message ?? String(error)) };
	if (e.description) json.description = redactUrls(e.description);
	if (e.httpCode) json.httpCode = e.httpCode;
	return json;
}

function withItemIndex(this: IExecuteFunctions, error: unknown, itemIndex: number): Error {
	if (error instanceof NodeApiError || error instanceof NodeOperationError) {
		if (error.context.itemIndex === undefined) error.context.itemIndex = itemIndex;
		return error;
	}
	return new NodeOperationError(this.getNode(), error as Error, { itemIndex });
}

/**
 * Runs `operation` once per input item: each output item is paired with its input item,
 * a failure becomes an error item under Continue On Fail, otherwise it stops the node with
 * the item index attached.
 */
export async function runForEachItem(
	this: IExecuteFunctions,
	operation: Operation,
): Promise<INodeExecutionData[][]> {
	const items = this.getInputData();
	const returnData: INodeExecutionData[] = [];
	for (let itemIndex = 0; itemIndex < items.length; itemIndex++) {
		try {
			const result = await operation.call(this, itemIndex);
			returnData.push(...toExecutionData.call(this, result, itemIndex));
		} catch (error) {
			if (this.continueOnFail()) {
				returnData.push({ json: errorItemJson(error), pairedItem: { item: itemIndex } });
				continue;
			}
			throw withItemIndex.call(this, error, itemIndex);
		}
	}
	return [returnData];
}

/** Dispatches to registry[resource][operation] for every item. */
export async function routeOperations(
	this: IExecuteFunctions,
	registry: OperationRegistry,
): Promise<INodeExecutionData[][]> {
	const resource = this.getNodeParameter('resource', 0) as string;
	const operation = this.getNodeParameter('operation', 0) as string;
	const implementation = registry[resource]?.[operation];
	if (!implementation) {
		throw new NodeOperationError(
			this.getNode(),
			`The operation "${operation}" is not supported for "${resource}"`,
		);
	}
	return await runForEachItem.call(this, implementation);
}
