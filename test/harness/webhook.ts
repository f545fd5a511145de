import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

import { HookContext, WebhookContext } from 'n8n-core';
import type {
	ICredentialDataDecryptedObject,
	IDataObject,
	INode,
	INodeExecutionData,
	IWebhookData,
	IWorkflowExecuteAdditionalData,
	WorkflowActivateMode,
} from 'n8n-workflow';
import { Workflow } from 'n8n-workflow';

import type { TestCredentialsHelper } from './credentials';
import { newCredentialsHelper, nodeTypes } from './engine';
import { triggerNode } from './poll';

/**
 * The HTTP method n8n's webhook service reads from the trigger's webhook description for these
 * parameters, evaluated as it does (an empty one: n8n registers no webhook for the node).
 */
export function webhookMethodOf(type: string, parameters: INode['parameters']): unknown {
	const node = triggerNode(type, parameters, {});
	const workflow = new Workflow({ nodes: [node], connections: {}, active: false, nodeTypes });
	const description = nodeTypes.getByNameAndVersion(type).description.webhooks![0];
	return workflow.expression.getSimpleParameterValue(
		node,
		description.httpMethod,
		'internal',
		{},
		undefined,
		'GET',
	);
}

/** One request n8n's webhook server received for the trigger, and what it answered. */
export interface Delivery {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
	/** What the trigger started the workflow with (undefined: no execution). */
	items?: INodeExecutionData[];
}

/** The parts of an Express response that webhook nodes use. */
class ResponseLike {
	statusCode = 200;
	private readonly headers: Record<string, string> = {};
	sent = false;
	body = '';

	status(code: number) {
		this.statusCode = code;
		return this;
	}

	setHeader(name: string, value: string) {
		this.headers[name.toLowerCase()] = value;
		return this;
	}

	set(name: string, value: string) {
		return this.setHeader(name, value);
	}

	header(name: string, value: string) {
		return this.setHeader(name, value);
	}

	json(value: unknown) {
		this.setHeader('content-type', 'application/json');
		return this.send(JSON.stringify(value));
	}

	send(value?: unknown) {
		this.body =
			value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
		this.sent = true;
		return this;
	}

	end(value?: unknown) {
		return this.send(value);
	}

	flush(res: ServerResponse) {
		res.writeHead(this.statusCode, this.headers);
		res.end(this.body);
	}
}

/**
 * A webhook trigger the way n8n's server runs it: activation calls the node's
 * `webhookMethods.default` checkExists → create through n8n-core's real HookContext, deactivation
 * calls delete, and every request to the node's webhook URL runs `webhook()` through a real
 * WebhookContext (body parsed as JSON, raw body kept, as n8n does). Static data persists across
 * `restart()` as n8n saves it (after activation, deactivation and each webhook call).
 */
export class WebhookHarness {
	readonly deliveries: Delivery[] = [];
	persisted: IDataObject = {};
	readonly helper: TestCredentialsHelper;
	private workflow!: Workflow;
	private readonly node: INode;
	private server?: Server;
	private baseUrl = '';

	constructor(
		type: string,
		parameters: INode['parameters'],
		credentials: Record<string, ICredentialDataDecryptedObject>,
		readonly webhookId = 'dam-trigger-test',
	) {
		this.helper = newCredentialsHelper(credentials);
		this.node = triggerNode(type, parameters, credentials, { webhookId });
		this.restart();
	}

	/** A new n8n process: the workflow is loaded again with the persisted static data. */
	restart(): void {
		this.workflow = new Workflow({
			id: 'webhook-workflow',
			nodes: [this.node],
			connections: {},
			active: true,
			nodeTypes,
			staticData: JSON.parse(JSON.stringify(this.persisted)),
		});
	}

	get staticData(): IDataObject {
		return (this.workflow.staticData['node:Trigger'] ?? {}) as IDataObject;
	}

	/** The URL the trigger registers with the DAM (n8n's production webhook URL). */
	get url(): string {
		return `${this.baseUrl}/${this.webhookId}/webhook`;
	}

	/** Starts the listener that stands in for n8n's webhook server. `host` is what the DAM reaches. */
	async listen(host = '127.0.0.1'): Promise<void> {
		this.server = createServer((req, res) => void this.handle(req, res));
		await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
		this.baseUrl = `http://${host}:${(this.server.address() as AddressInfo).port}/webhook`;
	}

	async close(): Promise<void> {
		await new Promise<void>((resolve) =>
			this.server ? this.server.close(() => resolve()) : resolve(),
		);
	}

	private additionalData(extra: Partial<IWorkflowExecuteAdditionalData> = {}) {
		return {
			credentialsHelper: this.helper,
			variables: {},
			restApiUrl: 'http://localhost:5678/rest',
			instanceBaseUrl: 'http://localhost:5678',
			webhookBaseUrl: this.baseUrl,
			webhookWaitingBaseUrl: this.baseUrl,
			webhookTestBaseUrl: this.baseUrl,
			currentNodeExecutionIndex: 0,
			...extra,
		} as unknown as IWorkflowExecuteAdditionalData;
	}

	private webhookData(method = 'POST'): IWebhookData {
		const type = nodeTypes.getByNameAndVersion(this.node.type);
		const description =
			type.description.webhooks?.find((hook) => String(hook.httpMethod) === method) ??
			type.description.webhooks![0];
		return {
			httpMethod: method as IWebhookData['httpMethod'],
			node: this.node.name,
			path: `${this.webhookId}/webhook`,
			webhookDescription: description,
			workflowId: 'webhook-workflow',
			workflowExecuteAdditionalData: this.additionalData(),
			webhookId: this.webhookId,
		};
	}

	private save(): void {
		this.persisted = JSON.parse(JSON.stringify(this.workflow.staticData)) as IDataObject;
	}

	private async hook(
		method: 'checkExists' | 'create' | 'delete',
		activation: WorkflowActivateMode,
	): Promise<boolean> {
		const type = nodeTypes.getByNameAndVersion(this.node.type);
		const methods = type.webhookMethods?.default;
		if (!methods) throw new Error(`${this.node.type} has no webhookMethods.default`);
		const context = new HookContext(
			this.workflow,
			this.node,
			this.additionalData(),
			'trigger',
			activation,
			this.webhookData(),
		);
		return await methods[method].call(context);
	}

	/** Activation as n8n does it: create only when checkExists says the DAM has no registration. */
	async activate(activation: WorkflowActivateMode = 'activate'): Promise<void> {
		if (!(await this.hook('checkExists', activation))) await this.hook('create', activation);
		this.save();
	}

	async deactivate(): Promise<boolean> {
		const deleted = await this.hook('delete', 'activate');
		this.save();
		return deleted;
	}

	private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const chunks: Buffer[] = [];
		for await (const chunk of req) chunks.push(chunk as Buffer);
		const rawBody = Buffer.concat(chunks);
		let body: unknown = {};
		if (rawBody.length > 0) {
			try {
				body = JSON.parse(rawBody.toString('utf8'));
			} catch {
				body = rawBody.toString('utf8');
			}
		}
		const url = new URL(req.url ?? '/', 'http://localhost');
		const request = {
			method: req.method,
			url: req.url,
			headers: req.headers,
			query: Object.fromEntries(url.searchParams),
			params: {},
			body,
			rawBody,
		};
		const response = new ResponseLike();
		const delivery: Delivery = { status: 200, headers: req.headers, body: rawBody.toString() };
		try {
			const type = nodeTypes.getByNameAndVersion(this.node.type);
			const context = new WebhookContext(
				this.workflow,
				this.node,
				this.additionalData({
					httpRequest: request,
					httpResponse: response,
				} as unknown as Partial<IWorkflowExecuteAdditionalData>),
				'webhook',
				this.webhookData(req.method ?? 'POST'),
				[],
				null,
			);
			const result = await type.webhook!.call(context);
			const items = result.workflowData?.[0];
			if (items) delivery.items = items;
			if (!result.noWebhookResponse && !response.sent) {
				response.status(200).json(result.webhookResponse ?? { message: 'Workflow was started' });
			}
			this.save();
		} catch (error) {
			response.status(500).json({ message: (error as Error).message });
		}
		delivery.status = response.statusCode;
		this.deliveries.push(delivery);
		response.flush(res);
	}

	/** The executions started so far, one entry per delivery that started one. */
	get executions(): INodeExecutionData[][] {
		return this.deliveries.flatMap((delivery) => (delivery.items ? [delivery.items] : []));
	}
}
