import assert from 'node:assert/strict';
import { afterAll, beforeAll, beforeEach, describe, it } from '@jest/globals';

import { generatedMd5 } from '../fixtures/generated';
import { binaryBytes } from '../harness/engine';
import { Sandbox } from '../harness/sandbox';
import { runWorkflowFile } from '../harness/workflowFiles';
import { IDS, VOCABULARIES } from '../sandbox/tenovos/data';

interface SimVersion {
	objectId: string;
	fileId: string;
	originalFileId: string;
	filename: string;
	deleted: boolean;
	currentVersion: string;
	metadata: Array<{ metadataDefinitionId: string; metadataDefinitionValue?: unknown }>;
	securityTemplateIds: string[];
	content?: { key: string; size: number; md5: string };
}

const valueId = (vocabulary: string, name: string) =>
	VOCABULARIES[vocabulary].values.find((v) => v.valueName === name)!.valueId;

/**
 * The fast tier: every operation of the Tenovos node as a workflow a user could import
 * (test/workflows/tenovos/asset.<operation>.json), run through the engine with small files.
 */
describe('Tenovos: one workflow per operation', () => {
	let sandbox: Sandbox;
	beforeAll(async () => {
		sandbox = await Sandbox.start();
	});
	afterAll(async () => {
		await sandbox.stop();
	});
	beforeEach(async () => {
		await sandbox.reset();
	});

	const run = async (operation: string, tokens: Record<string, string> = {}) => {
		const result = await runWorkflowFile(sandbox, `tenovos/asset.${operation}.json`, tokens);
		assert.equal(result.error, undefined, result.error?.message);
		return result;
	};
	const versions = async () =>
		(await sandbox.sim<{ versions: SimVersion[] }>('tenovos', 'GET', '/state')).versions;
	const seed = async (count: number, prefix: string, title?: string) =>
		(
			await sandbox.sim<{ objectIds: string[] }>('tenovos', 'POST', '/seed', {
				count,
				prefix,
				title,
			})
		).objectIds;
	const created = async () => {
		const result = await run('create');
		return String(result.output('Create asset')[0].json.objectId);
	};

	it('asset.create: uploads the file with one presigned PUT and reports the upload', async () => {
		const result = await run('create');
		const [item] = result.output('Create asset');
		const md5 = await generatedMd5(2048, 7);
		assert.deepEqual(item.json.upload, {
			fileName: 'apples.jpg',
			size: 2048,
			md5,
			method: 'singlePut',
			parts: 1,
			partSize: 2048,
		});
		assert.equal(item.json.uploadMethod, 'singlePut');
		const [version] = await versions();
		assert.equal(version.objectId, item.json.objectId);
		assert.equal(version.filename, 'apples.jpg');
		assert.deepEqual(version.content, { key: version.content?.key, size: 2048, md5 });
		assert.deepEqual(version.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Apples' },
			{
				metadataDefinitionId: IDS.attrKeywords,
				metadataDefinitionValue: [
					{ valueId: valueId(IDS.vocabKeywords, 'Nature') },
					{ valueId: valueId(IDS.vocabKeywords, 'Product') },
				],
			},
		]);
	});

	it('asset.createMetadataOnly: creates the record with its security templates and no content', async () => {
		const result = await run('createMetadataOnly');
		const [item] = result.output('Create placeholder');
		assert.deepEqual(Object.keys(item.json).sort(), [
			'fileId',
			'filename',
			'objectId',
			'originalFileId',
		]);
		assert.equal(item.json.filename, 'placeholder.psd');
		const [version] = await versions();
		assert.equal(version.objectId, item.json.objectId);
		assert.equal(version.content, undefined);
		assert.deepEqual(version.securityTemplateIds, [IDS.securityPublic, IDS.securityInternal]);
	});

	it('asset.createVersion: links the new version to the asset and carries its metadata over', async () => {
		const [objectId] = await seed(1, 'logo', 'Logo');
		const [original] = await versions();
		const result = await run('createVersion', { OBJECT_ID: objectId });
		const [item] = result.output('Create version');
		assert.equal(item.json.previousObjectId, objectId);
		assert.equal(item.json.originalFileId, original.fileId);
		assert.equal(item.json.filename, 'logo-v2.png');
		assert.equal((item.json.upload as { md5: string }).md5, await generatedMd5(3000, 9));
		const newest = (await versions()).find((v) => v.objectId === item.json.objectId)!;
		assert.equal(newest.currentVersion, 'Y');
		assert.deepEqual(newest.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Logo 2025' },
		]);
		assert.equal(newest.content?.size, 3000);
	});

	it('asset.delete: moves the asset to the recycle bin', async () => {
		const [objectId] = await seed(1, 'old');
		const result = await run('delete', { OBJECT_ID: objectId });
		assert.deepEqual(result.output('Delete asset')[0].json, {
			objectId,
			deleted: true,
			message: 'Master Object update was successful',
		});
		assert.equal((await versions())[0].deleted, true);
	});

	it('asset.download: streams the original file into the binary field', async () => {
		const objectId = await created();
		const result = await run('download', { OBJECT_ID: objectId });
		const [item] = result.output('Download asset');
		assert.equal(item.json.objectId, objectId);
		const binary = item.binary!.data;
		assert.equal(binary.fileName, 'apples.jpg');
		assert.equal(binary.mimeType, 'image/jpeg');
		const bytes = await binaryBytes(binary);
		assert.equal(bytes.length, 2048);
	});

	it('asset.get: finds the asset from a link to it', async () => {
		const [objectId] = await seed(1, 'photo', 'Sunset');
		const result = await run('get', { OBJECT_ID: objectId });
		const [item] = result.output('Get asset');
		assert.equal(item.json.objectId, objectId);
		assert.equal(item.json.filename, 'photo-0001.jpg');
		assert.deepEqual(item.json.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Sunset 1' },
		]);
	});

	it('asset.search: returns every asset whose file name matches, in order', async () => {
		await seed(3, 'beach');
		await seed(2, 'city');
		const result = await run('search');
		assert.deepEqual(
			result.output('Search assets').map((item) => item.json.filename),
			['beach-0001.jpg', 'beach-0002.jpg', 'beach-0003.jpg'],
		);
	});

	it('asset.update: writes the field and replaces the security templates', async () => {
		const [objectId] = await seed(1, 'report', 'Q1');
		const result = await run('update', { OBJECT_ID: objectId });
		assert.deepEqual(result.output('Update asset')[0].json, {
			objectId,
			updated: true,
			message: 'Asset update was successful',
			updatedFields: 1,
		});
		const [version] = await versions();
		assert.deepEqual(version.metadata, [
			{ metadataDefinitionId: IDS.attrTitle, metadataDefinitionValue: 'Q1 final' },
		]);
		assert.deepEqual(version.securityTemplateIds, [IDS.securityInternal]);
	});
});
