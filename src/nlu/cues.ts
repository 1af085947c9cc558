/**
 * Cue features: short phrase patterns that generalise beyond the training sentences
 * ("tidak bisa" + login/akses, "data ... salah", "belum ada kabar", a question word...).
 * They run on the normalised text in which app mentions are `__app__` and agency mentions
 * `__agency__`, and become extra input features of the type classifier (`#cue:<type>:<name>`
 * and `#cue:<type>`), so their weight is learned together with the words, not hard-coded.
 */
import type { MessageType } from '../domain/ids';

export interface Cue {
  type: MessageType;
  name: string;
  pattern: RegExp;
}

const alt = (words: string): string => `(?:${words.trim().split(/\s*\|\s*/).join('|')})`;
const W = (s: string): RegExp => new RegExp(`(?:^| )${s}(?= |$)`);
/** a then b within `gap` words. */
const near = (a: string, b: string, gap = 4): RegExp => W(`${a}(?: \\S+){0,${gap}} ${b}`);

const SYSTEM = alt('__app__ | aplikasi | website | sistem | server | jaringan | internet | situs | email | sinyal | wifi | komputer | printer | vpn | portal | halaman | akun | laman | modul | menu');
const ACTION = alt(`login | masuk | akses | diakses | mengakses | buka | dibuka | membuka | upload | unggah | mengunggah | diunggah | kirim | mengirim | dikirim | simpan | menyimpan | disimpan | download | unduh | mengunduh | diunduh | cetak | mencetak | dicetak | print | input | menginput | diinput | submit | terhubung | tersambung | connect | konek | loading | load | muncul | tampil | ditampilkan | jalan | berjalan | dipakai | digunakan | dijalankan | verifikasi | sinkron | sinkronisasi | dihubungi | ditemukan | terkirim | tersimpan | terbuka | masukkan | memasukkan | dimasukkan | isi | mengisi | diisi | scan | absen | presensi | bayar | membayar | dibayar | daftar | mendaftar | proses | memproses | diproses | validasi | ttd | tanda tangan | tte | generate | export | ekspor | impor | import | refresh | reset | update | kirimkan`);

const CUES: Cue[] = [
  // gangguan: something is broken
  { type: 'gangguan', name: 'tidak-bisa-aksi', pattern: W(`${alt('tidak | belum')} ${alt('ada yang | satu pun | pernah')}? ?${alt('bisa | dapat | mau | berhasil | bisa di | dapat di')} ${ACTION}`) },
  { type: 'gangguan', name: 'error', pattern: W(alt('error | gagal | galat | crash | hang | down | bug | trouble | troubel | gangguan | terganggu | bermasalah | mati | padam | terputus | putus | diskonek | disconnect | offline | timeout | time out | ngehang | freeze | blank | not found | forbidden | 404 | 500 | 502 | 503 | 403 | force close | keluar sendiri | tidak merespon | tidak respon | tidak berfungsi | tidak jalan | tidak muncul | tidak tampil | tidak terbuka | tidak tersimpan | tidak terkirim | tidak terhubung | tidak stabil | tidak sinkron | belum sinkron | tidak tersinkron | connection refused | mental ke | terlempar ke | balik ke halaman login | kembali ke halaman login | cant be reached | can t be reached | cannot be reached | unreachable | refused to connect | failed | failure | connection failed | internal server error | server error | bad gateway | gateway timeout | service unavailable | unavailable | not responding | unable to | cannot | tidak ditemukan | jadi 0 | jadi nol | menjadi 0 | menjadi nol | berubah sendiri | hack | dihack | diretas | kena hack | peretasan | deface | defacement | virus | malware | phishing | hilang | lenyap | kosong | macet | nyangkut | stuck | eror')) },
  { type: 'gangguan', name: 'muncul-pesan', pattern: W(`${alt('muncul | keluar | tampil | ada')} ${alt('tulisan | pesan | notifikasi | peringatan | keterangan | kode')} ${alt('error | galat | gagal | salah | eror | failed | invalid | tidak')}`) },
  { type: 'gangguan', name: 'loading', pattern: W(`${alt('loading | muter | memuat | berputar')} ${alt('terus | lama | saja | aja | tidak selesai')}`) },
  { type: 'gangguan', name: 'layar', pattern: W(`${alt('layar | tampilan | halaman')} ${alt('putih | hitam | blank | kosong | berantakan')}`) },
  { type: 'gangguan', name: 'sistem-lambat', pattern: near(SYSTEM, alt('lambat | lama | berat | tidak stabil | putus putus | naik turun'), 3) },
  { type: 'gangguan', name: 'sistem-tidak-bisa', pattern: near(SYSTEM, `${alt('tidak | belum')} ${alt('bisa | dapat | berfungsi | jalan | aktif | nyala | terbuka | konek')}`, 3) },
  { type: 'gangguan', name: 'kode-salah', pattern: near(alt('username | password | otp | captcha | kode | token | sertifikat | email verifikasi | link verifikasi | sms'), alt('salah | invalid | tidak valid | tidak sesuai | tidak masuk | tidak pernah masuk | belum masuk | tidak terkirim | tidak pernah sampai | tidak sampai | kadaluarsa | expired'), 5) },
  { type: 'gangguan', name: 'sudah-tapi-status', pattern: near(alt('bayar | membayar | dibayar | terbayar | transfer | ditransfer | dipotong | terpotong | setor | menyetor | upload | mengunggah | kirim | mengirim | submit | daftar | mendaftar'), `${alt('masih | tetap')} ${alt('belum | tidak')} ${alt('lunas | terbayar | bayar | masuk | berubah | tercatat | terupdate | update | muncul | terverifikasi | tampil')}`, 12) },

  // permintaan: a request for an account, access, a reset, an installation, a document
  { type: 'permintaan', name: 'minta-akun', pattern: near(alt('minta | mohon | permohonan | pengajuan | ajukan | mengajukan | request | butuh | perlu | ingin | mau | tolong | bisakah'), alt(`akun | username | user | password | reset | direset | akses | hak akses | pembuatan | buatkan | dibuatkan | dibikinkan | bikin | bikinkan | pemasangan | dipasang | pasang | pasangkan | aktivasi | aktifkan | diaktifkan | dibuka | dibukakan | buka | email | subdomain | domain | hosting | vps | ruang server | colocation | bandwidth | kuota | ip | vpn | zoom | kunci | pembukaan | penambahan user | akun baru | salinan | legalisir | diterbitkan | terbitkan | surel | dikirimkan | dikirim | kirimkan | kirimi | disediakan | sediakan | dibagikan | bagikan | surat | rekomendasi | dokumen | data | dataset | salinannya | berkas | peminjaman | pinjam | instalasi | install | diinstal | dipindah | pemindahan`), 5) },
  { type: 'permintaan', name: 'lupa', pattern: W(`lupa ${alt('password | username | akun | pin | kata sandi | sandi | user | email')}`) },
  { type: 'permintaan', name: 'reset', pattern: W(alt('reset | direset | mereset | reset password | resetkan | atur ulang | aktivasi | pendaftaran akun | pembuatan akun | akun baru | user baru | pemasangan | instalasi | permohonan')) },
  { type: 'permintaan', name: 'terkunci', pattern: W(alt('terkunci | dikunci | terblokir | diblokir | blokir | suspend | disuspend | nonaktif | dinonaktifkan | tidak aktif | kadaluarsa')) },

  // perubahan: correct a record, change the application
  { type: 'perubahan', name: 'data-salah', pattern: near(alt('data | nama | tanggal | tanggal lahir | tempat lahir | nip | nik | gelar | alamat | jabatan | golongan | pangkat | nomor | foto | email | unit kerja | status | pendidikan | riwayat | masa kerja | tmt | jenis kelamin | agama | npwp | rekening | nop | luas | titik'), alt('salah | keliru | tidak sesuai | beda | berbeda | tidak cocok | typo | kurang | belum sesuai | belum diperbarui | belum update | masih lama | tertukar | dobel | ganda'), 6) },
  {
    type: 'perubahan',
    name: 'salah-perbaiki',
    pattern: new RegExp(
      `^(?=.*(?:^| )${alt('salah | keliru | beda | berbeda | tidak sesuai | belum sesuai | tertukar | typo | tidak cocok')}(?= |$))` +
        `(?=.*(?:^| )${alt('perbaiki | diperbaiki | koreksi | dikoreksi | betulkan | dibetulkan | ubah | diubah | ganti | diganti | sesuaikan | disesuaikan | update | diupdate | ralat | diralat | revisi | direvisi | perbarui | diperbarui')}(?= |$))`,
    ),
  },
  { type: 'perubahan', name: 'koreksi', pattern: W(alt('koreksi | dikoreksi | mengoreksi | ralat | diralat | revisi | direvisi | perbaiki data | perbaikan data | ubah data | perubahan data | ganti data | update data | pemutakhiran | dimutakhirkan | mutakhirkan | disesuaikan | sesuaikan | perbarui data | diperbarui datanya | ubah nama | ganti nama | pembetulan | dibetulkan | betulkan')) },
  { type: 'perubahan', name: 'ubah-data', pattern: near(alt('ubah | diubah | ganti | diganti | update | diupdate | perbarui | diperbarui | perbaiki | diperbaiki | ubahkan | edit | diedit | hapus | dihapus'), alt('data | nama | tanggal | nip | nik | gelar | alamat | jabatan | golongan | pangkat | nomor | foto | riwayat | profil | biodata | unit kerja | status'), 3) },
  { type: 'perubahan', name: 'fitur', pattern: near(alt('tambah | ditambah | ditambahkan | tambahkan | penambahan | menambah | menambahkan | usul | usulan | buat | dibuat | buatkan | dibikin | bikin | bikinkan | pengembangan | kembangkan | dikembangkan | ubah | diubah | perubahan | ganti | diganti'), alt('versi | fitur | menu | kolom | field | notifikasi | modul | fasilitas | tombol | filter | form | formulir | tampilan | format | template | laporan baru | integrasi | alur'), 4) },
  { type: 'perubahan', name: 'data-diperbarui', pattern: near(alt('data | nama | alamat | jabatan | unit kerja | satuan kerja | opd | instansi | bidang | pemegang | pengurus | kepengurusan | susunan pengurus | atasan | profil | biodata | riwayat | status'), alt('diperbarui | diperbaharui | diubah | diganti | dikoreksi | disesuaikan | update | dimutakhirkan | dipindah | dipindahkan | dibetulkan'), 6) },
  { type: 'perubahan', name: 'tertulis-seharusnya', pattern: near(alt('tertulis | tercatat | tercantum | terisi | terinput | terdata | terdaftar | muncul | tampil'), alt('seharusnya | harusnya | semestinya | mestinya | yang benar | padahal'), 10) },
  { type: 'perubahan', name: 'ganti-yang-baru', pattern: near(alt('diganti | ganti | gantikan | diubah | ubah | dipindah | dipindahkan | dialihkan | diarahkan'), alt('yang baru | terbaru | yang sekarang | yang benar | nomor baru | email baru | alamat baru | akun baru'), 5) },
  { type: 'perubahan', name: 'usul-tambah', pattern: near(alt('usul | usulan | saran | mengusulkan | menyarankan | sebaiknya | alangkah baiknya | mohon | tolong | bisakah | harap'), alt('ditambah | ditambahkan | ditambahin | tambahkan | dilengkapi | diberi | dikasih fitur | dibuatkan fitur | diperluas | dibuat lebih | diubah jadi | diganti jadi'), 8) },
  { type: 'perubahan', name: 'fitur-baru', pattern: W(alt('fitur baru | menu baru | kolom baru | penambahan fitur | pengembangan fitur | pengembangan aplikasi | perubahan aplikasi | perubahan tampilan | perubahan alur | change request')) },

  // keluhan: quality of service / officers
  { type: 'keluhan', name: 'kecewa', pattern: W(alt('kecewa | mengecewakan | buruk | jelek | parah | payah | kesal | kesel | jengkel | marah | menyebalkan | tidak ramah | judes | ketus | kasar | galak | sombong | cuek | acuh | tidak sopan | tidak profesional | tidak becus | tidak kompeten | jutek | dibentak | membentak | bentak | dimarahi | marah marah | lalai | kelalaian | tidak bertanggung jawab | keberatan | biaya tambahan | meminta biaya | minta biaya | dimintai biaya | dimintai uang | pungli | pungutan liar | calo | sogok | suap | minta uang | dipersulit | mempersulit | berbelit | berbelit belit | dilempar | diping pong | pingpong | ditelantarkan | diabaikan | dicuekin | tidak adil | diskriminasi | komplain | complain | keluhan | mengeluh | mengeluhkan | protes | mengadukan | mengadu | adukan')) },
  { type: 'keluhan', name: 'niat-mengeluh', pattern: near(alt('mau | ingin | akan | hendak | izin | perlu'), alt('komplain | complain | mengeluh | mengeluhkan | mengadu | mengadukan | protes | menyampaikan keluhan | menyampaikan kekecewaan | menyampaikan keberatan | menyampaikan kritik | kritik'), 2) },
  { type: 'keluhan', name: 'retoris', pattern: W(alt('apa wajar | wajar tidak | masa iya | terus gunanya | lalu gunanya | jadi gunanya | bagaimana sih | kenapa sih | kok bisa | ke mana saja | ke mana sih | bagaimana mau | padahal katanya | katanya bisa | katanya cuma | katanya hanya | percuma | sia sia | buang waktu | buang buang waktu | tidak ada gunanya | apa gunanya | terus buat apa | lalu buat apa | jadi buat apa | dirugikan | merugikan | rugi | keterlaluan | tidak masuk akal | capek | cape deh')) },
  { type: 'keluhan', name: 'jarang-diperbarui', pattern: W(`${alt('jarang | tidak pernah | belum pernah | lama tidak | sudah lama tidak')} ${alt('banget | sekali | sangat')}? ?${alt('update | diperbarui | diperbaharui | dimutakhirkan | diisi | diurus | dirawat | dibersihkan | diangkut | dibalas | ditanggapi | direspon | diangkat')}`) },
  { type: 'keluhan', name: 'menunggu-sekian', pattern: W(`${alt('menunggu | nunggu | antri | antre | ditunggu | ditunggu tunggu')} ${alt('\\d+ | satu | dua | tiga | empat | lima | setengah | seminggu | sebulan | setahun | berjam jam | berhari hari | berminggu minggu | berbulan bulan')} ?${alt('jam | hari | minggu | bulan | tahun')}?`) },
  { type: 'keluhan', name: 'baru-sekian-kemudian', pattern: W(`baru ${alt('datang | tiba | sampai | dibalas | dijawab | direspon | ditanggapi | dilayani | diproses | dipanggil')} ${alt('\\d+ | satu | dua | tiga | setengah | berjam jam | berhari hari | seminggu | sebulan')} ?${alt('jam | hari | minggu | bulan | menit')}? ?${alt('kemudian | setelahnya | lagi | lebih')}?`) },
  { type: 'keluhan', name: 'data-basi', pattern: W(`masih ${alt('data | harga | info | informasi | lowongan | berita | tarif | jadwal | isinya')}? ?${alt('bulan lalu | tahun lalu | minggu lalu | tahun kemarin | bulan kemarin | tahun \\d{4}')}`) },
  { type: 'keluhan', name: 'belum-ada-kabar', pattern: W(`${alt('belum | tidak | tak | tiada | tanpa')} ${alt('ada')}? ?${alt('kabar | kejelasan | tanggapan | respon | respons | balasan | jawaban | tindak lanjut | tindaklanjut | kepastian | follow up | progres | perkembangan')}`) },
  { type: 'keluhan', name: 'tidak-diproses', pattern: W(`${alt('tidak | belum | tak | ga')} ${alt('pernah | juga | kunjung | segera')}? ?${alt('di acc | diacc | disetujui | ditandatangani | diverifikasi | divalidasi | diproses | diproses proses | ditanggapi | direspon | direspons | dibalas | dilayani | ditindaklanjuti | diurus | diangkat | datang | lewat | diangkut | diambil | dikerjakan | selesai selesai | jadi jadi | beres | kelar | keluar keluar | terbit terbit')}`) },
  { type: 'keluhan', name: 'lambat-layanan', pattern: near(alt('pelayanan | layanan | proses | prosesnya | petugas | pegawai | antri | antrian | antre | antrean | pengurusan | penerbitan | respon | tanggapan | __agency__ | dinas | kantor | loket | pengajuan | permohonan | berkas'), alt('lama | lambat | lama sekali | berbulan | berminggu | bertele | lelet | molor | terlambat | telat | tidak jelas | ribet | mahal | sulit'), 5) },
  { type: 'keluhan', name: 'lambat-layanan-2', pattern: near(alt('lama | lambat | lelet | molor'), alt('pelayanan | layanan | proses | diproses | memproses | petugas | pegawai | antri | antrian | pengurusan | penerbitan | __agency__ | dinas | mutasi | balas | membalas | tanggap | menanggapi | respon | merespon'), 4) },
  { type: 'keluhan', name: 'sudah-lama-menunggu', pattern: W(`${alt('sudah | udah | sampai | hampir | lebih dari')}? ?${alt('lama | berapa lama | \\d+ | satu | dua | tiga | empat | lima | enam | seminggu | sebulan | setahun | berhari hari | berminggu minggu | berbulan bulan')} ${alt('hari | minggu | bulan | tahun | jam | pekan')}? ?${alt('menunggu | nunggu | belum | tidak | tanpa | mengajukan | mengurus | antri')}`) },
  { type: 'keluhan', name: 'hari-tidak', pattern: W(`${alt('\\d+ | satu | dua | tiga | empat | lima | enam | seminggu | sebulan')} ${alt('hari | minggu | bulan | pekan')}`) },

  // informasi: questions
  { type: 'informasi', name: 'tanya', pattern: W(alt('what | how | where | when | which | who | apa | apakah | bagaimana | cara | caranya | di mana | mana | siapa | siapakah | kapan | berapa | mengapa | kenapa | link | tautan | url | alamat | website | situs | syarat | persyaratan | prosedur | alur | mekanisme | tahapan | langkah | jadwal | jam | fungsi | manfaat | kegunaan | tujuan | pengertian | arti | maksud | definisi | jelaskan | penjelasan | informasi | tanya | bertanya | nanya | pertanyaan | beda | perbedaan | contoh | panduan | tutorial | manual | dasar hukum | kewenangan | wewenang | berwenang | penanggung jawab | pengelola | dikelola | tugas | daftar | ketentuan')) },
  { type: 'informasi', name: 'apa-saja', pattern: W(alt('apa saja | apa aja | itu apa | untuk apa | buat apa | apa namanya | namanya apa | pakai apa | lewat apa | lewat mana | melalui apa | menu apa | aplikasi apa | layanan apa | di menu mana | dari menu mana | menu mana | bagaimana cara | tata cara | cara nya | apa itu | apa ya | ada di mana | di mana ya | bisa di mana | diunduh di mana')) },
  { type: 'informasi', name: 'tanda-tanya', pattern: W('__q__') },

  // lacak_tiket: status of an existing ticket / report
  { type: 'lacak_tiket', name: 'nomor', pattern: W('__tiket__') },
  { type: 'lacak_tiket', name: 'status-laporan', pattern: near(alt('status | perkembangan | progres | progress | kelanjutan | tindak lanjut | nasib | kabar | posisi | sampai mana | bagaimana | gimana | cek | lacak | melacak | pantau | memantau'), alt('tiket | laporan saya | laporan kami | pengaduan saya | aduan saya | keluhan saya | tiket saya | laporan yang | pengaduan yang | laporan kemarin | laporan tadi | laporan minggu | laporan bulan | laporan sebelumnya'), 4) },
  { type: 'lacak_tiket', name: 'laporan-status', pattern: near(alt('tiket | laporan saya | laporan kami | pengaduan saya | aduan saya | keluhan saya | laporan kemarin | laporan sebelumnya | laporan tadi | yang saya laporkan | yang kami laporkan | saya laporkan'), alt('bagaimana | gimana | sampai mana | sudah sampai | perkembangan | perkembangannya | statusnya | status | kabarnya | sudah diproses | sudah ditindaklanjuti | diproses belum | ditindaklanjuti | sudah selesai | kapan selesai | belum ada'), 5) },
  { type: 'lacak_tiket', name: 'nomor-tiket', pattern: W(alt('nomor tiket | no tiket | kode tiket | cek tiket | lacak tiket | status tiket | tiket saya | tiket nomor')) },

  // minta_agen: a human, please
  { type: 'minta_agen', name: 'sambungkan', pattern: near(alt('sambung | sambungkan | disambungkan | menyambungkan | hubungkan | dihubungkan | menghubungkan | bicara | berbicara | ngobrol | mengobrol | chat | chatting | komunikasi | berkomunikasi | dilayani | dibantu | bantuan | butuh | perlu | minta | mau | ingin | panggil | panggilkan | oper | alihkan | dialihkan | transfer | telepon | telpon | kontak | nomor | hubungi | menghubungi'), alt('petugas | admin | operator | customer service | manusia | orang | agen | agent | staf | staff | pegawai | officer | cs | call center | helpdesk | humas | pihak | live'), 4) },
  { type: 'minta_agen', name: 'bukan-bot', pattern: W(`${alt('bukan | jangan | tidak mau | tidak ingin | ogah | males | malas')} ${alt('bot | robot | mesin | otomatis | chatbot | ai')}`) },
  { type: 'minta_agen', name: 'manusia', pattern: W(alt('orang asli | manusia asli | admin asli | petugas asli | orang beneran | manusia beneran | live chat | live agent | real person | human | admin manusia | petugas manusia | ada orang | ada admin | ada petugas | adminnya ada')) },

  // sapaan: handled by the greeting-only feature in type-classifier (all tokens are greetings)
  { type: 'sapaan', name: 'salam', pattern: W(alt('halo | hai | pagi | siang | sore | malam | selamat | permisi | assalamualaikum | waalaikumsalam | salam | terima kasih | oke | siap | baik | mantap | nuhun | sampurasun | rampes | punten | dadah | bye | jumpa | good | morning')) },

  // di_luar_layanan: outside Pemkab Cirebon's SPBE services
  { type: 'di_luar_layanan', name: 'topik-luar', pattern: W(alt('spt tahunan | djponline | djp online | coretax | efiling | persib | persija | timnas | pinjaman | modal usaha | kredit usaha | kur | bunga pinjaman | bunga rendah | pajak motor | pajak kendaraan | pajak mobil | pkb | bbnkb | jht | bpjs kesehatan | bpjs ketenagakerjaan | cuaca | hujan | gerimis | panas terik | banjir | suhu | ramalan | zodiak | horoskop | jodoh | pacar | gebetan | mantan | cinta | galau | lelucon | lawak | lucu | joke | jokes | pantun | tebak tebakan | teka teki | puisi | cerpen | lagu | musik | film | drakor | anime | game | mobile legend | ml | ff | bola | sepak bola | skor | pertandingan | piala | liga | politik | pilkada | pilpres | pemilu | partai | capres | caleg | calon bupati | presiden | resep | masak | memasak | kue | makanan enak | kuliner | wisata | liburan | hotel | tiket pesawat | tiket kereta | kereta | pesawat | ongkir | belanja | shopee | tokopedia | lazada | diskon | promo | jualan | jual beli | beli hp | harga hp | harga emas | beli emas | saham | crypto | kripto | bitcoin | forex | trading | togel | judi | slot | pinjol | pinjaman online | kredit motor | cicilan | paylater | pulsa | kuota internet | paket data | token listrik | pln | pdam | bpjs | sim | stnk | samsat | tilang | paspor | imigrasi | nikah | kua | sekolah | kuliah | pr | tugas sekolah | ujian | soal ujian | ulangan | les | bahasa inggris | pekerjaan rumah | matematika | terjemahkan | translate | artis | gosip | viral')) },
  { type: 'di_luar_layanan', name: 'kerja-swasta', pattern: near(alt('lowongan | loker | kerja | bekerja | kerjaan | melamar | lamaran | rekrutmen | gaji'), alt('bank | pt | perusahaan | swasta | pabrik | toko | minimarket | indomaret | alfamart | startup | bumn | kafe | cafe | restoran | hotel | ojol | ojek | gojek | grab | luar negeri | tki | jepang | korea | malaysia'), 5) },
  { type: 'di_luar_layanan', name: 'tolong-pribadi', pattern: near(alt('buatkan | bikinkan | bikin | kerjakan | kerjain | carikan | cariin | pinjami | pinjamkan | beliin | belikan | kirimi | transferin'), alt('caption | konten | desain | logo | instagram | ig | tiktok | status | tugas | pr | makalah | skripsi | puisi | pantun | lagu | cerita | jodoh | pacar | uang | duit | pulsa | makanan | kue'), 4) },
];

export const TYPE_CUES: readonly Cue[] = CUES;

/** Tokens that, alone, make a message a greeting / thanks / goodbye. */
export const GREETING_TOKENS: ReadonlySet<string> = new Set([
  'halo', 'hai', 'pagi', 'siang', 'sore', 'malam', 'selamat', 'permisi', 'assalamualaikum', 'waalaikumsalam',
  'salam', 'wr', 'wb', 'warahmatullahi', 'wabarakatuh', 'warahmatullah', 'terima', 'kasih', 'banyak', 'oke',
  'siap', 'baik', 'mantap', 'sampurasun', 'rampes', 'dadah', 'bye', 'sampai', 'jumpa', 'good', 'morning',
  'admin', 'kakak', 'bapak', 'ibu', 'mas', 'mbak', 'sehat', 'semua', 'tim', 'helpdesk', 'ya', 'nggih', 'enggih',
  'muhun', 'sip', 'noted', 'paham', 'mengerti', 'jelas', 'dong', 'deh', 'nih', 'sore', 'met', 'yah', 'ok',
  'om', 'swastiastu', 'shalom', 'salam sejahtera', 'sejahtera', 'kabar', 'apa', 'bagaimana', 'lagi', 'sudah',
  'cukup', 'itu', 'saja', 'aja', 'dulu', 'nuhun', 'hatur', 'matur', 'nuwun', 'sugeng', 'wilujeng', 'enjing',
  'test', 'tes', 'p', 'ping', 'min', 'gan', 'sis', 'bro', 'sob', 'kang', 'teh', 'a', 'hallo', 'hay', 'hi',
  'assalamu', 'alaikum', 'waalaikum', 'selamat', 'datang', 'wah', 'oh', 'iya', 'yaa', 'ya', 'atas', 'bantuannya',
  'bantuan', 'infonya', 'informasinya', 'jawabannya', 'responnya', 'sudah', 'membantu', 'berguna',
]);

/**
 * The cue features of a cue text (tokens joined by spaces). The cues are written for base words;
 * "pelayanannya", "sistemnya" also count as "pelayanan", "sistem" (cues that fire only so come last).
 */
export function cueFeatures(cueText: string): string[] {
  const fired = CUES.map((cue) => cue.pattern.test(cueText));
  const passes = [fired];
  const baseText = cueText.replace(/(?<=\S{3})nya(?= |$)/g, '');
  if (baseText !== cueText) passes.push(CUES.map((cue, i) => !fired[i] && cue.pattern.test(baseText)));
  const out: string[] = [];
  for (const pass of passes) {
    CUES.forEach((cue, i) => {
      if (pass[i]) out.push(`#cue:${cue.type}:${cue.name}`, `#cue:${cue.type}`);
    });
  }
  return out;
}
