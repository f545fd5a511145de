import { PollContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
	WorkflowExecuteMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { newCredentialsHelper, nodeTypes } from './engine';

/** The trigger node of a one-node test workflow, its credentials referenced by type. */
export function triggerNode(
	type: string,
	parameters: INode['parameters'],
	credentials: Record<string, ICredentialDataDecryptedObject>,
	extra: Partial<INode> = {},
): INode {
	return {
		id: 'trigger',
		name: 'Trigger',
		type,
		typeVersion: 1,
		position: [0, 0],
		parameters,
		credentials: Object.fromEntries(
			Object.keys(credentials).map((credType) => [credType, { id: credType, name: credType }]),
		),
		...extra,
	};
}

/**
 * Runs a poll trigger through n8n-core's real PollContext, persisting static data the way the
 * legacy poller does: changes live in the running workflow object, but only what was there when
 * the poll emitted survives a restart (n8n saves static data inside __emit).
 */
export class PollHarness {
	/** What n8n's database holds: the static data saved at the last emit. */
	persisted: IDataObject = {};
	private workflow!: Workflow;
	private node: INode;
	readonly helper: TestCredentialsHelper;
	polls = 0;

	constructor(
		type: string,
		parameters: INode['parameters'],
		credentials: Record<string, ICredentialDataDecryptedObject>,
	) {
		this.helper = newCredentialsHelper(credentials);
		this.node = triggerNode(type, parameters, credentials);
		this.restart();
	}

	/** A new n8n process: the workflow is loaded again with the persisted static data. */
	restart(): void {
		this.workflow = new Workflow({
			id: 'poll-workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(this.persisted)),
		});
	}

	/** Static data as the running workflow holds it now. */
	get staticData(): IDataObject {
		return this.workflow.staticData as IDataObject;
	}

	/** One poll. Returns the emitted items (empty when the poll returned null). Throws what poll() throws. */
	async poll(
		mode: WorkflowExecuteMode = 'trigger',
		activation: WorkflowActivateMode = 'activate',
	): Promise<INodeExecutionData[]> {
		const additionalData = {
			credentialsHelper: this.helper,
			variables: {},
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			webhookBaseUrl: 'http://localhost:5678/webhook',
			currentNodeExecutionIndex: 0,
		} as unknown as IWorkflowExecuteAdditionalData;
		const context = new PollContext(this.workflow, this.node, additionalData, mode, activation);
		const type = nodeTypes.getByNameAndVersion(this.node.type);
		this.polls++;
		const result = await type.poll!.call(context);
		const items = result?.[0] ?? [];
		if (items.length > 0 && mode !== 'manual')
			this.persisted = JSON.parse(JSON.stringify(this.workflow.staticData));
		return items;
	}
}
