## Litsenziya tekshiruvining xulosasi: ishchi tushunadigan bitta oddiy gap.

verdict-may-recruit = { $agency } amaldagi litsenziyaga ega va { $until } gacha quyidagi mamlakatlarga ishchi yollashi mumkin: { $countries }. Shunday bo‘lsa ham, shartnoma imzolanmaguncha hech qanday to‘lov qilmang va pasportingizni o‘zingizda saqlang.
verdict-not-yet-valid = { $agency } hali ishchi yollashi MUMKIN EMAS: litsenziyasi { $from } dan kuchga kiradi. Shungacha unga pul to‘lamang va pasportingizni bermang.
verdict-suspended = { $agency } hozir ishchi yollashi MUMKIN EMAS: litsenziyasi to‘xtatilgan. Unga pul to‘lamang, pasportingizni bermang, xabar bering.
verdict-suspended-until = { $agency } hozir ishchi yollashi MUMKIN EMAS: litsenziyasi { $until } gacha to‘xtatilgan. Unga pul to‘lamang, pasportingizni bermang, xabar bering.
verdict-revoked = { $agency } ishchi yollashi MUMKIN EMAS: litsenziyasi bekor qilingan. Unga pul to‘lamang, pasportingizni bermang, xabar bering.
verdict-expired = { $agency } ishchi yollashi MUMKIN EMAS: litsenziyasining muddati { $until } da tugagan. Unga pul to‘lamang, pasportingizni bermang, xabar bering.
verdict-surrendered = { $agency } ishchi yollashi MUMKIN EMAS: u litsenziyasidan voz kechgan. Unga pul to‘lamang, pasportingizni bermang, xabar bering.
verdict-complaints = { $count ->
   *[other] Vazirlik ushbu agentlik haqidagi { $count } ta shikoyatni asosli deb topdi.
}

## Xato sarlavhalari, xato turi bo‘yicha.

title-bad-request = Noto‘g‘ri so‘rov
title-invalid-fields = Yaroqsiz so‘rov
title-license-not-found = Litsenziya topilmadi
title-not-found = Topilmadi
title-method-not-allowed = Usulga ruxsat yo‘q
title-payload-too-large = So‘rov juda katta
title-unsupported-media-type = Qo‘llab-quvvatlanmaydigan ma’lumot turi
title-unauthorized = Avtorizatsiya talab qilinadi
title-forbidden = Ruxsat yo‘q
title-conflict = Ziddiyat
title-impossible-transition = Litsenziya bilan bu amalni bajarib bo‘lmaydi
title-stale-version = Eskirgan versiya
title-if-match-required = If-Match talab qilinadi
title-too-many-requests = So‘rovlar juda ko‘p
title-token-request = Token so‘rovi rad etildi
title-service-unavailable = Xizmat mavjud emas
title-internal-error = Serverning ichki xatosi

## Xato tavsiflari.

detail-license-not-found = { $number } raqamli litsenziya ro‘yxatdan o‘tmagan. Ro‘yxatdan o‘tgan litsenziyasi bo‘lmagan agentlik ishchi yollashi mumkin emas: unga pul to‘lamang, pasportingizni bermang va bu haqda xabar bering.
detail-license-event-not-found = Litsenziya tarixida sababi ko‘rsatilgan { $id } yozuvi yo‘q.
detail-method-not-allowed = Bu manba faqat { $methods } so‘rovlariga javob beradi.
detail-service-unavailable = Reyestr hozir o‘z ma’lumotlar bazasiga ulana olmayapti. Bir necha soniyadan keyin qayta urinib ko‘ring.
detail-starting = Reyestr hali o‘z ma’lumotlarini xotiraga yuklamoqda. Bir necha soniyadan keyin qayta urinib ko‘ring.
detail-internal-error = Reyestr bu so‘rovga javob bera olmadi. Xato jurnalga yozildi.
detail-too-many-requests = Bu manzildan so‘rovlar juda ko‘p (daqiqasiga ko‘pi bilan { $per_minute } ta). { $retry_after ->
   *[other] { $retry_after } soniyadan
} keyin qayta urinib ko‘ring.
detail-too-many-snapshots = Bu manzildan butun reyestr shu soatda { $quota } marta yuklab olingan. Buning o‘rniga o‘zgarishlar lentasini snapshot `seq` raqamidan kuzating yoki { $retry_after ->
   *[other] { $retry_after } soniyadan
} keyin qayta urinib ko‘ring.
detail-busy = Server bir vaqtda imkoni boricha reyestr yuklamalarini yubormoqda. { $retry_after ->
   *[other] { $retry_after } soniyadan
} keyin qayta urinib ko‘ring.
detail-too-many-wrong-secrets = Bu mijoz uchun noto‘g‘ri maxfiy kalitlar juda ko‘p. { $retry_after ->
   *[other] { $retry_after } soniyadan
} keyin qayta urinib ko‘ring.
detail-stale-version = Siz o‘qiganingizdan keyin kimdir bu manbani o‘zgartirdi. Uni qayta yuklang (GET), o‘zgarishlarni tekshiring va yangi ETag bilan qayta urinib ko‘ring.
detail-if-match-required = O‘zgartirish uchun tahrir qilinayotgan versiyaning ETag qiymati bilan `If-Match` kerak: avval manbani o‘qing (GET), so‘ng uning ETag qiymatini yuboring.
detail-bad-json = So‘rov tanasi yaroqli JSON emas ({ $line }-qator, { $column }-ustun).
detail-bad-query = So‘rov satri bu amalga mos emas: { $name } — { $reason }.
detail-bad-path = Yo‘l bu amalga mos emas: { $name } — { $reason }.
detail-parameter-refused = `{ $name }`: { $reason }.
detail-body-misfit = So‘rov tanasi bu amalga mos emas: { $field } — { $reason }.
detail-invalid-fields = So‘rovda yaroqsiz maydonlar bor: { $fields }.
detail-invalid-parameter = `{ $field }` so‘rov parametri yaroqsiz: { $reason }.
detail-not-json = So‘rov tanasi JSON bo‘lishi kerak (`application/json`).
detail-unreadable-request = So‘rovni o‘qib bo‘lmaydi: uning manzili, sarlavhalari yoki tanasi buzilgan.
detail-unstorable-text = So‘rovda saqlab bo‘lmaydigan belgili matn bor (masalan, NUL).
detail-resource-not-found = Bunday manba yo‘q.
detail-no-resource = { $path } manzilida manba yo‘q. API tavsifi /docs sahifasida.
detail-method-refused = Bu manba bu usulga javob bermaydi.
detail-payload-too-large = So‘rov tanasi bu amal qabul qiladiganidan katta (ko‘pi bilan { $max_kib } KiB).
detail-unsupported-media-type = Bu amal bunday turdagi so‘rov tanasini qabul qilmaydi.
detail-agency-not-found = { $id } identifikatorli agentlik ro‘yxatdan o‘tmagan.
detail-complaint-not-found = { $id } shikoyati bu mijozga ko‘rinmaydi.
detail-recruiter-not-published = { $id } shikoyatidagi yollovchi e’lon qilinmagan.
detail-client-not-found = { $id } faol mijoz yo‘q.
detail-key-not-found = { $kid } faol kalit yo‘q.
detail-taxpayer-id-taken = Bu STIR bilan boshqa agentlik allaqachon ro‘yxatdan o‘tgan.
detail-license-number-taken = Bu litsenziya raqami (shu yoki o‘xshash yozilishda) allaqachon ro‘yxatdan o‘tgan.
detail-not-a-license-number = `{ $text }` litsenziya raqami emas: { $reason }.
detail-impossible-transition = `{ $status }` holatidagi litsenziyani `{ $action }` qilib bo‘lmaydi. Hozir mumkin: { $possible }.
detail-impossible-transition-final = `{ $status }` holatidagi litsenziyani `{ $action }` qilib bo‘lmaydi: `{ $status }` yakuniy holat.
detail-impossible-triage = `{ $status }` holatidagi shikoyatni `{ $to }` holatiga o‘tkazib bo‘lmaydi. Hozir mumkin: { $possible }.
detail-impossible-triage-final = `{ $status }` holatidagi shikoyatni `{ $to }` holatiga o‘tkazib bo‘lmaydi: `{ $status }` yakuniy holat.
detail-complaint-quota = Bu mijoz bir soatlik shikoyatlar chegarasiga yetdi; keyinroq qayta urinib ko‘ring.
detail-idempotency-key-required = Shikoyat berish uchun `Idempotency-Key` sarlavhasi kerak (1 dan 255 gacha ko‘rinadigan ASCII belgi, masalan UUID), shunda qayta yuborish hech qachon ikki marta shikoyat bermaydi.
detail-idempotency-key-reused = Bu Idempotency-Key boshqa so‘rov tanasi bilan ishlatilgan. Yangi shikoyat uchun yangi kalit ishlating.
detail-idempotency-in-progress = Bu Idempotency-Key bilan so‘rov hali bajarilmoqda.
detail-publish-registered-agency = Bu shikoyat ro‘yxatdan o‘tgan agentlikni ko‘rsatadi: uning ochiq hisoblari agentlikniki, e’lon qilinadigan yollovchi yo‘q.
detail-publish-untriaged = `{ $status }` holatidagi shikoyatni e’lon qilib bo‘lmaydi: avval uni ko‘rib chiqing va faqat asossiz deb topilmaganini e’lon qiling.
detail-role-needed = Bu amal uchun { $needed } roli kerak; bu mijozning roli { $role }.
detail-token-missing = Bu amal uchun kirish tokeni kerak: `Authorization: Bearer <token>`.
detail-token-expired = Kirish tokenining muddati tugagan: /v1/auth/token orqali yangisini oling.
detail-token-refused = Kirish tokeni rad etildi ({ $reason }).
detail-token-client-disabled = Bu tokenning mijozi o‘chirilgan.
detail-authorization-unreadable = Authorization sarlavhasini matn sifatida o‘qib bo‘lmaydi.
detail-authorization-not-bearer = Authorization sarlavhasi `Bearer <token>` ko‘rinishida bo‘lishi kerak.
detail-token-unknown-client = Noma’lum yoki o‘chirilgan mijoz, yoki noto‘g‘ri maxfiy kalit.
detail-token-grant-type-missing = `grant_type` kerak.
detail-token-grant-type-unsupported = Faqat `client_credentials` qo‘llab-quvvatlanadi.
detail-token-credentials-missing = `client_id` va `client_secret` kerak.
detail-token-credentials-unreadable = `client_id` va `client_secret` 1 dan 200 gacha bosma belgidan iborat bo‘lishi kerak.
detail-token-body-unreadable = So‘rov tanasini o‘qib bo‘lmaydi: `grant_type`, `client_id` va `client_secret` qiymatlarini satr sifatida yuboring.
detail-token-media-type = Token so‘rovini application/x-www-form-urlencoded yoki application/json sifatida yuboring.
detail-invalid-cursor = `cursor` bu API bergan kursor emas; usiz qaytadan boshlang.
detail-checkpoint = Nazorat nuqtasi — musbat butun `seq` va 64 xonali kichik harfli o‘n oltilik `hash`.
detail-if-match-unreadable = `If-Match` sarlavhasini matn sifatida o‘qib bo‘lmaydi.

## Maydon yoki parametr nega rad etildi (nomidan keyin).

reason-required = majburiy
reason-unknown-field = bu amalning maydoni emas
reason-unknown-field-takes = bu amal qabul qilmaydigan maydonga ega (u qabul qiladi: { $fields })
reason-unknown-parameter-takes = bu amal qabul qilmaydigan parametrga ega (u qabul qiladi: { $names })
reason-invalid = yaroqsiz
reason-expected = { $what } kutilgan
reason-expected-integer = butun son kutilgan
reason-expected-number = son kutilgan
reason-expected-string = satr kutilgan
reason-expected-boolean = true yoki false kutilgan
reason-expected-list = ro‘yxat kutilgan
reason-expected-object = obyekt kutilgan
reason-expected-one-of = quyidagilardan biri kutilgan: { $values }
reason-not-a-date = yaroqli sana yoki vaqt emas (masalan, 2026-11-29)
reason-not-a-uuid = yaroqli UUID emas
reason-json-object = JSON obyekti bo‘lishi kerak
reason-language = uz-Latn, uz-Cyrl, ru yoki en bo‘lishi kerak
reason-blank = bo‘sh bo‘lmasligi kerak
reason-length-between = { $min } dan { $max } gacha belgi bo‘lishi kerak
reason-length-at-most = ko‘pi bilan { $max } ta belgi bo‘lishi kerak
reason-length-at-least = kamida { $min } ta belgi bo‘lishi kerak
reason-length-at-most-no-control = boshqaruv belgilarisiz, ko‘pi bilan { $max } ta belgi bo‘lishi kerak
reason-items-between = { $min } dan { $max } gacha element bo‘lishi kerak
reason-items-at-least = kamida { $min ->
   *[other] { $min } ta
} element bo‘lishi kerak
reason-number-between = { $min } va { $max } oralig‘ida bo‘lishi kerak
reason-date-between = { $earliest } va { $latest } oralig‘ida bo‘lishi kerak
reason-not-in-the-past = o‘tgan sana bo‘lmasligi kerak
reason-until-before-from = valid_from dan oldin bo‘lmasligi kerak
reason-renewal-until = joriy valid_until va bugungi kundan keyin bo‘lishi kerak
reason-taxpayer-id = 9 ta raqam bo‘lishi kerak (STIR)
reason-region = ISO 3166-2:UZ hudud kodi bo‘lishi kerak, masalan UZ-TK
reason-country = ISO 3166-1 alpha-2 mamlakat kodi bo‘lishi kerak, masalan KR
reason-sector = noma’lum soha
reason-email = elektron pochta manzili bo‘lishi kerak
reason-website = http yoki https manzili bo‘lishi kerak
reason-phone = telefon raqami emas
reason-handle-link = platformadagi akkauntga havola bo‘lishi kerak, masalan https://t.me/name (Telegram, Instagram, Facebook, TikTok, YouTube yoki X)
reason-cannot-remove = olib tashlab bo‘lmaydi
reason-control = boshqaruv belgilari bo‘lmasligi kerak
reason-bidi-control = matn yo‘nalishini almashtiruvchi yoki ajratuvchi belgilar bo‘lmasligi kerak
reason-zero-width = nol kenglikdagi belgilar bo‘lmasligi kerak
reason-license-number-empty = litsenziya raqamida kamida bitta harf yoki raqam bo‘lishi kerak
reason-license-number-too-long = litsenziya raqami ko‘pi bilan { $max } ta belgidan iborat
reason-license-number-character = litsenziya raqamlarida faqat harflar, raqamlar va - / . ajratuvchilari bo‘ladi (topildi: "{ $found }")
reason-recruiter-contacts = ko‘pi bilan { $max } ta telefon va { $max } ta foydalanuvchi nomi
reason-agency-or-recruiter = ro‘yxatdan o‘tgan agentlikni (agency_id yoki license_number) yoki yollovchini ko‘rsating
reason-agency-id-or-number = agency_id yoki license_number dan birini bering, ikkalasini emas
reason-anonymous = anonim shikoyatda ism ham, aloqa ma’lumoti ham bo‘lmaydi
reason-organization-for-ngo = ngo roli uchun majburiy
reason-idempotency-key-reused = boshqa so‘rov tanasi bilan ishlatilgan
word-a-parameter = parametr
word-quoted = `{ $text }`

## Ochiq tekshiruv sahifasi.

page-title = Ishga joylashtirish agentligini tekshiring
page-intro = Kimgadir pul to‘lashdan yoki pasportingizni berishdan oldin agentlikni tekshiring va siz bilan bog‘langan odam, raqam yoki sahifa haqiqatan agentlikniki ekanini tekshiring.
page-statement-issued = Bu kodni reyestr { $date } kuni bergan.
form-label = Litsenziya raqami, agentlik nomi, STIR, telefon raqami, Telegram yoki Instagram akkaunti, sayt yoki kartochka raqami (K-1234-5678)
form-button = Tekshirish
heading-may-recruit = Ishchi yollashi mumkin
heading-may-not-recruit = Ishchi yollashi MUMKIN EMAS
heading-unknown = Ro‘yxatdan o‘tmagan
heading-not-a-number = Bu litsenziya raqami emas
page-not-a-number = Bu litsenziya raqami emas. Litsenziya raqami UZ-TK-0123 ko‘rinishida bo‘ladi: uni yollovchidan so‘rang yoki agentlikni nomi bo‘yicha qidiring. Ro‘yxatdan o‘tgan litsenziyasi bo‘lmagan agentlik ishchi yollashi mumkin emas: unga pul to‘lamang, pasportingizni bermang.
label-licence = Litsenziya
label-other-names = Boshqa nomlari
label-address = Manzil
label-phone = Telefon
label-countries = Ishchi yuborishi mumkin bo‘lgan davlatlar
label-sectors = Sohalar
label-valid = Amal qilish muddati
label-history = Litsenziya tarixi
label-complaints = Vazirlik ko‘rib chiqqan shikoyatlar: { $total }, asosli deb topilgani: { $substantiated }
report-heading = Xabar bering
results-heading = Topilgan agentliklar
results-none = Agentlik topilmadi. Reyestrda yo‘q agentlik ishchi yollashi mumkin emas.
status-active = amalda
status-suspended = to‘xtatilgan
status-revoked = bekor qilingan
status-expired = muddati tugagan
status-surrendered = topshirilgan
action-issued = berildi
action-renewed = uzaytirildi
action-suspended = to‘xtatildi
action-reinstated = tiklandi
action-revoked = bekor qilindi
action-expired = muddati tugadi
action-surrendered = topshirildi

## Litsenziyada ko‘rsatilgan mamlakatlar, ISO 3166-1 kodlari bo‘yicha.

country-RU = Rossiya
country-KZ = Qozog‘iston
country-KG = Qirg‘iziston
country-TJ = Tojikiston
country-TM = Turkmaniston
country-AZ = Ozarbayjon
country-GE = Gruziya
country-BY = Belarus
country-KR = Janubiy Koreya
country-JP = Yaponiya
country-CN = Xitoy
country-MY = Malayziya
country-SG = Singapur
country-TR = Turkiya
country-AE = Birlashgan Arab Amirliklari
country-SA = Saudiya Arabistoni
country-QA = Qatar
country-KW = Quvayt
country-BH = Bahrayn
country-OM = Ummon
country-IL = Isroil
country-DE = Germaniya
country-GB = Buyuk Britaniya
country-IE = Irlandiya
country-FR = Fransiya
country-IT = Italiya
country-ES = Ispaniya
country-PT = Portugaliya
country-NL = Niderlandiya
country-BE = Belgiya
country-AT = Avstriya
country-CH = Shveytsariya
country-PL = Polsha
country-CZ = Chexiya
country-SK = Slovakiya
country-HU = Vengriya
country-RO = Ruminiya
country-BG = Bolgariya
country-HR = Xorvatiya
country-SI = Sloveniya
country-RS = Serbiya
country-GR = Gretsiya
country-CY = Kipr
country-MT = Malta
country-LT = Litva
country-LV = Latviya
country-EE = Estoniya
country-FI = Finlyandiya
country-SE = Shvetsiya
country-NO = Norvegiya
country-DK = Daniya
country-US = Amerika Qo‘shma Shtatlari
country-CA = Kanada
country-AU = Avstraliya
country-NZ = Yangi Zelandiya
country-UZ = O‘zbekiston

## Sohalar, kodlari bo‘yicha.

sector-agriculture = qishloq xo‘jaligi
sector-construction = qurilish
sector-manufacturing = ishlab chiqarish
sector-hospitality = mehmonxona va restoranlar
sector-care = odamlarni parvarish qilish
sector-domestic_work = uy ishlari
sector-healthcare = sog‘liqni saqlash
sector-transport = transport
sector-retail = savdo
sector-fishing = baliqchilik
sector-mining = tog‘-kon ishlari
sector-cleaning = tozalash
detail-channels-taken = Bu kanallarning ba’zilari boshqa agentlikka ro‘yxatdan o‘tgan: { $agency }.
verdict-contact-official = { $contact } — { $agency } agentligining rasmiy kanali, u bugun ishchi yollashi mumkin. Biror narsa to‘lashdan oldin litsenziyani ham tekshiring.
verdict-contact-official-not-recruiting = { $contact } — { $agency } agentligining rasmiy kanali, lekin { $agency } hozir ishchi yollay olmaydi: uning birorta litsenziyasi amalda emas. Pul to‘lamang va pasportingizni bermang.
verdict-contact-unknown = { $contact } hech bir litsenziyali agentlikka ro‘yxatdan o‘tmagan. Litsenziyali agentlik ishchi yollaydigan har bir raqam va sahifasini ro‘yxatdan o‘tkazadi: buni litsenziyasiz yollash deb biling va xabar bering.
verdict-contact-impersonation = Bu { $looks_like } emas: u o‘zini shunday ko‘rsatish uchun o‘xshash yoki ko‘rinmas belgilar bilan yozilgan. Bu firibgarlik — xabar bering.
detail-contact-unrecognised = `q` telefon raqami, messenjer yoki ijtimoiy tarmoq akkaunti (@nom yoki havola), veb-manzil yoki K-1234-5678 kabi kartochka raqami bo‘lishi kerak.
detail-card-mistyped = Kartochka raqamida xato bor: uni kartochka bilan solishtiring.
detail-card-not-found = Hech bir vakilda { $card } kartochkasi yo‘q.

## Vakillarning kartochkalari.

verdict-card-may-recruit = { $name } ({ $card } kartochkasi) { $agency } agentligi vakili, agentlik bugun ishchi yollashi mumkin. Shunday bo‘lsa ham, shartnoma imzolanmaguncha hech narsa to‘lamang va pasportingizni bermang.
verdict-card-withdrawn = { $name } ({ $card } kartochkasi) endi { $agency } agentligi vakili emas: { $since } kuni chaqirib olingan. Unga pul to‘lamang, pasportingizni bermang; hali ham ishchi yollayotgan bo‘lsa, xabar bering.
verdict-card-agency-may-not-recruit = { $name } ({ $card } kartochkasi) { $agency } agentligiga ro‘yxatdan o‘tgan, lekin { $agency } hozir ishchi yollay olmaydi: uning birorta litsenziyasi amalda emas, shuning uchun uning nomidan hech kim yollay olmaydi. Pul to‘lamang va pasportingizni bermang.
verdict-card-outside-dates = { $name } ning { $agency } agentligidagi { $card } kartochkasi bugun amalda emas ({ $from } dan { $until } gacha amal qiladi). Amalda bo‘lmaguncha u bilan ish qilmang.
verdict-contact-representative = { $contact } agentlik vakili nomiga ro‘yxatdan o‘tgan. { $standing }
verdict-contact-reported = { $contact } haqida reyestrga litsenziyasiz yollovchi ishlatgani haqida xabar berilgan (e’lon qilingan shikoyatlar: { $count }, oxirgisi { $month }). Hech narsa to‘lamang, pasportingizni bermang va xabar bering.
verdict-contact-also-reported = Ehtiyot bo‘ling: { $contact } haqida litsenziyasiz yollovchi ishlatgani haqida ham xabar berilgan (e’lon qilingan shikoyatlar: { $count }, oxirgisi { $month }). Pul to‘lashdan oldin agentlikka shu reyestrdagi raqam orqali qayta qo‘ng‘iroq qiling.
detail-not-a-card = Kartochka raqami K harfi va sakkizta raqamdan iborat, masalan K-1234-5678.
detail-representatives-too-many = Bu agentlik { $max } ta vakilni ro‘yxatdan o‘tkazgan, bitta agentlik uchun bundan ortiq mumkin emas.
detail-card-not-withdrawn = Bu kartochka amalda: faqat chaqirib olingan kartochkani qayta faollashtirish mumkin.
detail-card-withdrawn-already = Bu kartochka allaqachon { $since } kuni chaqirib olingan.
detail-channels-taken-by-card = Bu telefon yoki akkauntlarning ba’zilari { $agency } agentligining { $card } kartochkasiga ro‘yxatdan o‘tgan.
reason-not-in-the-future = bugundan keyin bo‘lmasligi kerak

## Kontaktlar va kartochkalarni tekshirish sahifasi.

heading-check-number = Raqamni tekshiring
heading-not-registered-contact = Ro‘yxatdan o‘tmagan
heading-official = Agentlikning rasmiy kanali
heading-reported = Shikoyat qilingan
label-card = Kartochka
label-representative = Vakil
label-agency = Agentlik
label-regions = Yollaydigan hududlar
label-phones = Ish telefonlari
label-handles = Akkauntlar
label-card-valid = Kartochka amal qiladi
label-card-status = Holati
label-card-history = Avvalgi chaqirib olishlar
card-status-active = amalda
card-status-withdrawn = { $date } kuni chaqirib olingan: { $reason }
card-history-line = { $withdrawn } kuni chaqirib olingan, { $reactivated } dan yana amalda: { $reason }
card-valid-open = { $from } dan

## Xorijiy ish beruvchilar va ish buyurtmalari.

verdict-job-order-open = { $reference } ish buyurtmasi roʻyxatdan oʻtgan: { $position }, { $country }, ish beruvchi { $employer }, taklif qiluvchi { $agency }, { $until } gacha ochiq. Har bir shartni yozma shartnoma bilan solishtiring, imzolamasdan hech qachon pul toʻlamang va pasportingizni oʻzingizda saqlang.
verdict-job-order-filled = { $reference } ish buyurtmasi ({ $position }, { $employer }) roʻyxatdan oʻtgan, lekin barcha oʻrinlar band: { $agency } hozir unga ishchi olmayapti.
verdict-job-order-closed = { $reference } ish buyurtmasi ({ $position }, { $employer }) yopilgan: { $agency } unga ishchi olmayapti. Uni hali ham taklif qilayotgan kishi bu ishni taklif qilmayapti.
verdict-job-order-withdrawn = { $reference } ish buyurtmasi ({ $position }, { $employer }) { $agency } tomonidan qaytarib olingan: bu ish yoʻq. Buning uchun hech kimga pul toʻlamang.
verdict-job-order-expired = { $reference } ish buyurtmasining ({ $position }, { $employer }) muddati { $until } da tugagan: u endi amal qilmaydi.
verdict-job-order-agency-cannot-recruit = { $reference } ish buyurtmasi { $agency } tomonidan roʻyxatdan oʻtkazilgan, lekin { $agency } hozir ishchi yollay olmaydi: litsenziyasi amal qilmaydi. Pul toʻlamang va pasportingizni bermang.
verdict-job-order-employer-not-accredited = { $reference } ish buyurtmasi { $employer } uchun, vazirlik uni toʻxtatgan yoki taqiqlagan: hozir unga hech kim ishchi yollay olmaydi. Pul toʻlamang va pasportingizni bermang.
warning-job-order-fee = Bu taklif ishchidan { $fee } toʻlashni soʻraydi. Ishga joylash uchun haq olish qoida emas: nima uchunligini soʻrang, yozma oling va shartnomani imzolamasdan hech qachon pul toʻlamang.
detail-job-order-not-found = Bunday ish buyurtmasi yoʻq: { $reference }. Litsenziyali agentlik taklif qilgan xorijdagi ishning ish buyurtmasi boʻladi; uni soʻrang.
detail-job-order-mistyped = Ish buyurtmasi raqamida xato bor: uni taklif bilan solishtiring.
detail-not-a-job-order = Ish buyurtmasi raqami J harfi va sakkiz raqamdan iborat, masalan J-1000-0012.
detail-employer-not-found = { $id } id raqamli ish beruvchi yoʻq.
detail-employer-registered = { $country } da bu roʻyxat raqamli ish beruvchi allaqachon roʻyxatdan oʻtgan (id { $id }).
detail-employer-transition = Holati { $status } boʻlgan ish beruvchiga `{ $action }` qoʻllab boʻlmaydi.
detail-job-order-transition = Holati { $status } boʻlgan ish buyurtmasiga `{ $action }` qoʻllab boʻlmaydi.
detail-license-cannot-register = { $number } litsenziyasi hozir ishchi yollashga ruxsat bermaydi: unga ish buyurtmasini roʻyxatdan oʻtkazib yoki qayta ochib boʻlmaydi.
detail-employer-may-not-hire = Ish beruvchining holati { $status }: unga ish buyurtmasini roʻyxatdan oʻtkazib yoki qayta ochib boʻlmaydi.
reason-outside-license-countries = { $number } litsenziyasi ruxsat bergan davlatlar orasida yoʻq ({ $allowed })
reason-outside-license-sectors = { $number } litsenziyasi ruxsat bergan sohalar orasida yoʻq ({ $allowed })
reason-currency = USD yoki KRW kabi ISO 4217 valyuta kodi boʻlishi kerak
reason-money-decimals = valyutadagidan koʻra koʻproq kasr raqamiga ega ({ $decimals })
reason-wage-positive = 0 dan katta boʻlishi kerak
reason-fee-not-negative = manfiy boʻlmasligi kerak
reason-money-range = bir milliarddan oshmaydigan son boʻlishi kerak
reason-provision = ish beruvchi taqdim etishi mumkin boʻlgan narsalar roʻyxatida yoʻq
reason-employer-unknown = bunday id raqamli ish beruvchi yoʻq
reason-valid-until-before-approved = approved_on dan oldin boʻlmasligi kerak

## Ish buyurtmasini tekshirish sahifasi.

heading-order-open = Ochiq: roʻyxatdan oʻtgan, ishchi olinmoqda
heading-order-not-open = Ochiq emas
label-job-order = Ish buyurtmasi
label-position = Ish
label-employer = Ish beruvchi
label-destination = Ish joyi davlati
label-wage = Ish haqi
label-hours = Ish vaqti
label-contract = Shartnoma
label-worker-fee = Siz nima toʻlaysiz
label-provides = Ish beruvchi taʼminlaydi
label-order-valid = Ochiq muddati
label-agency-standing = Agentlik va litsenziya
wage-per-hour = soatiga { $amount } { $currency }
wage-per-month = oyiga { $amount } { $currency }
hours-per-week = haftasiga { $hours } soat
contract-months = { $months } oy
fee-none = Hech narsa: bu ish uchun hech narsa toʻlamasligingiz kerak.
provides-nothing = Hech narsa roʻyxatdan oʻtmagan
provision-housing = turar joy
provision-meals = ovqat
provision-travel = borish va qaytish yoʻli
provision-local_transport = ishga borib-kelish transporti
provision-health_insurance = tibbiy sugʻurta
provision-accident_insurance = baxtsiz hodisalardan sugʻurta
provision-visa_and_permit = viza va ishlash ruxsatnomasi
provision-training = oʻqitish
provision-work_equipment = ish kiyimi va jihozlari
employer-status-accredited = vazirlik tomonidan akkreditatsiya qilingan
employer-status-suspended = vazirlik tomonidan toʻxtatilgan
employer-status-banned = vazirlik tomonidan taqiqlangan
checklist-heading = Imzolashdan oldin
checklist-terms = Yozma shartnomada ish beruvchi, ish, davlat, ish haqi, ish vaqti va shartnoma muddati koʻrsatilishi kerak, bu ish buyurtmasidagi bilan bir xil.
checklist-fee = Shartnomani imzolamasdan hech narsa toʻlamang va har bir toʻlov uchun kvitansiya oling.
checklist-passport = Pasport va hujjatlaringizni oʻzingizda saqlang: hech kim ularni ushlab turishga haqli emas.
checklist-family = Oilangizga ish beruvchi va agentlik nomlarini hamda shu sahifani bering.
share-heading = Oilangiz bilan ulashing
share-text = Bu havola siz ishonmoqchi boʻlgan narsalar haqida reyestr imzolagan maʼlumotlarni olib yuradi. Oilangiz internet boʻlmasa ham xuddi shu tasdiqlangan faktlarni koʻradi; siz haqingizda reyestrga hech narsa yuborilmaydi.
share-title = Siz bilan ulashildi: litsenziyali ishga joylash agentliklari reyestrida tekshirilgan
share-none = Bu yerda hech narsa reyestrniki sifatida tasdiqlanmadi: bu havolaga ishonmang.
share-verified = Tasdiqlandi: reyestr tomonidan { $date } da imzolangan.
share-now = Bugun reyestr aytadi:
