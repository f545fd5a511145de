import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';
import type { IDataObject } from 'n8n-workflow';

import { Sandbox } from '../harness/sandbox';
import { byId, fails, ok, run, seed, type Seed } from './helpers';

const UNKNOWN = '0f8fad5b-d9cb-469f-a165-70867728950e';

describe('Nomad Media faces and persons through the engine', () => {
	let sandbox: Sandbox;
	let ids: Seed;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
		ids = await seed(sandbox);
	});

	const video = () => ids.files['Projects/Interviews/interview-01.mp4'];
	const face = () => ids.faces[video()][0];
	const ada = () => ids.persons['Ada Lovelace'];
	const detail = async () =>
		(
			await ok(sandbox, { resource: 'asset', operation: 'getDetail', assetId: byId(video()) })
		)[0] as IDataObject & { faceItems: IDataObject[]; persons: IDataObject[] };
	const assign = (extra: IDataObject = {}) => ({
		resource: 'person',
		operation: 'assignFace',
		assetId: byId(video()),
		faceId: face(),
		personId: ada(),
		...extra,
	});

	it('assigns a detected face to a person and removes it again; Get Detail shows both', async () => {
		const before = await detail();
		assert.deepEqual(
			before.faceItems.map((f) => f.id),
			ids.faces[video()],
			'Get Detail lists the faces with their IDs',
		);
		assert.deepEqual(await ok(sandbox, assign()), [
			{ assetId: video(), faceId: face(), personId: ada(), assigned: true },
		]);
		const assigned = await detail();
		assert.deepEqual(assigned.faceItems[0].person, { id: ada(), description: 'Ada Lovelace' });
		assert.deepEqual(assigned.persons, [{ id: ada(), description: 'Ada Lovelace' }]);
		assert.deepEqual(
			await ok(sandbox, assign()),
			[{ assetId: video(), faceId: face(), personId: ada(), assigned: true }],
			'assigning again changes nothing',
		);

		const removed = await ok(sandbox, {
			resource: 'person',
			operation: 'removeFace',
			assetId: byId(video()),
			faceId: face(),
		});
		assert.deepEqual(removed, [
			{ assetId: video(), faceId: face(), personId: null, assigned: false },
		]);
		const after = await detail();
		assert.equal(after.faceItems[0].person, null);
		assert.deepEqual(after.persons, []);
	});

	it("fails with the DAM's message and 404 for an unknown face, person or asset", async () => {
		const unknownPerson = await fails(sandbox, assign({ personId: UNKNOWN }));
		assert.match(
			unknownPerson.message,
			new RegExp(`Person '${UNKNOWN}' was not found\\. \\(HTTP 404\\)$`),
		);
		assert.equal(unknownPerson.httpCode, '404');
		const unknownFace = await fails(sandbox, assign({ faceId: UNKNOWN }));
		assert.match(unknownFace.message, /Face '.*' was not found on this asset\. \(HTTP 404\)$/);
		const unknownAsset = await fails(sandbox, {
			resource: 'person',
			operation: 'removeFace',
			assetId: byId(UNKNOWN),
			faceId: face(),
		});
		assert.match(unknownAsset.message, new RegExp(`Asset '${UNKNOWN}' was not found`));
	});

	it('refuses a Person ID or Face ID that is not a GUID, naming the parameter, before any request', async () => {
		const mark = await sandbox.mark();
		const person = await fails(sandbox, assign({ personId: 'Ada Lovelace' }));
		assert.match(person.message, /^The "Person ID" parameter must be a Nomad Media ID/);
		const faceError = await fails(sandbox, assign({ faceId: '={{ "face-1" }}' }));
		assert.match(faceError.message, /^The "Face ID" parameter must be a Nomad Media ID/);
		assert.equal((await sandbox.journal('nomad', mark)).length, 0);
	});

	it('continues on fail with an error item for the unknown person and the assignment for the known one', async () => {
		const result = await run(sandbox, assign({ personId: '={{ $json.person }}' }), {
			continueOnFail: true,
			input: [{ json: { person: UNKNOWN } }, { json: { person: ids.persons['Grace Hopper'] } }],
		});
		assert.equal(result.error, undefined);
		const [bad, good] = result.output('Nomad');
		assert.match(String(bad.json.error), /Person .* was not found/);
		assert.equal(good.json.assigned, true);
	});
});
