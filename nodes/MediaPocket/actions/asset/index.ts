import * as addMediaFromUrl from './addMediaFromUrl.operation';
import * as assignToProject from './assignToProject.operation';
import * as create from './create.operation';
import * as del from './delete.operation';
import * as download from './download.operation';
import * as get from './get.operation';
import * as getCollections from './getCollections.operation';
import * as getDownloadUrl from './getDownloadUrl.operation';
import * as getFileMetadata from './getFileMetadata.operation';
import * as getMedia from './getMedia.operation';
import * as moveToTrash from './moveToTrash.operation';
import * as removeMedia from './removeMedia.operation';
import * as restore from './restore.operation';
import * as unassignFromProject from './unassignFromProject.operation';
import * as update from './update.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'Asset',
	value: 'asset',
	defaultOperation: 'get',
	operations: {
		addMediaFromUrl,
		assignToProject,
		create,
		delete: del,
		download,
		get,
		getCollections,
		getDownloadUrl,
		getFileMetadata,
		getMedia,
		moveToTrash,
		removeMedia,
		restore,
		unassignFromProject,
		update,
	},
};
