## Лицензия текширувининг хулосаси: ишчи тушунадиган битта оддий гап.

verdict-may-recruit = { $agency } амалдаги лицензияга эга ва { $until } гача { $countries } давлатларига ишчи ёллаши мумкин. Шундай бўлса ҳам, шартнома имзоланмагунча ҳеч қандай тўлов қилманг ва паспортингизни ўзингизда сақланг.
verdict-not-yet-valid = { $agency } ҳали ишчи ёллаши МУМКИН ЭМАС: лицензияси { $from } дан кучга киради. Шунгача унга пул тўламанг ва паспортингизни берманг.
verdict-suspended = { $agency } ҳозир ишчи ёллаши МУМКИН ЭМАС: лицензияси тўхтатилган. Унга пул тўламанг, паспортингизни берманг, хабар беринг.
verdict-suspended-until = { $agency } ҳозир ишчи ёллаши МУМКИН ЭМАС: лицензияси { $until } гача тўхтатилган. Унга пул тўламанг, паспортингизни берманг, хабар беринг.
verdict-revoked = { $agency } ишчи ёллаши МУМКИН ЭМАС: лицензияси бекор қилинган. Унга пул тўламанг, паспортингизни берманг, хабар беринг.
verdict-expired = { $agency } ишчи ёллаши МУМКИН ЭМАС: лицензиясининг муддати { $until } да тугаган. Унга пул тўламанг, паспортингизни берманг, хабар беринг.
verdict-surrendered = { $agency } ишчи ёллаши МУМКИН ЭМАС: у лицензиясидан воз кечган. Унга пул тўламанг, паспортингизни берманг, хабар беринг.
verdict-complaints = { $count ->
   *[other] Вазирлик ушбу агентлик ҳақидаги { $count } та шикоятни асосли деб топди.
}

## Хато сарлавҳалари, хато тури бўйича.

title-bad-request = Нотўғри сўров
title-invalid-fields = Яроқсиз сўров
title-license-not-found = Лицензия топилмади
title-not-found = Топилмади
title-method-not-allowed = Усулга рухсат йўқ
title-payload-too-large = Сўров жуда катта
title-unsupported-media-type = Қўллаб-қувватланмайдиган маълумот тури
title-unauthorized = Авторизация талаб қилинади
title-forbidden = Рухсат йўқ
title-conflict = Зиддият
title-impossible-transition = Лицензия билан бу амални бажариб бўлмайди
title-stale-version = Эскирган версия
title-if-match-required = If-Match талаб қилинади
title-too-many-requests = Сўровлар жуда кўп
title-token-request = Токен сўрови рад этилди
title-service-unavailable = Хизмат мавжуд эмас
title-internal-error = Сервернинг ички хатоси

## Хато тавсифлари.

detail-license-not-found = { $number } рақамли лицензия рўйхатдан ўтмаган. Рўйхатдан ўтган лицензияси бўлмаган агентлик ишчи ёллаши мумкин эмас: унга пул тўламанг, паспортингизни берманг ва бу ҳақда хабар беринг.
detail-method-not-allowed = Бу манба фақат { $methods } сўровларига жавоб беради.
detail-service-unavailable = Реестр ҳозир ўз маълумотлар базасига улана олмаяпти. Бир неча сониядан кейин қайта уриниб кўринг.
detail-internal-error = Реестр бу сўровга жавоб бера олмади. Хато журналга ёзилди.
detail-too-many-requests = Бу манзилдан сўровлар жуда кўп (дақиқасига кўпи билан { $per_minute } та). { $retry_after ->
   *[other] { $retry_after } сониядан
} кейин қайта уриниб кўринг.
detail-too-many-wrong-secrets = Бу мижоз учун нотўғри махфий калитлар жуда кўп. { $retry_after ->
   *[other] { $retry_after } сониядан
} кейин қайта уриниб кўринг.
detail-stale-version = Сиз ўқиганингиздан кейин кимдир бу манбани ўзгартирди. Уни қайта юкланг (GET), ўзгаришларни текширинг ва янги ETag билан қайта уриниб кўринг.
detail-if-match-required = Ўзгартириш учун таҳрир қилинаётган версиянинг ETag қиймати билан `If-Match` керак: аввал манбани ўқинг (GET), сўнг унинг ETag қийматини юборинг.
detail-unknown-language = `lang` сўров параметри яроқсиз: uz-Latn, uz-Cyrl, ru ёки en бўлиши керак.

## Очиқ текширув саҳифаси.

page-title = Ишга жойлаштириш агентлигини текширинг
page-intro = Кимгадир пул тўлашдан ёки паспортингизни беришдан олдин агентликнинг амалдаги лицензияси борлигини текширинг.
form-label = Лицензия рақами, агентлик номи ёки СТИР
form-button = Текшириш
heading-may-recruit = Ишчи ёллаши мумкин
heading-may-not-recruit = Ишчи ёллаши МУМКИН ЭМАС
heading-unknown = Рўйхатдан ўтмаган
label-licence = Лицензия
label-other-names = Бошқа номлари
label-address = Манзил
label-phone = Телефон
label-countries = Ишчи юбориши мумкин бўлган давлатлар
label-sectors = Соҳалар
label-valid = Амал қилиш муддати
label-history = Лицензия тарихи
label-complaints = Вазирлик кўриб чиққан шикоятлар: { $total }, асосли деб топилгани: { $substantiated }
report-heading = Хабар беринг
results-heading = Топилган агентликлар
results-none = Агентлик топилмади. Реестрда йўқ агентлик ишчи ёллаши мумкин эмас.
status-active = амалда
status-suspended = тўхтатилган
status-revoked = бекор қилинган
status-expired = муддати тугаган
status-surrendered = топширилган
action-issued = берилди
action-renewed = узайтирилди
action-suspended = тўхтатилди
action-reinstated = тикланди
action-revoked = бекор қилинди
action-expired = муддати тугади
action-surrendered = топширилди
