/** What bench.ts (the parent) and child.ts (one measured run per process) share. */
import type { ICredentialDataDecryptedObject } from 'n8n-workflow';

export const MiB = 1024 * 1024;

export type Family = 'azure' | 's3' | 'download';
export type Client = 'ours' | 'sdk' | 'libStorage' | 'limit';

export interface S3Direct {
	endpoint: string;
	/** The same s3rver through the sandbox proxy's relay code (lib-storage's path in the bench). */
	relay: string;
	bucket: string;
	accessKeyId: string;
	secretAccessKey: string;
}

export interface ChildConfig {
	family: Family;
	client: Client;
	size: number;
	/** The generated input file (uploads). */
	file: string;
	/** Azure blocks / lib-storage has its own. */
	blockSize: number;
	concurrency: number;
	fileName: string;
	mimeType: string;
	/** ours: the node's credentials and the asset to check in / download. */
	credentials?: Record<string, ICredentialDataDecryptedObject>;
	assetId?: string;
	/** Tenovos create parameters (s3 ours). */
	parameters?: Record<string, unknown>;
	/** azure sdk/limit, download sdk/limit: the blob's SAS URL (through the recording proxy). */
	sasUrl?: string;
	/** s3 libStorage: s3rver (through the relay), and the key to write. */
	s3Direct?: S3Direct;
	key?: string;
	/** s3 limit: presigned part URLs (through the proxy), their size, and where to complete. */
	partUrls?: string[];
	partSize?: number;
	uploadId?: string;
	control?: string;
	/** download sdk/limit: where the bytes go. */
	outFile?: string;
}

export interface ChildResult {
	/** Epoch ms when the measured work started and ended (the child's clock is the machine's). */
	startedAt: number;
	endedAt: number;
	/** CPU (user + system) this process spent on the measured work. */
	cpuMs: number;
	/** RSS just before the measured work (after a young-generation GC), and its peak sampled every 20 ms during it. */
	baseRss: number;
	peakRss: number;
	/** The process's own high-water mark (/proc/self/status VmHWM), start-up and preparation included. */
	vmHwm: number;
	/**
	 * Uploads by ours: the MD5 the node reports; limit clients: the MD5 of the bytes they sent;
	 * downloads: the MD5 of the file written. Computed outside the measured work where it is ours.
	 */
	md5?: string;
	/** Epoch ms of points inside the measured work (e.g. `complete`: the complete request was sent). */
	marks: Record<string, number>;
	detail: Record<string, unknown>;
	error?: string;
}
