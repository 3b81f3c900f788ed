/**
 * Answer templates for aduan. Placeholders: {sapaan} (the reporter's handle
 * or "Bapak/Ibu"), {topik}, {opd}, {bidang}. Plain text so it pastes into any channel.
 */
export const ANSWER_TEMPLATES = {
  terima_kasih: 'Terima kasih {sapaan} atas laporannya terkait {topik}. Laporan sudah kami teruskan ke {bidang} {opd} dan akan kami tindak lanjuti. Perkembangannya akan kami sampaikan di sini.',
  sudah_ditangani: 'Terima kasih {sapaan}. Laporan terkait {topik} sudah ditindaklanjuti oleh {bidang} {opd}. Apabila masih ada kendala, silakan sampaikan kembali kepada kami.',
  butuh_data: 'Terima kasih {sapaan} atas laporannya terkait {topik}. Agar dapat kami tindak lanjuti, mohon kirimkan lokasi lengkap dan waktu kejadian melalui pesan langsung. Identitas pelapor kami jaga kerahasiaannya.',
  bukan_kewenangan: 'Terima kasih {sapaan}. Laporan terkait {topik} bukan kewenangan {opd}; sudah kami sampaikan kepada instansi yang berwenang. Silakan juga melapor melalui SP4N-LAPOR! (www.lapor.go.id).',
} as const;
export type AnswerTemplateId = keyof typeof ANSWER_TEMPLATES;

export function fillTemplate(
  id: AnswerTemplateId,
  v: { handle: string; topic: string; opd: string; bidang: string },
): string {
  const handle = v.handle.trim();
  const values: Record<string, string> = {
    sapaan: handle || 'Bapak/Ibu',
    topik: v.topic.trim() || 'hal tersebut',
    opd: v.opd.trim() || 'kami',
    bidang: v.bidang.trim() || 'bidang terkait',
  };
  return ANSWER_TEMPLATES[id].replace(/\{(sapaan|topik|opd|bidang)\}/g, (_, k: string) => values[k]);
}
