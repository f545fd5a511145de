import type { SimRequest } from '../core/http';
import type { SandboxEnv } from '../env';
import { GUID, problem, validationProblem, type Session, type SimUser } from './model';
import type { NomadState } from './state';

export interface NomadContext {
	state: NomadState;
	env: SandboxEnv;
}

/** The caller of an authenticated route, or a 401 as ASP.NET's JWT bearer handler answers it. */
export function authenticate(
	ctx: NomadContext,
	req: SimRequest,
): { user: SimUser; session: Session } {
	const header = req.header('authorization') ?? '';
	const match = /^Bearer\s+(.+)$/i.exec(header);
	if (!match) throw problem(401, undefined, req.path, { 'WWW-Authenticate': 'Bearer' });
	const session = ctx.state.sessions.get(match[1].trim());
	if (!session || session.revoked) {
		throw problem(401, undefined, req.path, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
	}
	if (session.expiresAt <= ctx.state.now()) {
		const when = new Date(session.expiresAt).toUTCString();
		throw problem(401, undefined, req.path, {
			'WWW-Authenticate': `Bearer error="invalid_token", error_description="The token expired at '${when}'"`,
		});
	}
	const user = ctx.state.users.get(session.userId);
	if (!user || user.status !== 'Active')
		throw problem(401, undefined, req.path, { 'WWW-Authenticate': 'Bearer error="invalid_token"' });
	return { user, session };
}

/** A route GUID: ASP.NET answers a value that does not bind with a validation problem. */
export function routeGuid(req: SimRequest, name: string): string {
	const value = req.params[name];
	if (!GUID.test(value))
		throw validationProblem({ [name]: [`The value '${value}' is not valid.`] }, req.path);
	return value.toLowerCase();
}

/** A JSON body that must be an object (ASP.NET: "A non-empty request body is required."). */
export async function objectBody(req: SimRequest): Promise<Record<string, any>> {
	const raw = await req.body();
	if (!raw.length)
		throw validationProblem({ '': ['A non-empty request body is required.'] }, req.path);
	const body = await req.json();
	if (!body || typeof body !== 'object' || Array.isArray(body)) {
		throw validationProblem(
			{ $: ['The JSON value could not be converted to the request model.'] },
			req.path,
		);
	}
	return body;
}

/** Checks a list of GUIDs in a body field the way System.Text.Json binds Guid[]. */
export function guidList(value: unknown, field: string, instance: string): string[] {
	if (value === undefined || value === null) return [];
	if (!Array.isArray(value))
		throw validationProblem(
			{ [`$.${field}`]: [`The JSON value could not be converted to System.Guid[].`] },
			instance,
		);
	return value.map((id, index) => {
		if (typeof id !== 'string' || !GUID.test(id)) {
			throw validationProblem(
				{ [`$.${field}[${index}]`]: ['The JSON value could not be converted to System.Guid.'] },
				instance,
			);
		}
		return id.toLowerCase();
	});
}

/** A body field as ASP.NET binds it: the property name in any case (`startTimecode` = `startTimeCode`). */
export function field(body: Record<string, any>, name: string): any {
	const key = Object.keys(body).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
	return key === undefined ? undefined : body[key];
}

/** [G] A time code as Nomad Media's SDKs write them: hh:mm:ss, optionally ;ff or :ff frames or .mmm. */
export const TIME_CODE = /^\d{2}:[0-5]\d:[0-5]\d([:;]\d{2}|\.\d{1,3})?$/;

/** An optional time code field: null when absent, else checked (a validation problem names it). */
export function timeCodeField(
	body: Record<string, any>,
	name: string,
	instance: string,
): string | null {
	const value = field(body, name);
	if (value === undefined || value === null || value === '') return null;
	if (typeof value !== 'string' || !TIME_CODE.test(value)) {
		const property = name.charAt(0).toUpperCase() + name.slice(1);
		throw validationProblem(
			{ [property]: [`The value '${String(value)}' is not a valid time code (hh:mm:ss;ff).`] },
			instance,
		);
	}
	return value;
}
