import type { INodeProperties } from 'n8n-workflow';

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

export const operations = {
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
};

export const description: INodeProperties[] = [
	{
		displayName: 'Operation',
		name: 'operation',
		type: 'options',
		noDataExpression: true,
		displayOptions: { show: { resource: ['asset'] } },
		options: [
			{
				name: 'Add Media From URL',
				value: 'addMediaFromUrl',
				description: 'Have Media Pocket fetch a file from a URL into the asset',
				action: 'Add media from a URL',
			},
			{
				name: 'Assign to Project',
				value: 'assignToProject',
				description: 'Put the asset in a project',
				action: 'Assign an asset to a project',
			},
			{
				name: 'Create',
				value: 'create',
				description: 'Create an asset',
				action: 'Create an asset',
			},
			{
				name: 'Delete Permanently',
				value: 'delete',
				description: 'Delete an asset for good',
				action: 'Delete an asset permanently',
			},
			{
				name: 'Download Media',
				value: 'download',
				description: 'Download a media file of the asset as binary data',
				action: 'Download media of an asset',
			},
			{ name: 'Get', value: 'get', description: 'Get an asset', action: 'Get an asset' },
			{
				name: 'Get Collections',
				value: 'getCollections',
				description: 'Get the collections the asset belongs to',
				action: 'Get the collections of an asset',
			},
			{
				name: 'Get File Metadata',
				value: 'getFileMetadata',
				description: 'Get EXIF/IPTC/XMP metadata and mediainfo of the original file',
				action: 'Get file metadata of an asset',
			},
			{
				name: 'Get Media',
				value: 'getMedia',
				description: 'List the media (files) of the asset',
				action: 'Get media of an asset',
			},
			{
				name: 'Get Media Download URL',
				value: 'getDownloadUrl',
				description: 'Get a short-lived download URL for a media file',
				action: 'Get a media download URL',
			},
			{
				name: 'Move to Trash',
				value: 'moveToTrash',
				description: 'Move the asset to the trash bin (purged after 14 days)',
				action: 'Move an asset to the trash',
			},
			{
				name: 'Remove Media',
				value: 'removeMedia',
				description: 'Remove the media files of the asset',
				action: 'Remove media from an asset',
			},
			{
				name: 'Restore From Trash',
				value: 'restore',
				description: 'Restore an asset from the trash bin',
				action: 'Restore an asset from the trash',
			},
			{
				name: 'Unassign From Project',
				value: 'unassignFromProject',
				description: 'Take the asset out of its project',
				action: 'Unassign an asset from its project',
			},
			{
				name: 'Update',
				value: 'update',
				description: 'Update an asset',
				action: 'Update an asset',
			},
		],
		default: 'get',
	},
	...addMediaFromUrl.description,
	...assignToProject.description,
	...create.description,
	...del.description,
	...download.description,
	...get.description,
	...getCollections.description,
	...getDownloadUrl.description,
	...getFileMetadata.description,
	...getMedia.description,
	...moveToTrash.description,
	...removeMedia.description,
	...restore.description,
	...unassignFromProject.description,
	...update.description,
];
