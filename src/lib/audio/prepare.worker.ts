// Reads any audio or video file the browser can decode (mediabunny over WebCodecs), keeps its
// first audio track as 16 kHz mono 16-bit PCM, and cuts it into parts the service takes, at
// quiet moments (split.ts). Runs off the page's thread; the page ends it to stop.
import {
	ALL_FORMATS,
	BlobSource,
	BufferTarget,
	Conversion,
	Input,
	Output,
	WavOutputFormat
} from 'mediabunny';
import { findCuts, maxPartSeconds, SAMPLE_RATE, wavParts, wavSamples } from './split';
import type { PrepareReply, PrepareRequest } from './prepare';

const reply = (message: PrepareReply) => postMessage(message);

async function prepare({ file, maxPartBytes }: PrepareRequest): Promise<void> {
	const input = new Input({ source: new BlobSource(file), formats: ALL_FORMATS });
	const track = await input.getPrimaryAudioTrack().catch(() => null);
	if (!track) {
		const known = await input.getFormat().catch(() => null);
		throw new Error(
			known ? 'it has no sound track' : 'no audio or video format this browser reads'
		);
	}
	if (!(await track.canDecode())) {
		throw new Error(`this browser cannot decode its ${track.codec ?? 'unknown'} audio`);
	}
	const output = new Output({ format: new WavOutputFormat(), target: new BufferTarget() });
	const conversion = await Conversion.init({
		input,
		output,
		video: { discard: true },
		audio: { numberOfChannels: 1, sampleRate: SAMPLE_RATE, codec: 'pcm-s16' }
	});
	if (!conversion.isValid) {
		throw new Error(conversion.discardedTracks.map((t) => t.reason).join(', ') || 'unreadable');
	}
	// Whole percents only: the page redraws its progress bar on each message.
	let percent = -1;
	conversion.onProgress = (progress) => {
		if (Math.floor(progress * 100) === percent) return;
		percent = Math.floor(progress * 100);
		reply({ type: 'progress', progress });
	};
	await conversion.execute();
	const wav = output.target.buffer;
	if (!wav) throw new Error('nothing was decoded');
	const { samples, sampleRate } = wavSamples(wav);
	const cuts = findCuts(samples, sampleRate, maxPartSeconds(maxPartBytes));
	reply({
		type: 'done',
		parts: wavParts(samples, cuts, sampleRate),
		duration: samples.length / sampleRate
	});
}

onmessage = (event: MessageEvent<PrepareRequest>) => {
	prepare(event.data).catch((error: unknown) =>
		reply({ type: 'error', message: error instanceof Error ? error.message : String(error) })
	);
};
