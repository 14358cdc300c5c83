/** The languages Whisper supports (ISO-639-1 code and English name); empty means "detect". */
export const LANGUAGES: readonly (readonly [string, string])[] = [
	['af', 'Afrikaans'],
	['ar', 'Arabic'],
	['hy', 'Armenian'],
	['az', 'Azerbaijani'],
	['be', 'Belarusian'],
	['bs', 'Bosnian'],
	['bg', 'Bulgarian'],
	['ca', 'Catalan'],
	['zh', 'Chinese'],
	['hr', 'Croatian'],
	['cs', 'Czech'],
	['da', 'Danish'],
	['nl', 'Dutch'],
	['en', 'English'],
	['et', 'Estonian'],
	['fi', 'Finnish'],
	['fr', 'French'],
	['gl', 'Galician'],
	['de', 'German'],
	['el', 'Greek'],
	['he', 'Hebrew'],
	['hi', 'Hindi'],
	['hu', 'Hungarian'],
	['is', 'Icelandic'],
	['id', 'Indonesian'],
	['it', 'Italian'],
	['ja', 'Japanese'],
	['kn', 'Kannada'],
	['kk', 'Kazakh'],
	['ko', 'Korean'],
	['lv', 'Latvian'],
	['lt', 'Lithuanian'],
	['mk', 'Macedonian'],
	['ms', 'Malay'],
	['mr', 'Marathi'],
	['mi', 'Maori'],
	['ne', 'Nepali'],
	['no', 'Norwegian'],
	['fa', 'Persian'],
	['pl', 'Polish'],
	['pt', 'Portuguese'],
	['ro', 'Romanian'],
	['ru', 'Russian'],
	['sr', 'Serbian'],
	['sk', 'Slovak'],
	['sl', 'Slovenian'],
	['es', 'Spanish'],
	['sw', 'Swahili'],
	['sv', 'Swedish'],
	['tl', 'Tagalog'],
	['ta', 'Tamil'],
	['th', 'Thai'],
	['tr', 'Turkish'],
	['uk', 'Ukrainian'],
	['ur', 'Urdu'],
	['vi', 'Vietnamese'],
	['cy', 'Welsh']
];

/** Languages whose name or code contains `query`, for the searchable picker. */
export function findLanguages(query: string): (readonly [string, string])[] {
	const q = query.trim().toLowerCase();
	if (!q) return [...LANGUAGES];
	const found = LANGUAGES.filter(([code, name]) => code === q || name.toLowerCase().includes(q));
	// An exact code first: "ja" is Japanese before Azerbaijani.
	return found.sort(([a], [b]) => Number(b === q) - Number(a === q));
}
