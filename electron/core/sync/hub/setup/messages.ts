import type { HubFailureReason } from '@shared/sync/hub';

/** What the setup script prints for each hub failure (IT staff read Indonesian, like the app's "Tes koneksi"). */
export const HUB_FAILURE_TEXT: Record<HubFailureReason, string> = {
  hub_bad_url: 'Alamat hub tidak sah: tulis http(s)://host[:port].',
  hub_bad_slug: "Slug OPD tidak sah: huruf kecil a–z, angka dan '-', diawali huruf.",
  hub_bad_user: 'Nama pengguna hub tidak sah.',
  hub_not_configured: 'Alamat hub atau slug OPD belum diisi.',
  hub_password_missing: 'Kata sandi belum diisi.',
  hub_wrong_password: 'Nama pengguna atau kata sandi admin salah.',
  hub_no_database: 'Basis data tidak ada di hub.',
  hub_no_permission: 'Akun ini tidak punya izin.',
  hub_refused: 'Hub menolak sambungan: tidak ada CouchDB yang berjalan di alamat dan port itu.',
  hub_dns: 'Nama host hub tidak ditemukan (periksa ejaan alamat atau DNS kantor).',
  hub_timeout: 'Hub tidak menjawab dalam batas waktu.',
  hub_unreachable: 'Hub tidak dapat dihubungi.',
  hub_cert_self_signed: 'Sertifikat HTTPS hub tidak dipercaya (ditandatangani sendiri): pasang sertifikat dari CA yang sah, mis. Let’s Encrypt.',
  hub_cert_expired: 'Sertifikat HTTPS hub kedaluwarsa (atau belum berlaku): perbarui sertifikatnya.',
  hub_cert_invalid: 'Sertifikat HTTPS hub tidak cocok dengan alamatnya atau ditolak.',
  hub_not_couchdb: 'Ada server di alamat itu, tetapi bukan CouchDB.',
};
