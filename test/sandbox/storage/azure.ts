import {
	BlobSASPermissions,
	BlobServiceClient,
	SASProtocol,
	StorageSharedKeyCredential,
	generateBlobSASQueryParameters,
} from '@azure/storage-blob';
import { createHash } from 'crypto';
import { mkdirSync } from 'fs';
import type { Server } from 'http';
import { join } from 'path';

import type { Control } from '../core/control';
import { listen } from '../core/server';
import { EmulatorProcess } from './emulator';
import { storageProxy } from './proxy';

/** Azurite's well-known development account. */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
	'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export interface BlobInfo {
	exists: boolean;
	size?: number;
	md5?: string;
	contentMd5?: string;
	contentType?: string;
	blockCount?: number;
}

/** Azurite (a child process) behind the recording proxy; SAS URLs point at the proxy. */
export class AzureStorage {
	private azurite?: EmulatorProcess;
	private proxy?: Server;
	private directUrl = '';
	proxyUrl = '';
	private credential = new StorageSharedKeyCredential(AZURITE_ACCOUNT, AZURITE_KEY);

	async start(control: Control, dataDir: string, proxyPort: number): Promise<void> {
		const location = join(dataDir, 'azurite');
		mkdirSync(location, { recursive: true });
		this.azurite = await EmulatorProcess.start(
			'azurite',
			require.resolve('azurite/dist/src/blob/main.js'),
			(port) => [
				'--blobHost',
				'127.0.0.1',
				'--blobPort',
				String(port),
				'--location',
				location,
				'--loose',
				'--skipApiVersionCheck',
				'--silent',
				'--disableTelemetry',
			],
		);
		const port = this.azurite.port;
		this.directUrl = `http://127.0.0.1:${port}/${AZURITE_ACCOUNT}`;
		this.proxy = storageProxy('azure-blob', { host: '127.0.0.1', port }, control);
		const actualProxyPort = await listen(this.proxy, proxyPort);
		this.proxyUrl = `http://127.0.0.1:${actualProxyPort}/${AZURITE_ACCOUNT}`;
	}

	service(): BlobServiceClient {
		return new BlobServiceClient(this.directUrl, this.credential);
	}

	async ensureContainer(container: string): Promise<void> {
		await this.service().getContainerClient(container).createIfNotExists();
	}

	/** A SAS URL (through the proxy) for one blob, valid for `hours`. */
	sasUrl(container: string, blob: string, permissions = 'racwd', hours = 24): string {
		const sas = generateBlobSASQueryParameters(
			{
				containerName: container,
				blobName: blob,
				permissions: BlobSASPermissions.parse(permissions),
				startsOn: new Date(Date.now() - 5 * 60_000),
				expiresOn: new Date(Date.now() + hours * 3_600_000),
				protocol: SASProtocol.HttpsAndHttp,
			},
			this.credential,
		).toString();
		return `${this.proxyUrl}/${container}/${blob.split('/').map(encodeURIComponent).join('/')}?${sas}`;
	}

	/** Size and MD5 of the committed blob, read from Azurite directly. */
	async blobInfo(container: string, blob: string): Promise<BlobInfo> {
		const client = this.service().getContainerClient(container).getBlobClient(blob);
		if (!(await client.exists())) return { exists: false };
		const properties = await client.getProperties();
		const download = await client.download();
		const hash = createHash('md5');
		let size = 0;
		for await (const chunk of download.readableStreamBody as NodeJS.ReadableStream) {
			hash.update(chunk as Buffer);
			size += (chunk as Buffer).length;
		}
		let blockCount: number | undefined;
		try {
			const list = await client.getBlockBlobClient().getBlockList('committed');
			blockCount = list.committedBlocks?.length;
		} catch {
			blockCount = undefined;
		}
		return {
			exists: true,
			size,
			md5: hash.digest('hex'),
			contentMd5: properties.contentMD5
				? Buffer.from(properties.contentMD5).toString('hex')
				: undefined,
			contentType: properties.contentType,
			blockCount,
		};
	}

	/** Stops the proxy and Azurite, and waits for Azurite to exit (its files are in use until then). */
	async stop(): Promise<void> {
		this.proxy?.closeAllConnections();
		this.proxy?.close();
		await this.azurite?.stop();
	}
}
