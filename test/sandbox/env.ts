import type { AzureStorage } from './storage/azure';
import type { S3Storage } from './storage/s3';

/** What a simulator can use besides its own state. */
export interface SandboxEnv {
	azure: AzureStorage;
	s3: S3Storage;
	/** Base URL a simulator is reachable at (known once every server listens). */
	urlOf(name: string): string;
}
