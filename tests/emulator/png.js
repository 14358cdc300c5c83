// @ts-check
import { crc32, deflateSync } from 'node:zlib';

/** @param {string} type @param {Buffer} data */
function chunk(type, data) {
	const length = Buffer.alloc(4);
	length.writeUInt32BE(data.length);
	const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
	const crc = Buffer.alloc(4);
	crc.writeUInt32BE(crc32(body) >>> 0);
	return Buffer.concat([length, body, crc]);
}

/**
 * A real RGB PNG of the given size: a diagonal gradient whose colours come from `seed`,
 * so different prompts give visibly different pictures.
 * @param {number} width @param {number} height @param {number} seed
 */
export function makePng(width, height, seed) {
	const a = [(seed >>> 0) & 255, (seed >>> 8) & 255, (seed >>> 16) & 255];
	const b = [255 - (a[0] ?? 0), 255 - (a[1] ?? 0), 255 - (a[2] ?? 0)];
	const stride = width * 3 + 1;
	const raw = Buffer.alloc(stride * height);
	for (let y = 0; y < height; y++) {
		const row = y * stride;
		raw[row] = 0; // filter: none
		for (let x = 0; x < width; x++) {
			const t = (x + y) / (width + height);
			const i = row + 1 + x * 3;
			raw[i] = Math.round((a[0] ?? 0) * (1 - t) + (b[0] ?? 0) * t);
			raw[i + 1] = Math.round((a[1] ?? 0) * (1 - t) + (b[1] ?? 0) * t);
			raw[i + 2] = Math.round((a[2] ?? 0) * (1 - t) + (b[2] ?? 0) * t);
		}
	}
	const header = Buffer.alloc(13);
	header.writeUInt32BE(width, 0);
	header.writeUInt32BE(height, 4);
	header[8] = 8; // bit depth
	header[9] = 2; // colour type: RGB
	return Buffer.concat([
		Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk('IHDR', header),
		chunk('IDAT', deflateSync(raw, { level: 1 })),
		chunk('IEND', Buffer.alloc(0))
	]);
}

/** A stable 32-bit hash of a string, to seed pictures. @param {string} text */
export function hash(text) {
	let h = 2166136261;
	for (let i = 0; i < text.length; i++) {
		h ^= text.charCodeAt(i);
		h = Math.imul(h, 16777619);
	}
	return h >>> 0;
}
