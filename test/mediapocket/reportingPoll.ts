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

import { newCredentialsHelper, nodeTypes } from '../harness/engine';
import { triggerNode } from '../harness/poll';
import { clone } from '../harness/random';

/** How an n8n line keeps a poll's static data (see n8n-core's PollTriggerExecutor and the CLI's poll functions). */
export type N8nLine = '1.x' | '2.x';

/**
 * A poll trigger through n8n-core's real PollContext, the way n8n's ActiveWorkflowManager builds
 * it: __emit and __emitError are n8n's (here: recorded), static data is saved as each line does.
 * 1.x saves it when a poll emits (__emit); 2.x also commits the cursor of a poll that returned
 * null (__commitCursor). A poll that throws saves nothing on either line, and n8n turns the
 * thrown error into __emitError, as PollTriggerExecutor does.
 */
export class ReportingPollHarness {
	/** What n8n's database holds. */
	persisted: IDataObject = {};
	/** Every error n8n would have recorded as a failed execution (reported or thrown). */
	readonly failedExecutions: Error[] = [];
	/** Errors the node reported itself with __emitError while the poll went on. */
	readonly reported: Error[] = [];
	private workflow!: Workflow;
	private readonly node: INode;
	private readonly helper: ReturnType<typeof newCredentialsHelper>;

	constructor(
		type: string,
		parameters: INode['parameters'],
		credentials: Record<string, ICredentialDataDecryptedObject>,
		readonly line: N8nLine = '1.x',
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
			staticData: clone(this.persisted),
		});
	}

	get staticData(): IDataObject {
		return this.workflow.staticData as IDataObject;
	}

	/** The node's own static data ("node:<name>"). */
	get nodeState(): IDataObject {
		return (this.staticData['node:Trigger'] ?? {}) as IDataObject;
	}

	/** One scheduled poll. Returns the emitted items; a thrown poll gives [] and a failed execution. */
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
		let emitted: INodeExecutionData[] = [];
		const emit = (data: INodeExecutionData[][]) => {
			emitted = data[0] ?? [];
			this.persisted = clone(this.workflow.staticData as IDataObject);
		};
		const emitError = (error: Error) => {
			this.reported.push(error);
			this.failedExecutions.push(error);
		};
		const context = new PollContext(
			this.workflow,
			this.node,
			additionalData,
			mode,
			activation,
			emit,
			emitError,
		);
		const type = nodeTypes.getByNameAndVersion(this.node.type);
		let result: INodeExecutionData[][] | null;
		try {
			result = await type.poll!.call(context);
		} catch (error) {
			this.failedExecutions.push(error as Error);
			return [];
		}
		if (result !== null) context.__emit(result);
		else if (this.line === '2.x') this.persisted = clone(this.workflow.staticData as IDataObject);
		return emitted;
	}
}
