import * as archive from './archive.operation';
import * as cancelUpload from './cancelUpload.operation';
import * as changeLanguage from './changeLanguage.operation';
import * as clip from './clip.operation';
import * as createFolder from './createFolder.operation';
import * as createPlaceholder from './createPlaceholder.operation';
import * as deleteRelatedAsset from './deleteRelatedAsset.operation';
import * as generateImage from './generateImage.operation';
import * as get from './get.operation';
import * as getByStorageLocation from './getByStorageLocation.operation';
import * as getDetail from './getDetail.operation';
import * as getJobHistory from './getJobHistory.operation';
import * as getMetadataSummary from './getMetadataSummary.operation';
import * as getParentFolders from './getParentFolders.operation';
import * as getScreenshotDetail from './getScreenshotDetail.operation';
import * as getSegmentDetail from './getSegmentDetail.operation';
import * as listFolder from './listFolder.operation';
import * as localRestore from './localRestore.operation';
import * as localRestoreMany from './localRestoreMany.operation';
import * as register from './register.operation';
import * as resolveFullUrl from './resolveFullUrl.operation';
import * as restore from './restore.operation';
import * as screenshot from './screenshot.operation';
import * as search from './search.operation';
import * as share from './share.operation';
import * as update from './update.operation';
import * as upload from './upload.operation';
import * as uploadRelated from './uploadRelated.operation';
import type { ResourceModule } from '../../../shared/registry';

export const resource: ResourceModule = {
	displayName: 'Asset',
	value: 'asset',
	defaultOperation: 'get',
	operations: {
		archive,
		cancelUpload,
		changeLanguage,
		clip,
		createFolder,
		createPlaceholder,
		deleteRelatedAsset,
		generateImage,
		get,
		getByStorageLocation,
		getDetail,
		getJobHistory,
		getMetadataSummary,
		getParentFolders,
		getScreenshotDetail,
		getSegmentDetail,
		listFolder,
		localRestore,
		localRestoreMany,
		register,
		resolveFullUrl,
		restore,
		screenshot,
		search,
		share,
		update,
		upload,
		uploadRelated,
	},
};
