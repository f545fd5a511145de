import type {
	ICredentialDataDecryptedObject,
	ICredentialType,
	ICredentials,
	IHttpRequestHelper,
	IHttpRequestOptions,
	INode,
	INodeCredentialsDetails,
	INodeProperties,
	IRequestOptionsSimplified,
	IWorkflowExecuteAdditionalData,
	Workflow,
} from 'n8n-workflow';
import { ICredentialsHelper } from 'n8n-workflow';

/**
 * Credentials as n8n's CLI handles them, minus the database: stored data per type (defaults
 * applied as the editor saves them), the type's own `authenticate` (expressions resolved against
 * $credentials) and `preAuthentication` run when the expirable field is empty or a request got a
 * 401, with the refreshed token written back to the store.
 */
export class TestCredentialsHelper extends ICredentialsHelper {
	private store = new Map<string, ICredentialDataDecryptedObject>();
	/** How often each type's preAuthentication ran (tests assert token reuse and refresh). */
	preAuthCalls = new Map<string, number>();

	constructor(private types: Map<string, ICredentialType>) {
		super();
	}

	set(typeName: string, data: ICredentialDataDecryptedObject): void {
		const type = this.type(typeName);
		const withDefaults: ICredentialDataDecryptedObject = {};
		for (const property of type.properties) {
			if (property.default !== undefined) withDefaults[property.name] = property.default as never;
		}
		this.store.set(typeName, { ...withDefaults, ...data });
	}

	get(typeName: string): ICredentialDataDecryptedObject | undefined {
		return this.store.get(typeName);
	}

	private type(typeName: string): ICredentialType {
		const type = this.types.get(typeName);
		if (!type) throw new Error(`Unknown credential type ${typeName}`);
		return type;
	}

	getParentTypes(name: string): string[] {
		return this.type(name).extends ?? [];
	}

	isCredentialUsableByNode(): boolean {
		return true;
	}

	async authenticate(
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		requestOptions: IHttpRequestOptions | IRequestOptionsSimplified,
		workflow?: Workflow,
		node?: INode,
	): Promise<IHttpRequestOptions> {
		const type = this.type(typeName);
		const options = requestOptions as IHttpRequestOptions;
		const { authenticate } = type;
		if (typeof authenticate === 'function') return await authenticate(credentials, options);
		if (!authenticate || authenticate.type !== 'generic') return options;
		const resolve = (value: unknown) => {
			if (typeof value !== 'string' || !value.startsWith('=') || !workflow || !node) return value;
			return workflow.expression.getSimpleParameterValue(
				node,
				value,
				'internal',
				{ $credentials: credentials },
				undefined,
				'',
			);
		};
		for (const [outerKey, outerValue] of Object.entries(authenticate.properties)) {
			const target = ((options as unknown as Record<string, Record<string, unknown>>)[outerKey] ??=
				{});
			for (const [key, value] of Object.entries(outerValue as Record<string, unknown>)) {
				target[String(resolve(key))] = resolve(value);
			}
		}
		return options;
	}

	async preAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
		node: INode,
		credentialsExpired: boolean,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		const expirable = type.properties.find(
			(p) => p.type === 'hidden' && p.typeOptions?.expirable === true,
		);
		if (!expirable || typeof type.preAuthentication !== 'function') return undefined;
		if (credentials[expirable.name] !== '' && !credentialsExpired) return undefined;
		this.preAuthCalls.set(typeName, (this.preAuthCalls.get(typeName) ?? 0) + 1);
		const output = await type.preAuthentication.call(helpers, credentials);
		if (output[expirable.name] === undefined) return undefined;
		const updated = Object.assign(credentials, output);
		this.store.set(typeName, {
			...(this.store.get(typeName) ?? {}),
			...output,
		} as ICredentialDataDecryptedObject);
		void node;
		return updated;
	}

	async runPreAuthentication(
		helpers: IHttpRequestHelper,
		credentials: ICredentialDataDecryptedObject,
		typeName: string,
	): Promise<ICredentialDataDecryptedObject | undefined> {
		const type = this.type(typeName);
		return typeof type.preAuthentication === 'function'
			? ((await type.preAuthentication.call(
					helpers,
					credentials,
				)) as ICredentialDataDecryptedObject)
			: undefined;
	}

	async getCredentials(
		nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentials> {
		throw new Error(`getCredentials(${nodeCredentials.name}, ${type}) is not used by these tests`);
	}

	async getDecrypted(
		_additionalData: IWorkflowExecuteAdditionalData,
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
	): Promise<ICredentialDataDecryptedObject> {
		const data = this.store.get(type);
		if (!data) throw new Error(`No test credentials of type ${type}`);
		return { ...data };
	}

	async updateCredentials(
		_nodeCredentials: INodeCredentialsDetails,
		type: string,
		data: ICredentialDataDecryptedObject,
	): Promise<void> {
		this.store.set(type, { ...data });
	}

	async updateCredentialsOauthTokenData(): Promise<void> {}

	getCredentialsProperties(type: string): INodeProperties[] {
		return this.type(type).properties;
	}
}
