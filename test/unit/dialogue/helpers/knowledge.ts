/**
 * A fixed catalog for the dialogue tests, generated once from ../shared/spec/taxonomy.json so the
 * tests do not depend on faq/ files other people are editing. FAQ entries are test-made.
 */
import type { Knowledge, Service } from '../../../../src/knowledge/types';

const AGENCIES: [string, string, string][] = [
  ["bappelitbangda", "Badan Perencanaan Pembangunan, Penelitian dan Pengembangan Daerah (Bappelitbangda)", "Bappelitbangda"],
  ["bkad", "Badan Keuangan dan Aset Daerah (BKAD)", "BKAD"],
  ["bapenda", "Badan Pendapatan Daerah (Bapenda)", "Bapenda"],
  ["bkpsdm", "Badan Kepegawaian dan Pengembangan Sumber Daya Manusia (BKPSDM)", "BKPSDM"],
  ["diskominfo", "Dinas Komunikasi dan Informatika (Diskominfo)", "Diskominfo"],
  ["disarpus", "Dinas Kearsipan dan Perpustakaan (Disarpus)", "Disarpus"],
  ["disdukcapil", "Dinas Kependudukan dan Pencatatan Sipil (Disdukcapil)", "Disdukcapil"],
  ["dpmptsp", "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP)", "DPMPTSP"],
  ["dinsos", "Dinas Sosial (Dinsos)", "Dinsos"],
  ["dinkes", "Dinas Kesehatan (Dinkes)", "Dinkes"],
  ["dkpp", "Dinas Ketahanan Pangan (DKPP)", "DKPP"],
  ["disdagin", "Dinas Perdagangan dan Perindustrian (Disdagin)", "Disdagin"],
  ["dlh", "Dinas Lingkungan Hidup (DLH)", "DLH"],
  ["kesbangpol", "Badan Kesatuan Bangsa dan Politik (Kesbangpol)", "Kesbangpol"],
  ["disnaker", "Dinas Ketenagakerjaan (Disnaker)", "Disnaker"],
  ["inspektorat", "Inspektorat Daerah", "Inspektorat Daerah"],
  ["setda-barjas", "Bagian Barang dan Jasa Sekretariat Daerah", "Bagian Barang dan Jasa Sekretariat Daerah"],
  ["setda-organisasi", "Bagian Organisasi Sekretariat Daerah", "Bagian Organisasi Sekretariat Daerah"],
  ["setda-hukum", "Bagian Hukum Sekretariat Daerah", "Bagian Hukum Sekretariat Daerah"],
];

const SERVICES: { id: string; name: string; kind: Service['kind']; apps: { name: string; url: string | null }[]; owners: string[] }[] = [
  { id: "perencanaan", name: "Layanan Perencanaan", kind: "administrasi", apps: [{"name": "e-Perencanaan", "url": "www.perencanaan.cirebonkab.go.id"}], owners: ["bappelitbangda"] },
  { id: "penganggaran", name: "Layanan Penganggaran", kind: "administrasi", apps: [{"name": "e-Perencanaan", "url": "www.perencanaan.cirebonkab.go.id"}], owners: ["bappelitbangda", "bkad"] },
  { id: "keuangan", name: "Layanan Keuangan", kind: "administrasi", apps: [{"name": "SIKATON", "url": "sikaton.cirebonkab.go.id"}, {"name": "SIRAOS", "url": "siraos.cirebonkab.go.id"}], owners: ["bkad"] },
  { id: "pengadaan", name: "Layanan Pengadaan Barang dan Jasa", kind: "administrasi", apps: [{"name": "SIRUP", "url": "lpse.cirebonkab.go.id"}, {"name": "SIKAP", "url": "simpbj.cirebonkab.go.id"}, {"name": "SPSE", "url": "sikap.lkpp.go.id"}, {"name": "LPSE", "url": null}], owners: ["setda-barjas"] },
  { id: "kepegawaian", name: "Layanan Kepegawaian", kind: "administrasi", apps: [{"name": "SIMPEG", "url": "www.simpeg.cirebonkab.go.id"}], owners: ["bkpsdm"] },
  { id: "kearsipan", name: "Layanan Kearsipan Dinamis", kind: "administrasi", apps: [{"name": "SRIKANDI", "url": "srikandi.arsip.go.id"}, {"name": "SIKD", "url": null}], owners: ["disarpus"] },
  { id: "bmd", name: "Layanan Pengelolaan Barang Milik Daerah", kind: "administrasi", apps: [{"name": "SIP-BMD", "url": "bmd.cirebonkab.go.id"}], owners: ["bkad"] },
  { id: "sakip", name: "Layanan Akuntabilitas Kinerja Organisasi", kind: "administrasi", apps: [{"name": "e-SAKIP", "url": "sakip.cirebonkab.go.id"}], owners: ["setda-organisasi"] },
  { id: "kinerja-pegawai", name: "Layanan Kinerja Pegawai", kind: "administrasi", apps: [{"name": "e-Kinerja", "url": "ekinerja.cirebonkab.go.id"}, {"name": "SIPEKA", "url": "sipeka.cirebonkab.go.id"}], owners: ["bappelitbangda", "bkpsdm"] },
  { id: "pengaduan", name: "Layanan Pengaduan Pelayanan Publik", kind: "administrasi", apps: [{"name": "SP4N-LAPOR", "url": "www.lapor.go.id"}], owners: ["diskominfo", "setda-organisasi"] },
  { id: "data-terbuka", name: "Layanan Data Terbuka", kind: "administrasi", apps: [{"name": "Open Data", "url": "cirebonkab.go.id/datasets"}], owners: ["diskominfo"] },
  { id: "jdih", name: "Layanan Jaringan Dokumentasi dan Informasi Hukum", kind: "administrasi", apps: [{"name": "e-JDIH", "url": "jdih.cirebonkab.go.id"}], owners: ["setda-hukum"] },
  { id: "pengawasan", name: "Layanan Pengawasan Internal Pemerintah", kind: "administrasi", apps: [{"name": "SIMWASDA", "url": null}], owners: ["inspektorat"] },
  { id: "kependudukan", name: "Layanan Kependudukan dan Pencatatan Sipil", kind: "publik", apps: [{"name": "SINTREN", "url": null}], owners: ["disdukcapil"] },
  { id: "pajak-daerah", name: "Layanan Pajak Daerah", kind: "publik", apps: [{"name": "AKANG SURJA", "url": null}], owners: ["bapenda"] },
  { id: "perizinan", name: "Layanan Perizinan Online", kind: "publik", apps: [{"name": "Perizinan Online", "url": "izinonline.cirebonkab.go.id"}], owners: ["dpmptsp"] },
  { id: "penapisan-pemudik", name: "Sistem Informasi Penapisan Pemudik", kind: "publik", apps: [{"name": "BALIKJEH", "url": "balikjeh.cirebonkab.go.id"}], owners: ["disdukcapil"] },
  { id: "slrt", name: "Layanan Sosial dan Kesehatan (SLRT)", kind: "publik", apps: [{"name": "SIPEPEK", "url": "sipepek.cirebonkab.go.id"}], owners: ["dinsos", "dinkes"] },
  { id: "harga-pangan", name: "Sistem Informasi Komoditas Harga Pangan", kind: "publik", apps: [{"name": "Sikompa", "url": "harga.dishanpang.cirebonkab.go.id"}], owners: ["dkpp"] },
  { id: "kepokmas", name: "Sistem Informasi Kebutuhan Pokok Masyarakat", kind: "publik", apps: [{"name": "Kepokmas", "url": "kepokmas.cirebonkab.go.id"}], owners: ["disdagin"] },
  { id: "perpustakaan", name: "Layanan Perpustakaan", kind: "publik", apps: [{"name": "Inlis", "url": "perpustakaan.cirebonkab.go.id"}], owners: ["disarpus"] },
  { id: "kegawatdaruratan", name: "Layanan Kesehatan dan Kegawatdaruratan", kind: "publik", apps: [{"name": "Siceria", "url": "rujukan.cirebonkab.go.id"}], owners: ["dinkes"] },
  { id: "persampahan", name: "Layanan Persampahan", kind: "publik", apps: [{"name": "Sebangsakabeh", "url": "sebangsakabeh.cirebonkab.go.id"}], owners: ["dlh"] },
  { id: "perindustrian", name: "Layanan Perindustrian", kind: "publik", apps: [{"name": "Siindah", "url": "siindah.disperdagin.cirebonkab.go.id"}], owners: ["disdagin"] },
  { id: "metrologi", name: "Sistem Informasi Metrologi Legal", kind: "publik", apps: [{"name": "Simila", "url": "simila.cirebonkab.go.id"}], owners: ["disdagin"] },
  { id: "ormas", name: "Sistem Informasi Pendataan Ormas", kind: "publik", apps: [{"name": "Siormas", "url": "siormas.cirebonkab.go.id"}], owners: ["kesbangpol"] },
  { id: "ketenagakerjaan", name: "Layanan Ketenagakerjaan", kind: "publik", apps: [{"name": "Website Disnaker", "url": "disnaker.cirebonkab.go.id"}], owners: ["disnaker"] },
  { id: "infrastruktur-tik", name: "Layanan Infrastruktur TIK (jaringan intra, internet kantor, email dinas, subdomain/hosting, pusat data)", kind: "infrastruktur", apps: [], owners: ["diskominfo"] },
];

export function fixtureKnowledge(): Knowledge {
  const agencies = new Map(AGENCIES.map(([id, name, shortName]) => [id, { id, name, shortName, aliases: [] }]));
  const services = new Map<string, Service>(
    SERVICES.map((s) => [
      s.id,
      {
        id: s.id,
        name: s.name,
        kind: s.kind,
        description: `Deskripsi ${s.name}.`,
        apps: s.apps.map((a) => ({ name: a.name, url: a.url, aliases: [] })),
        provider: s.owners[0]!,
        owners: s.owners,
        technicalManager: `Pengelola teknis ${s.owners[0]}`,
        access: s.apps.length && s.apps[0]!.url ? `Melalui ${s.apps[0]!.url}` : 'Hubungi pengelola layanan',
        availability: { value: '99% per bulan', note: 'Nilai bawaan', isDefault: true },
        keywords: [],
        source: 'uji',
      },
    ]),
  );
  return {
    agencies,
    services,
    labelled: [],
    cues: [],
    cueWeights: {},
    words: {
      complaintService: null, siteAddressWords: [], genericAddressWords: [], genericNameWords: [], placeWords: [], greetingWords: [], fillerWords: [],
      intentWords: [], questionWords: [], reportWords: [], actOfReportingWords: [], bareReportWords: [], reportKindWords: {}, askWords: [], bareQuestionWords: [], openQuestionEntry: 'spbe-pengertian', topicShiftPhrases: [], thanksWords: [],
    },
    coordinatorAgency: 'diskominfo',
    faq: [
      {
        id: 'simpeg-lupa-password',
        service: 'kepegawaian',
        questions: ['q1', 'q2', 'q3'],
        answer: 'Untuk mengatur ulang kata sandi SIMPEG, hubungi admin kepegawaian di Perangkat Daerah Anda.',
        source: 'uji',
        file: 'faq/entries/uji.yaml',
      },
      {
        id: 'spbe-pengertian',
        service: null,
        questions: ['q1', 'q2', 'q3'],
        answer: 'SPBE adalah Sistem Pemerintahan Berbasis Elektronik.',
        source: 'uji',
        file: 'faq/entries/uji.yaml',
      },
    ],
    intents: [],
    fingerprint: 'fixture',
  };
}
