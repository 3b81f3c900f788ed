import type { Holiday } from './targets-schema';

/**
 * Indonesia's 2026 public holidays (17 hari libur nasional) and collective
 * leave days (8 cuti bersama), as set by the SKB 3 Menteri: Keputusan
 * Bersama Menteri Agama No. 1497 Tahun 2025, Menteri Ketenagakerjaan No. 2
 * Tahun 2025 and Menteri PANRB No. 5 Tahun 2025 (19 September 2025). The
 * list is editable in Pengaturan → Target; a regency can add its own days.
 */
export const HOLIDAYS_2026_SOURCE =
  'SKB Menteri Agama No. 1497/2025, Menteri Ketenagakerjaan No. 2/2025, Menteri PANRB No. 5/2025';

export const HOLIDAYS_2026: Holiday[] = [
  { date: '2026-01-01', name: 'Tahun Baru 2026 Masehi', kind: 'national' },
  { date: '2026-01-16', name: 'Isra Mikraj Nabi Muhammad SAW', kind: 'national' },
  { date: '2026-02-16', name: 'Cuti bersama Tahun Baru Imlek', kind: 'cuti_bersama' },
  { date: '2026-02-17', name: 'Tahun Baru Imlek 2577 Kongzili', kind: 'national' },
  { date: '2026-03-18', name: 'Cuti bersama Hari Suci Nyepi', kind: 'cuti_bersama' },
  { date: '2026-03-19', name: 'Hari Suci Nyepi (Tahun Baru Saka 1948)', kind: 'national' },
  { date: '2026-03-20', name: 'Cuti bersama Idulfitri 1447 H', kind: 'cuti_bersama' },
  { date: '2026-03-21', name: 'Idulfitri 1447 H', kind: 'national' },
  { date: '2026-03-22', name: 'Idulfitri 1447 H', kind: 'national' },
  { date: '2026-03-23', name: 'Cuti bersama Idulfitri 1447 H', kind: 'cuti_bersama' },
  { date: '2026-03-24', name: 'Cuti bersama Idulfitri 1447 H', kind: 'cuti_bersama' },
  { date: '2026-04-03', name: 'Wafat Yesus Kristus', kind: 'national' },
  { date: '2026-04-05', name: 'Kebangkitan Yesus Kristus (Paskah)', kind: 'national' },
  { date: '2026-05-01', name: 'Hari Buruh Internasional', kind: 'national' },
  { date: '2026-05-14', name: 'Kenaikan Yesus Kristus', kind: 'national' },
  { date: '2026-05-15', name: 'Cuti bersama Kenaikan Yesus Kristus', kind: 'cuti_bersama' },
  { date: '2026-05-27', name: 'Iduladha 1447 H', kind: 'national' },
  { date: '2026-05-28', name: 'Cuti bersama Iduladha 1447 H', kind: 'cuti_bersama' },
  { date: '2026-05-31', name: 'Hari Raya Waisak 2570 BE', kind: 'national' },
  { date: '2026-06-01', name: 'Hari Lahir Pancasila', kind: 'national' },
  { date: '2026-06-16', name: '1 Muharam Tahun Baru Islam 1448 H', kind: 'national' },
  { date: '2026-08-17', name: 'Proklamasi Kemerdekaan RI', kind: 'national' },
  { date: '2026-08-25', name: 'Maulid Nabi Muhammad SAW', kind: 'national' },
  { date: '2026-12-24', name: 'Cuti bersama Hari Raya Natal', kind: 'cuti_bersama' },
  { date: '2026-12-25', name: 'Kelahiran Yesus Kristus', kind: 'national' },
];
