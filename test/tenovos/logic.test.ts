import assert from 'node:assert/strict';
import { describe, it } from '@jest/globals';

import { idList } from '../../nodes/Tenovos/helpers/ids';
import { formatDate, mergeMetadata, parseTemplate } from '../../nodes/Tenovos/helpers/metadata';
import {
	TENOVOS_DECIMAL_PART_SIZE,
	TENOVOS_MAX_FILE_SIZE,
	TENOVOS_PART_SIZE,
	filterString,
	partSizeFor,
	uploadSizeProblem,
} from '../../nodes/Tenovos/helpers/utils';
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
		assert.match(
			String(uploadSizeProblem(NaN, 'data')),
			/size of the file in binary property "data" is unknown/,
		);
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
			{
				type: keywords?.type,
				multi: keywords?.isMultipleSelect,
				vocabulary: keywords?.controlledVocabularyId,
				group: keywords?.group,
			},
			{
				type: 'controlledVocabulary',
				multi: true,
				vocabulary: IDS.vocabKeywords,
				group: 'General',
			},
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

	it('derives the part size from the number of part URLs: 100 MiB, else 10^8 bytes, else an error naming both', () => {
		const MiB = 1024 ** 2;
		assert.equal(partSizeFor(300 * MiB, 3), TENOVOS_PART_SIZE);
		assert.equal(partSizeFor(300 * MiB, 4), TENOVOS_DECIMAL_PART_SIZE);
		assert.equal(
			partSizeFor(150 * MiB, 2),
			TENOVOS_PART_SIZE,
			'both give two parts: 100 MiB, as Tenovos documents it',
		);
		assert.equal(partSizeFor(5 * 1024 * MiB, 54), TENOVOS_DECIMAL_PART_SIZE);
		assert.equal(
			partSizeFor(300 * MiB, 7),
			'Tenovos returned 7 part upload URL(s) for a file of 314572800 bytes, but 100 MiB parts (104857600 bytes) would make 3 and 100 MB parts (100000000 bytes) 4: the part size is unknown, so nothing was uploaded',
		);
	});

	it('escapes backslashes, then quotes, in search filters', () => {
		assert.equal(filterString('Title', 'Winter 3'), '("Title":"Winter 3")');
		assert.equal(filterString('Size "EU"', 'a\\b"c\\'), '("Size \\"EU\\"":"a\\\\b\\"c\\\\")');
	});
});
