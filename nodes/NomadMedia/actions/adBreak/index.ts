import * as create from './create.operation';
import * as del from './delete.operation';
import * as getMany from './getMany.operation';
import * as update from './update.operation';
import type { ResourceModule } from '../../../shared/registry';

/** Ad breaks: the cue points where a video's player inserts ads (VMAP/VAST). */
export const resource: ResourceModule = {
	displayName: 'Ad Break',
	value: 'adBreak',
	defaultOperation: 'getMany',
	operations: { create, delete: del, getMany, update },
};
