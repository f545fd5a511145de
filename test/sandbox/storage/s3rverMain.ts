/**
 * s3rver on its own: `node s3rverMain.js <directory> <port> <bucket>` (started by S3Storage).
 * Exits on SIGTERM, like Azurite.
 */
// eslint-disable-next-line @typescript-eslint/no-var-requires
const S3rver = require('s3rver');

const [directory, port, bucket] = process.argv.slice(2);
const server = new S3rver({
	address: '127.0.0.1',
	port: Number(port),
	silent: true,
	directory,
	configureBuckets: [{ name: bucket }],
});
server.run().catch((error: unknown) => {
	console.error(error);
	process.exit(1);
});
process.on('SIGTERM', () => {
	server.close().then(
		() => process.exit(0),
		() => process.exit(1),
	);
});
