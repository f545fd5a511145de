import assert from 'node:assert/strict';
import { describe, it } from 'node:test';

import { idList } from '../../nodes/Tenovos/actions/asset/common';
import { formatDate, mergeMetadata, parseTemplate } from '../../nodes/Tenovos/helpers/metadata';
import { TENOVOS_MAX_FILE_SIZE, TENOVOS_PART_SIZE, uploadSizeProblem } from '../../nodes/Tenovos/helpers/utils';
import { IDS, TEMPLATES, templateJson } from '../sandbox/tenovos/data';

describe('Tenovos pure logic', () => {
	it('accepts files up to exactly 5 GB and refuses one byte more, naming the binary property', () => {
		assert.equal(TENOVOS_MAX_FILE_SIZE, 5 * 1024 ** 3);
		assert.equal(TENOVOS_PART_SIZE, 100 * 1024 ** 2);
		assert.equal(uploadSizeProblem(0, 'data'), undefined);
		assert.equal(uploadSizeProblem(TENOVOS_MAX_FILE_SIZE, 'data'), undefined);
		assert.equal(
			uploadSizeProblem(TENOVOS_MAX_FILE_SIZE + 1, 'video'),
			'The file in binary property "video" is 5368709121 bytes; Tenovos accepts files up to 5 GB (5368709120 bytes)',
		);
		assert.match(String(uploadSizeProblem(NaN, 'data')), /size of the file in binary property "data" is unknown/);
	});

	it('writes ISO dates in the attribute date format and keeps dates already written out', () => {
		assert.equal(formatDate('2025-03-21'), '03/21/2025');
		assert.equal(formatDate('2025-03-21T10:00:00.000+02:00'), '03/21/2025');
		assert.equal(formatDate('2025-03-21', 'dd/MM/yyyy'), '21/03/2025');
		assert.equal(formatDate('02/10/2021'), '02/10/2021');
		assert.equal(formatDate('next tuesday'), undefined);
	});

	it('reads templates in the spec shape (wrapped in "template") and the flat shape alike', () => {
		const source = TEMPLATES.find((t) => t.templateId === IDS.templateCorporate)!;
		const wrapped = parseTemplate(templateJson(source, 1, true));
		const flat = parseTemplate(templateJson(source, 1, false));
		assert.deepEqual(wrapped, flat);
		assert.equal(wrapped?.name, 'Corporate Images');
		assert.deepEqual(wrapped?.types, ['default']);
		const keywords = wrapped?.attributes.find((a) => a.id === IDS.attrKeywords);
		assert.deepEqual(
			{ type: keywords?.type, multi: keywords?.isMultipleSelect, vocabulary: keywords?.controlledVocabularyId, group: keywords?.group },
			{ type: 'controlledVocabulary', multi: true, vocabulary: IDS.vocabKeywords, group: 'General' },
		);
		assert.equal(wrapped?.attributes.find((a) => a.id === IDS.attrFileSize)?.readonly, true);
		assert.equal(parseTemplate({ nothing: true }), undefined);
	});

	it('merges metadata per field, the given values winning', () => {
		const merged = mergeMetadata(
			[
				{ metadataDefinitionId: 'a', metadataDefinitionValue: 'old' },
				{ metadataDefinitionId: 'b', metadataDefinitionValue: 'kept' },
			],
			[{ metadataDefinitionId: 'a', metadataDefinitionValue: 'new' }],
		);
		assert.deepEqual(merged, [
			{ metadataDefinitionId: 'b', metadataDefinitionValue: 'kept' },
			{ metadataDefinitionId: 'a', metadataDefinitionValue: 'new' },
		]);
	});

	it('reads security template IDs from a list or a comma-separated expression result', () => {
		assert.deepEqual(idList(['x', ' y ']), ['x', 'y']);
		assert.deepEqual(idList('x, y,,'), ['x', 'y']);
		assert.deepEqual(idList(undefined), []);
	});
});
