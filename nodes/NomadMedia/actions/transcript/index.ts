import * as exportSubtitle from './exportSubtitle.operation';
import * as getWords from './getWords.operation';
import * as update from './update.operation';
import type { ResourceModule } from '../../../shared/registry';

/** Transcripts and subtitles: the words Nomad Media transcribed from a file, and files made of them. */
export const resource: ResourceModule = {
	displayName: 'Transcript',
	value: 'transcript',
	defaultOperation: 'getWords',
	operations: { exportSubtitle, getWords, update },
};
