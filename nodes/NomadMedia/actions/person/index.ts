import * as assignFace from './assignFace.operation';
import * as removeFace from './removeFace.operation';
import type { ResourceModule } from '../../../shared/registry';

/** People the face recognition knows, and the faces it detected on assets. */
export const resource: ResourceModule = {
	displayName: 'Person',
	value: 'person',
	defaultOperation: 'assignFace',
	operations: { assignFace, removeFace },
};
