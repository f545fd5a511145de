/**
 * Jest setup (setupFilesAfterEnv): after each test file, every request the Nomad Media simulator
 * received during that file (the sandbox's audit of target `nomad`, kept through the resets before
 * each test) is checked against Nomad Media's OpenAPI facts (nomadSpec.ts). A request that does not
 * validate fails the file with its method, path, matched operation and the ajv errors.
 *
 * A test that sends an off-spec request on purpose says so with exemptFromNomadSpec (and why).
 */
import { afterAll, beforeAll } from '@jest/globals';

import { checkJournal, type SpecExemption } from './nomadSpec';
import { Sandbox } from './sandbox';

const exemptions: SpecExemption[] = [];

/** Leaves requests matching `exemption` out of this file's spec check (the reason is printed). */
export function exemptFromNomadSpec(exemption: SpecExemption): void {
	exemptions.push(exemption);
}

const sandbox = Sandbox.shared();

if (sandbox) {
	beforeAll(async () => {
		// Starts the audit, and drops what an earlier file's clean-up may have sent after its check.
		await sandbox.drainAudit('nomad');
	});

	afterAll(async () => {
		const { entries, dropped } = await sandbox.drainAudit('nomad');
		if (!entries.length && !dropped) return;
		const result = checkJournal(entries, exemptions);
		for (const { entry, reason } of result.exempted)
			console.info(`Nomad Media spec check: left out ${entry}: ${reason}`);
		const failures = [...result.failures];
		if (dropped) failures.push(`${dropped} requests were not kept by the audit (too many)`);
		if (failures.length) {
			throw new Error(
				`${failures.length} of the ${result.checked} Nomad Media requests of this file do not validate against Nomad Media's OpenAPI facts:\n${failures.join('\n')}`,
			);
		}
	});
}
