// Recording from the microphone (loaded on the first press of "Record from microphone"): a
// MediaRecorder in the first container this browser writes, and a level meter.

/** Starts recording; returns the way to stop, or why the microphone could not be opened. */
export async function startRecording(callbacks: {
	/** 0–1, every frame. */
	onLevel: (level: number) => void;
	/** Whole seconds since the start. */
	onTick: (seconds: number) => void;
	/** The finished recording, handed over like a picked file. */
	onDone: (file: File) => void;
}): Promise<(() => void) | string> {
	let stream: MediaStream;
	try {
		stream = await navigator.mediaDevices.getUserMedia({ audio: true });
	} catch (error) {
		return `The microphone could not be opened (${(error as Error).message}). Allow microphone access for this page and try again.`;
	}
	const type =
		['audio/webm', 'audio/ogg', 'audio/mp4'].find((t) => MediaRecorder.isTypeSupported(t)) ?? '';
	const recorder = new MediaRecorder(stream, type ? { mimeType: type } : {});
	const parts: Blob[] = [];
	recorder.ondataavailable = (event) => parts.push(event.data);
	const context = new AudioContext();
	const analyser = context.createAnalyser();
	analyser.fftSize = 512;
	context.createMediaStreamSource(stream).connect(analyser);
	const samples = new Uint8Array(analyser.fftSize);
	let frame = 0;
	const meter = () => {
		analyser.getByteTimeDomainData(samples);
		let peak = 0;
		for (const s of samples) peak = Math.max(peak, Math.abs(s - 128));
		callbacks.onLevel(peak / 128);
		frame = requestAnimationFrame(meter);
	};
	meter();
	const started = Date.now();
	const clock = setInterval(() => callbacks.onTick(Math.floor((Date.now() - started) / 1000)), 250);
	recorder.onstop = () => {
		const mime = recorder.mimeType || 'audio/webm';
		const extension = mime.includes('ogg') ? 'ogg' : mime.includes('mp4') ? 'm4a' : 'webm';
		const name = `recording-${new Date().toISOString().replace(/[:.]/g, '-')}.${extension}`;
		callbacks.onDone(new File(parts, name, { type: mime }));
	};
	recorder.start();
	return () => {
		cancelAnimationFrame(frame);
		clearInterval(clock);
		if (recorder.state !== 'inactive') recorder.stop();
		for (const track of stream.getTracks()) track.stop();
		void context.close();
	};
}
