## Litsenziya tekshiruvining xulosasi: ishchi tushunadigan bitta oddiy gap.

verdict-may-recruit = { $agency } amaldagi litsenziyaga ega va { $until } gacha { $countries } davlatlariga ishchi yollashi mumkin. Shunday bo‘lsa ham, shartnoma imzolanmaguncha hech qanday to‘lov qilmang va pasportingizni o‘zingizda saqlang.
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
detail-method-not-allowed = Bu manba faqat { $methods } so‘rovlariga javob beradi.
detail-service-unavailable = Reyestr hozir o‘z ma’lumotlar bazasiga ulana olmayapti. Bir necha soniyadan keyin qayta urinib ko‘ring.
detail-internal-error = Reyestr bu so‘rovga javob bera olmadi. Xato jurnalga yozildi.
detail-too-many-requests = Bu manzildan so‘rovlar juda ko‘p (daqiqasiga ko‘pi bilan { $per_minute } ta). { $retry_after ->
   *[other] { $retry_after } soniyadan
} keyin qayta urinib ko‘ring.
detail-too-many-wrong-secrets = Bu mijoz uchun noto‘g‘ri maxfiy kalitlar juda ko‘p. { $retry_after ->
   *[other] { $retry_after } soniyadan
} keyin qayta urinib ko‘ring.
detail-stale-version = Siz o‘qiganingizdan keyin kimdir bu manbani o‘zgartirdi. Uni qayta yuklang (GET), o‘zgarishlarni tekshiring va yangi ETag bilan qayta urinib ko‘ring.
detail-if-match-required = O‘zgartirish uchun tahrir qilinayotgan versiyaning ETag qiymati bilan `If-Match` kerak: avval manbani o‘qing (GET), so‘ng uning ETag qiymatini yuboring.
detail-unknown-language = `lang` so‘rov parametri yaroqsiz: uz-Latn, uz-Cyrl, ru yoki en bo‘lishi kerak.

## Ochiq tekshiruv sahifasi.

page-title = Ishga joylashtirish agentligini tekshiring
page-intro = Kimgadir pul to‘lashdan yoki pasportingizni berishdan oldin agentlikning amaldagi litsenziyasi borligini tekshiring.
form-label = Litsenziya raqami, agentlik nomi yoki STIR
form-button = Tekshirish
heading-may-recruit = Ishchi yollashi mumkin
heading-may-not-recruit = Ishchi yollashi MUMKIN EMAS
heading-unknown = Ro‘yxatdan o‘tmagan
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
