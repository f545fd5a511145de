import type { IBinaryData, IDataObject, INodeExecutionData } from 'n8n-workflow';

/** What an operation returns for one input item: its output items (the router pairs them). */
export type OperationItems = INodeExecutionData[];

/** One output item per object. */
export function jsonItems(data: IDataObject | IDataObject[]): OperationItems {
	return (Array.isArray(data) ? data : [data]).map((json) => ({ json }));
}

/** One output item with a file in the named binary field. */
export function binaryItem(
	json: IDataObject,
	property: string,
	binary: IBinaryData,
): OperationItems {
	return [{ json, binary: { [property]: binary } }];
}
