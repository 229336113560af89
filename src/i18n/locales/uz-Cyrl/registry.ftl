## Лицензия текширувининг хулосаси: ишчи тушунадиган битта оддий гап.

verdict-may-recruit = { $agency } амалдаги лицензияга эга ва { $until } гача қуйидаги мамлакатларга ишчи ёллаши мумкин: { $countries }. Шундай бўлса ҳам, шартнома имзоланмагунча ҳеч қандай тўлов қилманг ва паспортингизни ўзингизда сақланг.
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
detail-license-event-not-found = Лицензия тарихида сабаби кўрсатилган { $id } ёзуви йўқ.
detail-method-not-allowed = Бу манба фақат { $methods } сўровларига жавоб беради.
detail-service-unavailable = Реестр ҳозир ўз маълумотлар базасига улана олмаяпти. Бир неча сониядан кейин қайта уриниб кўринг.
detail-starting = Реестр ҳали ўз маълумотларини хотирага юкламоқда. Бир неча сониядан кейин қайта уриниб кўринг.
detail-internal-error = Реестр бу сўровга жавоб бера олмади. Хато журналга ёзилди.
detail-too-many-requests = Бу манзилдан сўровлар жуда кўп (дақиқасига кўпи билан { $per_minute } та). { $retry_after ->
   *[other] { $retry_after } сониядан
} кейин қайта уриниб кўринг.
detail-too-many-snapshots = Бу манзилдан бутун реестр шу соатда { $quota } марта юклаб олинган. Бунинг ўрнига ўзгаришлар лентасини snapshot `seq` рақамидан кузатинг ёки { $retry_after ->
   *[other] { $retry_after } сониядан
} кейин қайта уриниб кўринг.
detail-busy = Сервер бир вақтда имкони борича реестр юкламаларини юбормоқда. { $retry_after ->
   *[other] { $retry_after } сониядан
} кейин қайта уриниб кўринг.
detail-too-many-wrong-secrets = Бу мижоз учун нотўғри махфий калитлар жуда кўп. { $retry_after ->
   *[other] { $retry_after } сониядан
} кейин қайта уриниб кўринг.
detail-stale-version = Сиз ўқиганингиздан кейин кимдир бу манбани ўзгартирди. Уни қайта юкланг (GET), ўзгаришларни текширинг ва янги ETag билан қайта уриниб кўринг.
detail-if-match-required = Ўзгартириш учун таҳрир қилинаётган версиянинг ETag қиймати билан `If-Match` керак: аввал манбани ўқинг (GET), сўнг унинг ETag қийматини юборинг.
detail-bad-json = Сўров танаси яроқли JSON эмас ({ $line }-қатор, { $column }-устун).
detail-bad-query = Сўров сатри бу амалга мос эмас: { $name } — { $reason }.
detail-bad-path = Йўл бу амалга мос эмас: { $name } — { $reason }.
detail-parameter-refused = `{ $name }`: { $reason }.
detail-body-misfit = Сўров танаси бу амалга мос эмас: { $field } — { $reason }.
detail-invalid-fields = Сўровда яроқсиз майдонлар бор: { $fields }.
detail-invalid-parameter = `{ $field }` сўров параметри яроқсиз: { $reason }.
detail-not-json = Сўров танаси JSON бўлиши керак (`application/json`).
detail-unreadable-request = Сўровни ўқиб бўлмайди: унинг манзили, сарлавҳалари ёки танаси бузилган.
detail-unstorable-text = Сўровда сақлаб бўлмайдиган белгили матн бор (масалан, NUL).
detail-resource-not-found = Бундай манба йўқ.
detail-no-resource = { $path } манзилида манба йўқ. API тавсифи /docs саҳифасида.
detail-method-refused = Бу манба бу усулга жавоб бермайди.
detail-payload-too-large = Сўров танаси бу амал қабул қиладиганидан катта (кўпи билан { $max_kib } KiB).
detail-unsupported-media-type = Бу амал бундай турдаги сўров танасини қабул қилмайди.
detail-agency-not-found = { $id } идентификаторли агентлик рўйхатдан ўтмаган.
detail-complaint-not-found = { $id } шикояти бу мижозга кўринмайди.
detail-recruiter-not-published = { $id } шикоятидаги ёлловчи эълон қилинмаган.
detail-client-not-found = { $id } фаол мижоз йўқ.
detail-key-not-found = { $kid } фаол калит йўқ.
detail-taxpayer-id-taken = Бу СТИР билан бошқа агентлик аллақачон рўйхатдан ўтган.
detail-license-number-taken = Бу лицензия рақами (шу ёки ўхшаш ёзилишда) аллақачон рўйхатдан ўтган.
detail-not-a-license-number = `{ $text }` лицензия рақами эмас: { $reason }.
detail-impossible-transition = `{ $status }` ҳолатидаги лицензияни `{ $action }` қилиб бўлмайди. Ҳозир мумкин: { $possible }.
detail-impossible-transition-final = `{ $status }` ҳолатидаги лицензияни `{ $action }` қилиб бўлмайди: `{ $status }` якуний ҳолат.
detail-impossible-triage = `{ $status }` ҳолатидаги шикоятни `{ $to }` ҳолатига ўтказиб бўлмайди. Ҳозир мумкин: { $possible }.
detail-impossible-triage-final = `{ $status }` ҳолатидаги шикоятни `{ $to }` ҳолатига ўтказиб бўлмайди: `{ $status }` якуний ҳолат.
detail-complaint-quota = Бу мижоз бир соатлик шикоятлар чегарасига етди; кейинроқ қайта уриниб кўринг.
detail-idempotency-key-required = Шикоят бериш учун `Idempotency-Key` сарлавҳаси керак (1 дан 255 гача кўринадиган ASCII белги, масалан UUID), шунда қайта юбориш ҳеч қачон икки марта шикоят бермайди.
detail-idempotency-key-reused = Бу Idempotency-Key бошқа сўров танаси билан ишлатилган. Янги шикоят учун янги калит ишлатинг.
detail-idempotency-in-progress = Бу Idempotency-Key билан сўров ҳали бажарилмоқда.
detail-publish-registered-agency = Бу шикоят рўйхатдан ўтган агентликни кўрсатади: унинг очиқ ҳисоблари агентликники, эълон қилинадиган ёлловчи йўқ.
detail-publish-untriaged = `{ $status }` ҳолатидаги шикоятни эълон қилиб бўлмайди: аввал уни кўриб чиқинг ва фақат асоссиз деб топилмаганини эълон қилинг.
detail-role-needed = Бу амал учун { $needed } роли керак; бу мижознинг роли { $role }.
detail-token-missing = Бу амал учун кириш токени керак: `Authorization: Bearer <token>`.
detail-token-expired = Кириш токенининг муддати тугаган: /v1/auth/token орқали янгисини олинг.
detail-token-refused = Кириш токени рад этилди ({ $reason }).
detail-token-client-disabled = Бу токеннинг мижози ўчирилган.
detail-authorization-unreadable = Authorization сарлавҳасини матн сифатида ўқиб бўлмайди.
detail-authorization-not-bearer = Authorization сарлавҳаси `Bearer <token>` кўринишида бўлиши керак.
detail-token-unknown-client = Номаълум ёки ўчирилган мижоз, ёки нотўғри махфий калит.
detail-token-grant-type-missing = `grant_type` керак.
detail-token-grant-type-unsupported = Фақат `client_credentials` қўллаб-қувватланади.
detail-token-credentials-missing = `client_id` ва `client_secret` керак.
detail-token-credentials-unreadable = `client_id` ва `client_secret` 1 дан 200 гача босма белгидан иборат бўлиши керак.
detail-token-body-unreadable = Сўров танасини ўқиб бўлмайди: `grant_type`, `client_id` ва `client_secret` қийматларини сатр сифатида юборинг.
detail-token-media-type = Токен сўровини application/x-www-form-urlencoded ёки application/json сифатида юборинг.
detail-invalid-cursor = `cursor` бу API берган курсор эмас; усиз қайтадан бошланг.
detail-checkpoint = Назорат нуқтаси — мусбат бутун `seq` ва 64 хонали кичик ҳарфли ўн олтилик `hash`.
detail-if-match-unreadable = `If-Match` сарлавҳасини матн сифатида ўқиб бўлмайди.

## Майдон ёки параметр нега рад этилди (номидан кейин).

reason-required = мажбурий
reason-unknown-field = бу амалнинг майдони эмас
reason-unknown-field-takes = бу амал қабул қилмайдиган майдонга эга (у қабул қилади: { $fields })
reason-unknown-parameter-takes = бу амал қабул қилмайдиган параметрга эга (у қабул қилади: { $names })
reason-invalid = яроқсиз
reason-expected = { $what } кутилган
reason-expected-integer = бутун сон кутилган
reason-expected-number = сон кутилган
reason-expected-string = сатр кутилган
reason-expected-boolean = true ёки false кутилган
reason-expected-list = рўйхат кутилган
reason-expected-object = объект кутилган
reason-expected-one-of = қуйидагилардан бири кутилган: { $values }
reason-not-a-date = яроқли сана ёки вақт эмас (масалан, 2026-11-29)
reason-not-a-uuid = яроқли UUID эмас
reason-json-object = JSON объекти бўлиши керак
reason-language = uz-Latn, uz-Cyrl, ru ёки en бўлиши керак
reason-blank = бўш бўлмаслиги керак
reason-length-between = { $min } дан { $max } гача белги бўлиши керак
reason-length-at-most = кўпи билан { $max } та белги бўлиши керак
reason-length-at-least = камида { $min } та белги бўлиши керак
reason-length-at-most-no-control = бошқарув белгиларисиз, кўпи билан { $max } та белги бўлиши керак
reason-items-between = { $min } дан { $max } гача элемент бўлиши керак
reason-items-at-least = камида { $min ->
   *[other] { $min } та
} элемент бўлиши керак
reason-number-between = { $min } ва { $max } оралиғида бўлиши керак
reason-date-between = { $earliest } ва { $latest } оралиғида бўлиши керак
reason-not-in-the-past = ўтган сана бўлмаслиги керак
reason-until-before-from = valid_from дан олдин бўлмаслиги керак
reason-renewal-until = жорий valid_until ва бугунги кундан кейин бўлиши керак
reason-taxpayer-id = 9 та рақам бўлиши керак (СТИР)
reason-region = ISO 3166-2:UZ ҳудуд коди бўлиши керак, масалан UZ-TK
reason-country = ISO 3166-1 alpha-2 мамлакат коди бўлиши керак, масалан KR
reason-sector = номаълум соҳа
reason-email = электрон почта манзили бўлиши керак
reason-website = http ёки https манзили бўлиши керак
reason-phone = телефон рақами эмас
reason-handle-link = платформадаги аккаунтга ҳавола бўлиши керак, масалан https://t.me/name (Telegram, Instagram, Facebook, TikTok, YouTube ёки X)
reason-cannot-remove = олиб ташлаб бўлмайди
reason-control = бошқарув белгилари бўлмаслиги керак
reason-bidi-control = матн йўналишини алмаштирувчи ёки ажратувчи белгилар бўлмаслиги керак
reason-zero-width = нол кенгликдаги белгилар бўлмаслиги керак
reason-license-number-empty = лицензия рақамида камида битта ҳарф ёки рақам бўлиши керак
reason-license-number-too-long = лицензия рақами кўпи билан { $max } та белгидан иборат
reason-license-number-character = лицензия рақамларида фақат ҳарфлар, рақамлар ва - / . ажратувчилари бўлади (топилди: "{ $found }")
reason-recruiter-contacts = кўпи билан { $max } та телефон ва { $max } та фойдаланувчи номи
reason-agency-or-recruiter = рўйхатдан ўтган агентликни (agency_id ёки license_number) ёки ёлловчини кўрсатинг
reason-agency-id-or-number = agency_id ёки license_number дан бирини беринг, иккаласини эмас
reason-anonymous = аноним шикоятда исм ҳам, алоқа маълумоти ҳам бўлмайди
reason-organization-for-ngo = ngo роли учун мажбурий
reason-idempotency-key-reused = бошқа сўров танаси билан ишлатилган
word-a-parameter = параметр
word-quoted = `{ $text }`

## Очиқ текширув саҳифаси.

page-title = Ишга жойлаштириш агентлигини текширинг
page-intro = Кимгадир пул тўлашдан ёки паспортингизни беришдан олдин агентликни текширинг ва сиз билан боғланган одам, рақам ёки саҳифа ҳақиқатан агентликники эканини текширинг.
page-statement-issued = Бу кодни реестр { $date } куни берган.
form-label = Лицензия рақами, агентлик номи, СТИР, телефон рақами, Telegram ёки Instagram аккаунти, сайт ёки карточка рақами (K-1234-5678)
form-button = Текшириш
heading-may-recruit = Ишчи ёллаши мумкин
heading-may-not-recruit = Ишчи ёллаши МУМКИН ЭМАС
heading-unknown = Рўйхатдан ўтмаган
heading-not-a-number = Бу лицензия рақами эмас
page-not-a-number = Бу лицензия рақами эмас. Лицензия рақами UZ-TK-0123 кўринишида бўлади: уни ёлловчидан сўранг ёки агентликни номи бўйича қидиринг. Рўйхатдан ўтган лицензияси бўлмаган агентлик ишчи ёллаши мумкин эмас: унга пул тўламанг, паспортингизни берманг.
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

## Лицензияда кўрсатилган мамлакатлар, ISO 3166-1 кодлари бўйича.

country-RU = Россия
country-KZ = Қозоғистон
country-KG = Қирғизистон
country-TJ = Тожикистон
country-TM = Туркманистон
country-AZ = Озарбайжон
country-GE = Грузия
country-BY = Беларусь
country-KR = Жанубий Корея
country-JP = Япония
country-CN = Хитой
country-MY = Малайзия
country-SG = Сингапур
country-TR = Туркия
country-AE = Бирлашган Араб Амирликлари
country-SA = Саудия Арабистони
country-QA = Қатар
country-KW = Қувайт
country-BH = Баҳрайн
country-OM = Уммон
country-IL = Исроил
country-DE = Германия
country-GB = Буюк Британия
country-IE = Ирландия
country-FR = Франция
country-IT = Италия
country-ES = Испания
country-PT = Португалия
country-NL = Нидерландия
country-BE = Бельгия
country-AT = Австрия
country-CH = Швейцария
country-PL = Польша
country-CZ = Чехия
country-SK = Словакия
country-HU = Венгрия
country-RO = Руминия
country-BG = Болгария
country-HR = Хорватия
country-SI = Словения
country-RS = Сербия
country-GR = Греция
country-CY = Кипр
country-MT = Мальта
country-LT = Литва
country-LV = Латвия
country-EE = Эстония
country-FI = Финляндия
country-SE = Швеция
country-NO = Норвегия
country-DK = Дания
country-US = Америка Қўшма Штатлари
country-CA = Канада
country-AU = Австралия
country-NZ = Янги Зеландия
country-UZ = Ўзбекистон

## Соҳалар, кодлари бўйича.

sector-agriculture = қишлоқ хўжалиги
sector-construction = қурилиш
sector-manufacturing = ишлаб чиқариш
sector-hospitality = меҳмонхона ва ресторанлар
sector-care = одамларни парвариш қилиш
sector-domestic_work = уй ишлари
sector-healthcare = соғлиқни сақлаш
sector-transport = транспорт
sector-retail = савдо
sector-fishing = балиқчилик
sector-mining = тоғ-кон ишлари
sector-cleaning = тозалаш
detail-channels-taken = Бу каналларнинг баъзилари бошқа агентликка рўйхатдан ўтган: { $agency }.
verdict-contact-official = { $contact } — { $agency } агентлигининг расмий канали, у бугун ишчи ёллаши мумкин. Бирор нарса тўлашдан олдин лицензияни ҳам текширинг.
verdict-contact-official-not-recruiting = { $contact } — { $agency } агентлигининг расмий канали, лекин { $agency } ҳозир ишчи ёллай олмайди: унинг бирорта лицензияси амалда эмас. Пул тўламанг ва паспортингизни берманг.
verdict-contact-unknown = { $contact } ҳеч бир лицензияли агентликка рўйхатдан ўтмаган. Лицензияли агентлик ишчи ёллайдиган ҳар бир рақам ва саҳифасини рўйхатдан ўтказади: буни лицензиясиз ёллаш деб билинг ва хабар беринг.
verdict-contact-impersonation = Бу { $looks_like } эмас: у ўзини шундай кўрсатиш учун ўхшаш ёки кўринмас белгилар билан ёзилган. Бу фирибгарлик — хабар беринг.
detail-contact-unrecognised = `q` телефон рақами, мессенжер ёки ижтимоий тармоқ аккаунти (@ном ёки ҳавола), веб-манзил ёки K-1234-5678 каби карточка рақами бўлиши керак.
detail-card-mistyped = Карточка рақамида хато бор: уни карточка билан солиштиринг.
detail-card-not-found = Ҳеч бир вакилда { $card } карточкаси йўқ.

## Вакилларнинг карточкалари.

verdict-card-may-recruit = { $name } ({ $card } карточкаси) { $agency } агентлиги вакили, агентлик бугун ишчи ёллаши мумкин. Шундай бўлса ҳам, шартнома имзоланмагунча ҳеч нарса тўламанг ва паспортингизни берманг.
verdict-card-withdrawn = { $name } ({ $card } карточкаси) энди { $agency } агентлиги вакили эмас: { $since } куни чақириб олинган. Унга пул тўламанг, паспортингизни берманг; ҳали ҳам ишчи ёллаётган бўлса, хабар беринг.
verdict-card-agency-may-not-recruit = { $name } ({ $card } карточкаси) { $agency } агентлигига рўйхатдан ўтган, лекин { $agency } ҳозир ишчи ёллай олмайди: унинг бирорта лицензияси амалда эмас, шунинг учун унинг номидан ҳеч ким ёллай олмайди. Пул тўламанг ва паспортингизни берманг.
verdict-card-outside-dates = { $name } нинг { $agency } агентлигидаги { $card } карточкаси бугун амалда эмас ({ $from } дан { $until } гача амал қилади). Амалда бўлмагунча у билан иш қилманг.
verdict-contact-representative = { $contact } агентлик вакили номига рўйхатдан ўтган. { $standing }
verdict-contact-reported = { $contact } ҳақида реестрга лицензиясиз ёлловчи ишлатгани ҳақида хабар берилган (эълон қилинган шикоятлар: { $count }, охиргиси { $month }). Ҳеч нарса тўламанг, паспортингизни берманг ва хабар беринг.
verdict-contact-also-reported = Эҳтиёт бўлинг: { $contact } ҳақида лицензиясиз ёлловчи ишлатгани ҳақида ҳам хабар берилган (эълон қилинган шикоятлар: { $count }, охиргиси { $month }). Пул тўлашдан олдин агентликка шу реестрдаги рақам орқали қайта қўнғироқ қилинг.
detail-not-a-card = Карточка рақами K ҳарфи ва саккизта рақамдан иборат, масалан K-1234-5678.
detail-representatives-too-many = Бу агентлик { $max } та вакилни рўйхатдан ўтказган, битта агентлик учун бундан ортиқ мумкин эмас.
detail-card-not-withdrawn = Бу карточка амалда: фақат чақириб олинган карточкани қайта фаоллаштириш мумкин.
detail-card-withdrawn-already = Бу карточка аллақачон { $since } куни чақириб олинган.
detail-channels-taken-by-card = Бу телефон ёки аккаунтларнинг баъзилари { $agency } агентлигининг { $card } карточкасига рўйхатдан ўтган.
reason-not-in-the-future = бугундан кейин бўлмаслиги керак

## Контактлар ва карточкаларни текшириш саҳифаси.

heading-check-number = Рақамни текширинг
heading-not-registered-contact = Рўйхатдан ўтмаган
heading-official = Агентликнинг расмий канали
heading-reported = Шикоят қилинган
label-card = Карточка
label-representative = Вакил
label-agency = Агентлик
label-regions = Ёллайдиган ҳудудлар
label-phones = Иш телефонлари
label-handles = Аккаунтлар
label-card-valid = Карточка амал қилади
label-card-status = Ҳолати
label-card-history = Аввалги чақириб олишлар
card-status-active = амалда
card-status-withdrawn = { $date } куни чақириб олинган: { $reason }
card-history-line = { $withdrawn } куни чақириб олинган, { $reactivated } дан яна амалда: { $reason }
card-valid-open = { $from } дан

## Хорижий иш берувчилар ва иш буюртмалари.

verdict-job-order-open = { $reference } иш буюртмаси рўйхатдан ўтган: { $position }, { $country }, иш берувчи { $employer }, таклиф қилувчи { $agency }, { $until } гача очиқ. Ҳар бир шартни ёзма шартнома билан солиштиринг, имзоламасдан ҳеч қачон пул тўламанг ва паспортингизни ўзингизда сақланг.
verdict-job-order-filled = { $reference } иш буюртмаси ({ $position }, { $employer }) рўйхатдан ўтган, лекин барча ўринлар банд: { $agency } ҳозир унга ишчи олмаяпти.
verdict-job-order-closed = { $reference } иш буюртмаси ({ $position }, { $employer }) ёпилган: { $agency } унга ишчи олмаяпти. Уни ҳали ҳам таклиф қилаётган киши бу ишни таклиф қилмаяпти.
verdict-job-order-withdrawn = { $reference } иш буюртмаси ({ $position }, { $employer }) { $agency } томонидан қайтариб олинган: бу иш йўқ. Бунинг учун ҳеч кимга пул тўламанг.
verdict-job-order-expired = { $reference } иш буюртмасининг ({ $position }, { $employer }) муддати { $until } да тугаган: у энди амал қилмайди.
verdict-job-order-agency-cannot-recruit = { $reference } иш буюртмаси { $agency } томонидан рўйхатдан ўтказилган, лекин { $agency } ҳозир ишчи ёллай олмайди: лицензияси амал қилмайди. Пул тўламанг ва паспортингизни берманг.
verdict-job-order-employer-not-accredited = { $reference } иш буюртмаси { $employer } учун, вазирлик уни тўхтатган ёки тақиқлаган: ҳозир унга ҳеч ким ишчи ёллай олмайди. Пул тўламанг ва паспортингизни берманг.
warning-job-order-fee = Бу таклиф ишчидан { $fee } тўлашни сўрайди. Ишга жойлаш учун ҳақ олиш қоида эмас: нима учунлигини сўранг, ёзма олинг ва шартномани имзоламасдан ҳеч қачон пул тўламанг.
detail-job-order-not-found = Бундай иш буюртмаси йўқ: { $reference }. Лицензияли агентлик таклиф қилган хориждаги ишнинг иш буюртмаси бўлади; уни сўранг.
detail-job-order-mistyped = Иш буюртмаси рақамида хато бор: уни таклиф билан солиштиринг.
detail-not-a-job-order = Иш буюртмаси рақами J ҳарфи ва саккиз рақамдан иборат, масалан J-1000-0012.
detail-employer-not-found = { $id } id рақамли иш берувчи йўқ.
detail-employer-registered = { $country } да бу рўйхат рақамли иш берувчи аллақачон рўйхатдан ўтган (id { $id }).
detail-employer-transition = Ҳолати { $status } бўлган иш берувчига `{ $action }` қўллаб бўлмайди.
detail-job-order-transition = Ҳолати { $status } бўлган иш буюртмасига `{ $action }` қўллаб бўлмайди.
detail-license-cannot-register = { $number } лицензияси ҳозир ишчи ёллашга рухсат бермайди: унга иш буюртмасини рўйхатдан ўтказиб ёки қайта очиб бўлмайди.
detail-employer-may-not-hire = Иш берувчининг ҳолати { $status }: унга иш буюртмасини рўйхатдан ўтказиб ёки қайта очиб бўлмайди.
reason-outside-license-countries = { $number } лицензияси рухсат берган давлатлар орасида йўқ ({ $allowed })
reason-outside-license-sectors = { $number } лицензияси рухсат берган соҳалар орасида йўқ ({ $allowed })
reason-currency = USD ёки KRW каби ISO 4217 валюта коди бўлиши керак
reason-money-decimals = валютадагидан кўра кўпроқ каср рақамига эга ({ $decimals })
reason-wage-positive = 0 дан катта бўлиши керак
reason-fee-not-negative = манфий бўлмаслиги керак
reason-money-range = бир миллиарддан ошмайдиган сон бўлиши керак
reason-provision = иш берувчи тақдим этиши мумкин бўлган нарсалар рўйхатида йўқ
reason-employer-unknown = бундай id рақамли иш берувчи йўқ
reason-valid-until-before-approved = approved_on дан олдин бўлмаслиги керак

## Иш буюртмасини текшириш саҳифаси.

heading-order-open = Очиқ: рўйхатдан ўтган, ишчи олинмоқда
heading-order-not-open = Очиқ эмас
label-job-order = Иш буюртмаси
label-position = Иш
label-employer = Иш берувчи
label-destination = Иш жойи давлати
label-wage = Иш ҳақи
label-hours = Иш вақти
label-contract = Шартнома
label-worker-fee = Сиз нима тўлайсиз
label-provides = Иш берувчи таъминлайди
label-order-valid = Очиқ муддати
label-agency-standing = Агентлик ва лицензия
wage-per-hour = соатига { $amount } { $currency }
wage-per-month = ойига { $amount } { $currency }
hours-per-week = ҳафтасига { $hours } соат
contract-months = { $months } ой
fee-none = Ҳеч нарса: бу иш учун ҳеч нарса тўламаслигингиз керак.
provides-nothing = Ҳеч нарса рўйхатдан ўтмаган
provision-housing = турар жой
provision-meals = овқат
provision-travel = бориш ва қайтиш йўли
provision-local_transport = ишга бориб-келиш транспорти
provision-health_insurance = тиббий суғурта
provision-accident_insurance = бахтсиз ҳодисалардан суғурта
provision-visa_and_permit = виза ва ишлаш рухсатномаси
provision-training = ўқитиш
provision-work_equipment = иш кийими ва жиҳозлари
employer-status-accredited = вазирлик томонидан аккредитация қилинган
employer-status-suspended = вазирлик томонидан тўхтатилган
employer-status-banned = вазирлик томонидан тақиқланган
checklist-heading = Имзолашдан олдин
checklist-terms = Ёзма шартномада иш берувчи, иш, давлат, иш ҳақи, иш вақти ва шартнома муддати кўрсатилиши керак, бу иш буюртмасидаги билан бир хил.
checklist-fee = Шартномани имзоламасдан ҳеч нарса тўламанг ва ҳар бир тўлов учун квитанция олинг.
checklist-passport = Паспорт ва ҳужжатларингизни ўзингизда сақланг: ҳеч ким уларни ушлаб туришга ҳақли эмас.
checklist-family = Оилангизга иш берувчи ва агентлик номларини ҳамда шу саҳифани беринг.
share-heading = Оилангиз билан улашинг
share-text = Бу ҳавола сиз ишонмоқчи бўлган нарсалар ҳақида реестр имзолаган маълумотларни олиб юради. Оилангиз интернет бўлмаса ҳам худди шу тасдиқланган фактларни кўради; сиз ҳақингизда реестрга ҳеч нарса юборилмайди.
share-title = Сиз билан улашилди: лицензияли ишга жойлаш агентликлари реестрида текширилган
share-none = Бу ерда ҳеч нарса реестрники сифатида тасдиқланмади: бу ҳаволага ишонманг.
share-verified = Тасдиқланди: реестр томонидан { $date } да имзоланган.
share-now = Бугун реестр айтади:
