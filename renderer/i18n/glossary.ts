/**
 * The glossary of the Indonesian UI: which English words stay (and why), and
 * which Indonesian term replaces an English one everywhere. A unit test
 * (tests/unit/renderer/glossary.test.ts) reads every Indonesian text of the
 * catalogue with the app's own Indonesian spelling check (LibreOffice id_ID
 * Hunspell list plus affixes) and fails on any word that is neither
 * Indonesian nor listed here, and on any term listed in USE_INSTEAD.
 *
 * Not checked, by design: {placeholders}, web addresses, file and permission
 * names (anything with . _ or / inside, e.g. tweet.read, /wp-json/), words
 * in straight double quotes (labels of another program's screen the person
 * must find there, e.g. "Authorize app"), acronyms (OPD, PDF) and single
 * letters.
 */

/** Words kept as people say them in Indonesian offices, lower-case. Each group says why. */
export const KEPT_WORDS: Record<string, readonly string[]> = {
  // Platforms, products and their own feature names, as their Indonesian screens show them.
  platforms: [
    'instagram', 'facebook', 'story', 'reel', 'whatsapp', 'x', 'twitter', 'wordpress', 'youtube', 'tiktok', 'google', 'sheets', 'excel', 'word',
    'iphone', 'linux', 'couchdb', 'apache', 'fastcgi', 'wordfence', 'ithemes', 'solid', 'kwallet', 'gnome', 'meta', 'graph', 'markdown', 'webp',
    'srgb', 'english', 'json', 'oauth', 'sp4n-lapor', 'mailto',
  ],
  // WordPress's own Indonesian screens keep these (Tag, Slug, Plugin, Permalink).
  wordpress: ['tag', 'slug', 'plugin', 'permalink'],
  // IT words used as such in Indonesian (KBBI lists most of them), for IT staff messages.
  it: ['token', 'server', 'hosting', 'firewall', 'port', 'hub', 'tab', 'emoji', 'internet', 'antivirus', 'metadata', 'desktop', 'byte', 'flashdisk', 'px'],
  // Journalism terms Indonesian newsrooms use in English.
  journalism: ['dateline', 'lead'],
  // Keys on the keyboard.
  keys: ['ctrl', 'esc', 'alt'],
  // Abbreviations written in lower case: md = milidetik, mis. = misalnya, maks. = maksimal; date patterns.
  abbreviations: ['md', 'mis', 'maks', 'dd', 'mm', 'yyyy', 'hh', 'yyyy-mm-dd', 'perpres', 'permenpanrb'],
  // Indonesian words (KBBI) that the Hunspell id_ID list lacks.
  kbbi: [
    'rinci', 'rincian', 'templat', 'fitur', 'piksel', 'megapiksel', 'kredensial', 'perkecil', 'perbesar', 'perbesaran', 'persingkat', 'perpanjang',
    'perpanjangan', 'diska', 'korsel', 'daring', 'luring', 'unggahan', 'ber-pin', 'lembar',
  ],
  // Names in examples and placeholders (a regency, its villages, an agency).
  names: ['blora', 'jepon', 'dinkominfo', 'bloramustika', 'dinkes', 'kominfo'],
};

/** English UI words and the Indonesian term used instead, everywhere (lower-case). */
export const USE_INSTEAD: Record<string, string> = {
  'application password': 'Kata Sandi Aplikasi (WordPress)',
  'brand kit': 'kit merek',
  slide: 'halaman (kartu info)',
  carousel: 'korsel (Meta)',
  feed: 'kabar beranda (Facebook)',
  thumbnail: 'gambar mini',
  login: 'masuk',
  posting: 'unggahan',
  excerpt: 'kutipan (WordPress)',
  callback: 'alamat kembali',
  tracking: 'pelacakan',
  disk: 'diska',
  page: 'Halaman (Facebook)',
  suggestion: 'saran',
  queued: 'dalam antrean',
  spreadsheet: 'lembar kerja',
};
