## Вердикт проверки лицензии: одно простое предложение для работника.

verdict-may-recruit = У агентства «{ $agency }» действующая лицензия: до { $until } оно может набирать работников для работы в следующих странах: { $countries }. И всё же ничего не платите до подписания договора и не отдавайте свой паспорт.
verdict-not-yet-valid = Агентство «{ $agency }» пока НЕ может набирать работников: его лицензия вступает в силу { $from }. До этого не платите ему и не отдавайте паспорт.
verdict-suspended = Агентство «{ $agency }» сейчас НЕ может набирать работников: лицензия приостановлена. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-suspended-until = Агентство «{ $agency }» сейчас НЕ может набирать работников: лицензия приостановлена до { $until }. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-revoked = Агентство «{ $agency }» НЕ может набирать работников: лицензия отозвана. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-expired = Агентство «{ $agency }» НЕ может набирать работников: срок лицензии истёк { $until }. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-surrendered = Агентство «{ $agency }» НЕ может набирать работников: оно отказалось от лицензии. Не платите ему, не отдавайте паспорт, сообщите о нём.
verdict-complaints = { $count ->
    [one] Министерство признало обоснованной { $count } жалобу на это агентство.
    [few] Министерство признало обоснованными { $count } жалобы на это агентство.
   *[many] Министерство признало обоснованными { $count } жалоб на это агентство.
}

## Заголовки ошибок, по типу ошибки.

title-bad-request = Неверный запрос
title-invalid-fields = Недопустимый запрос
title-license-not-found = Лицензия не найдена
title-not-found = Не найдено
title-method-not-allowed = Метод не разрешён
title-payload-too-large = Слишком большой запрос
title-unsupported-media-type = Неподдерживаемый тип данных
title-unauthorized = Требуется авторизация
title-forbidden = Доступ запрещён
title-conflict = Конфликт
title-impossible-transition = Невозможное действие с лицензией
title-stale-version = Устаревшая версия
title-if-match-required = Требуется If-Match
title-too-many-requests = Слишком много запросов
title-token-request = Запрос токена отклонён
title-service-unavailable = Сервис недоступен
title-internal-error = Внутренняя ошибка сервера

## Описания ошибок.

detail-license-not-found = Лицензия { $number } не зарегистрирована. Агентство без зарегистрированной лицензии не может набирать работников: не платите ему, не отдавайте паспорт и сообщите о нём.
detail-license-event-not-found = В истории лицензии нет записи { $id } с указанной причиной.
detail-method-not-allowed = Этот ресурс отвечает только на { $methods }.
detail-service-unavailable = Реестр сейчас не может связаться со своей базой данных. Попробуйте ещё раз через несколько секунд.
detail-starting = Реестр ещё загружает свои данные в память. Попробуйте ещё раз через несколько секунд.
detail-internal-error = Реестр не смог ответить на этот запрос. Ошибка записана в журнал.
detail-too-many-requests = Слишком много запросов с этого адреса (не более { $per_minute } в минуту). Попробуйте снова через { $retry_after ->
    [one] { $retry_after } секунду
    [few] { $retry_after } секунды
   *[many] { $retry_after } секунд
}.
detail-too-many-snapshots = С этого адреса весь реестр уже скачан { $quota } раз за этот час. Следите за лентой изменений с `seq` снимка или попробуйте снова через { $retry_after ->
    [one] { $retry_after } секунду
    [few] { $retry_after } секунды
   *[many] { $retry_after } секунд
}.
detail-busy = Сервер уже отдаёт столько выгрузок реестра, сколько может одновременно. Попробуйте снова через { $retry_after ->
    [one] { $retry_after } секунду
    [few] { $retry_after } секунды
   *[many] { $retry_after } секунд
}.
detail-too-many-wrong-secrets = Слишком много неверных секретов для этого клиента. Попробуйте снова через { $retry_after ->
    [one] { $retry_after } секунду
    [few] { $retry_after } секунды
   *[many] { $retry_after } секунд
}.
detail-stale-version = Кто-то изменил этот ресурс после того, как вы его прочитали. Загрузите его заново (GET), проверьте изменения и повторите с новым ETag.
detail-if-match-required = Для изменений нужен заголовок `If-Match` с ETag изменяемой версии: сначала прочитайте ресурс (GET), затем отправьте его ETag.
detail-bad-json = Тело запроса — не корректный JSON (строка { $line }, столбец { $column }).
detail-bad-query = Строка запроса не подходит к этой операции: { $name } — { $reason }.
detail-bad-path = Путь не подходит к этой операции: { $name } — { $reason }.
detail-parameter-refused = `{ $name }`: { $reason }.
detail-body-misfit = Тело запроса не подходит к этой операции: { $field } — { $reason }.
detail-invalid-fields = В запросе недопустимые поля: { $fields }.
detail-invalid-parameter = Параметр запроса `{ $field }` недопустим: { $reason }.
detail-not-json = Тело запроса должно быть в формате JSON (`application/json`).
detail-unreadable-request = Запрос невозможно прочитать: его адрес, заголовки или тело искажены.
detail-unstorable-text = В запросе есть текст с символами, которые нельзя сохранить (например, NUL).
detail-resource-not-found = Такого ресурса нет.
detail-no-resource = По адресу { $path } ресурса нет. Описание API — на /docs.
detail-method-refused = Этот ресурс не отвечает на этот метод.
detail-payload-too-large = Тело запроса больше, чем принимает эта операция (не более { $max_kib } КиБ).
detail-unsupported-media-type = Эта операция не принимает тело такого типа.
detail-agency-not-found = Агентство с идентификатором { $id } не зарегистрировано.
detail-complaint-not-found = Жалоба { $id } не видна этому клиенту.
detail-recruiter-not-published = Вербовщик из жалобы { $id } не опубликован.
detail-client-not-found = Нет действующего клиента { $id }.
detail-key-not-found = Нет действующего ключа { $kid }.
detail-taxpayer-id-taken = Другое агентство с этим ИНН уже зарегистрировано.
detail-license-number-taken = Этот номер лицензии (в таком или похожем написании) уже зарегистрирован.
detail-not-a-license-number = `{ $text }` — не номер лицензии: { $reason }.
detail-impossible-transition = Лицензию в состоянии `{ $status }` нельзя перевести в `{ $action }`. Сейчас возможно: { $possible }.
detail-impossible-transition-final = Лицензию в состоянии `{ $status }` нельзя перевести в `{ $action }`: `{ $status }` — окончательное состояние.
detail-impossible-triage = Жалобу в состоянии `{ $status }` нельзя перевести в `{ $to }`. Сейчас возможно: { $possible }.
detail-impossible-triage-final = Жалобу в состоянии `{ $status }` нельзя перевести в `{ $to }`: `{ $status }` — окончательное состояние.
detail-complaint-quota = Этот клиент подал предельное число жалоб за час; повторите позже.
detail-idempotency-key-required = Для подачи нужен заголовок `Idempotency-Key` (от 1 до 255 видимых символов ASCII, например UUID), чтобы повтор никогда не подал жалобу дважды.
detail-idempotency-key-reused = Этот Idempotency-Key уже использован с другим телом запроса. Для новой жалобы используйте новый ключ.
detail-idempotency-in-progress = Запрос с этим Idempotency-Key ещё выполняется.
detail-publish-registered-agency = Эта жалоба называет зарегистрированное агентство: её публичные счётчики — у агентства, публиковать вербовщика не нужно.
detail-publish-untriaged = Жалобу в состоянии `{ $status }` нельзя опубликовать: сначала рассмотрите её и публикуйте только то, что не признано необоснованным.
detail-role-needed = Этой операции нужна роль { $needed }; у этого клиента роль { $role }.
detail-token-missing = Этой операции нужен токен доступа: `Authorization: Bearer <token>`.
detail-token-expired = Срок действия токена доступа истёк: получите новый на /v1/auth/token.
detail-token-refused = Токен доступа отклонён ({ $reason }).
detail-token-client-disabled = Клиент этого токена отключён.
detail-authorization-unreadable = Заголовок Authorization невозможно прочитать как текст.
detail-authorization-not-bearer = Заголовок Authorization должен иметь вид `Bearer <token>`.
detail-token-unknown-client = Неизвестный или отключённый клиент, или неверный секрет.
detail-token-grant-type-missing = Нужен параметр `grant_type`.
detail-token-grant-type-unsupported = Поддерживается только `client_credentials`.
detail-token-credentials-missing = Нужны `client_id` и `client_secret`.
detail-token-credentials-unreadable = `client_id` и `client_secret` должны содержать от 1 до 200 печатных символов.
detail-token-body-unreadable = Тело запроса невозможно прочитать: отправьте `grant_type`, `client_id` и `client_secret` строками.
detail-token-media-type = Отправьте запрос токена как application/x-www-form-urlencoded или application/json.
detail-invalid-cursor = `cursor` — не курсор, выданный этим API; начните заново без него.
detail-checkpoint = Контрольная точка — это положительное целое `seq` и 64-значный шестнадцатеричный `hash` в нижнем регистре.
detail-if-match-unreadable = Заголовок `If-Match` невозможно прочитать как текст.

## Почему поле или параметр отклонены (после его имени).

reason-required = обязательно
reason-unknown-field = не является полем этой операции
reason-unknown-field-takes = содержит поле, которого эта операция не принимает (она принимает { $fields })
reason-unknown-parameter-takes = содержит параметр, которого эта операция не принимает (она принимает { $names })
reason-invalid = недопустимо
reason-expected = ожидается { $what }
reason-expected-integer = ожидается целое число
reason-expected-number = ожидается число
reason-expected-string = ожидается строка
reason-expected-boolean = ожидается true или false
reason-expected-list = ожидается список
reason-expected-object = ожидается объект
reason-expected-one-of = ожидается одно из значений { $values }
reason-not-a-date = не является корректной датой или временем (например, 2026-11-29)
reason-not-a-uuid = не является корректным UUID
reason-json-object = должно быть объектом JSON
reason-language = должно быть одним из uz-Latn, uz-Cyrl, ru, en
reason-blank = не должно быть пустым
reason-length-between = должно содержать от { $min } до { $max } символов
reason-length-at-most = должно содержать не более { $max } символов
reason-length-at-least = должно содержать не менее { $min } символов
reason-length-at-most-no-control = должно содержать не более { $max } символов, без управляющих символов
reason-items-between = должно содержать от { $min } до { $max } элементов
reason-items-at-least = должно содержать не менее { $min ->
    [one] { $min } элемента
   *[other] { $min } элементов
}
reason-number-between = должно быть от { $min } до { $max }
reason-date-between = должно быть между { $earliest } и { $latest }
reason-not-in-the-past = не должно быть в прошлом
reason-until-before-from = не должно быть раньше valid_from
reason-renewal-until = должно быть позже текущего valid_until и позже сегодняшнего дня
reason-taxpayer-id = должно состоять из 9 цифр (ИНН)
reason-region = должно быть кодом региона ISO 3166-2:UZ, например UZ-TK
reason-country = должно быть кодом страны ISO 3166-1 alpha-2, например KR
reason-sector = неизвестная отрасль
reason-email = должно быть адресом электронной почты
reason-website = должно быть адресом http или https
reason-phone = не является номером телефона
reason-handle-link = должно быть ссылкой на аккаунт на его платформе, например https://t.me/name (Telegram, Instagram, Facebook, TikTok, YouTube или X)
reason-cannot-remove = нельзя удалить
reason-control = не должно содержать управляющих символов
reason-bidi-control = не должно содержать символов переопределения или изоляции направления текста
reason-zero-width = не должно содержать символов нулевой ширины
reason-license-number-empty = в номере лицензии должна быть хотя бы одна буква или цифра
reason-license-number-too-long = номер лицензии содержит не более { $max } символов
reason-license-number-character = номера лицензий содержат только буквы, цифры и разделители - / . (найдено "{ $found }")
reason-recruiter-contacts = не более { $max } телефонов и { $max } имён пользователей
reason-agency-or-recruiter = укажите либо зарегистрированное агентство (agency_id или license_number), либо вербовщика
reason-agency-id-or-number = укажите agency_id или license_number, но не оба
reason-anonymous = анонимная жалоба не содержит ни имени, ни контакта
reason-organization-for-ngo = обязательно для роли ngo
reason-idempotency-key-reused = уже использован с другим телом запроса
word-a-parameter = параметр
word-quoted = `{ $text }`

## Публичная страница проверки.

page-title = Проверка агентства по трудоустройству
page-intro = Прежде чем кому-то платить или отдавать паспорт, проверьте агентство и то, что человек, номер или страница, которые с вами связались, действительно принадлежат агентству.
page-statement-issued = Этот код выдан реестром { $date }.
form-label = Номер лицензии, название агентства, ИНН, номер телефона, аккаунт в Telegram или Instagram, сайт или номер карточки (K-1234-5678)
form-button = Проверить
heading-may-recruit = Может набирать работников
heading-may-not-recruit = НЕ может набирать работников
heading-unknown = Не зарегистрировано
heading-not-a-number = Это не номер лицензии
page-not-a-number = Это не номер лицензии. Номер лицензии выглядит так: UZ-TK-0123. Спросите его у вербовщика или найдите агентство по названию. Агентство без зарегистрированной лицензии не может набирать работников: не платите ему и не отдавайте паспорт.
label-licence = Лицензия
label-other-names = Также зарегистрировано как
label-address = Адрес
label-phone = Телефон
label-countries = Может направлять работников в
label-sectors = Отрасли
label-valid = Действует
label-history = История лицензии
label-complaints = Жалоб рассмотрено министерством: { $total }, признано обоснованными: { $substantiated }
report-heading = Сообщите об этом
results-heading = Найденные агентства
results-none = Агентство не найдено. Агентство, которого нет в реестре, не может набирать работников.
status-active = действует
status-suspended = приостановлена
status-revoked = отозвана
status-expired = истекла
status-surrendered = сдана
action-issued = выдана
action-renewed = продлена
action-suspended = приостановлена
action-reinstated = возобновлена
action-revoked = отозвана
action-expired = истекла
action-surrendered = сдана

## Страны, которые называет лицензия, по кодам ISO 3166-1.

country-RU = Россия
country-KZ = Казахстан
country-KG = Киргизия
country-TJ = Таджикистан
country-TM = Туркменистан
country-AZ = Азербайджан
country-GE = Грузия
country-BY = Беларусь
country-KR = Южная Корея
country-JP = Япония
country-CN = Китай
country-MY = Малайзия
country-SG = Сингапур
country-TR = Турция
country-AE = Объединённые Арабские Эмираты
country-SA = Саудовская Аравия
country-QA = Катар
country-KW = Кувейт
country-BH = Бахрейн
country-OM = Оман
country-IL = Израиль
country-DE = Германия
country-GB = Великобритания
country-IE = Ирландия
country-FR = Франция
country-IT = Италия
country-ES = Испания
country-PT = Португалия
country-NL = Нидерланды
country-BE = Бельгия
country-AT = Австрия
country-CH = Швейцария
country-PL = Польша
country-CZ = Чехия
country-SK = Словакия
country-HU = Венгрия
country-RO = Румыния
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
country-US = США
country-CA = Канада
country-AU = Австралия
country-NZ = Новая Зеландия
country-UZ = Узбекистан

## Отрасли, по кодам.

sector-agriculture = сельское хозяйство
sector-construction = строительство
sector-manufacturing = производство
sector-hospitality = гостиницы и рестораны
sector-care = уход за людьми
sector-domestic_work = работа по дому
sector-healthcare = здравоохранение
sector-transport = транспорт
sector-retail = торговля
sector-fishing = рыболовство
sector-mining = горное дело
sector-cleaning = уборка
detail-channels-taken = Некоторые из этих каналов зарегистрированы за другим агентством: { $agency }.
verdict-contact-official = { $contact } — официальный канал агентства { $agency }, которое сегодня вправе набирать работников. Перед любой оплатой проверьте и лицензию.
verdict-contact-official-not-recruiting = { $contact } — официальный канал агентства { $agency }, но { $agency } сейчас не вправе набирать работников: ни одна его лицензия не действует. Не платите и не отдавайте паспорт.
verdict-contact-unknown = { $contact } не зарегистрирован ни за одним лицензированным агентством. Лицензированное агентство регистрирует каждый номер и страницу, через которые набирает работников: считайте это незаконным набором и сообщите о нём.
verdict-contact-impersonation = Это не { $looks_like }: здесь похожие или невидимые символы, чтобы выдать себя за него. Это мошенничество — сообщите о нём.
detail-contact-unrecognised = `q` должен быть номером телефона, аккаунтом в мессенджере или соцсети (@имя или ссылка), веб-адресом или номером карточки вида K-1234-5678.
detail-card-mistyped = В номере карточки опечатка: сверьте его с карточкой.
detail-card-not-found = Ни у одного представителя нет карточки { $card }.

## Карточки представителей.

verdict-card-may-recruit = { $name } (карточка { $card }) представляет агентство «{ $agency }», которое сегодня вправе набирать работников. И всё же ничего не платите до подписания договора и не отдавайте паспорт.
verdict-card-withdrawn = { $name } (карточка { $card }) больше не представляет агентство «{ $agency }»: отозван(а) { $since }. Не платите и не отдавайте паспорт; если этот человек всё ещё набирает работников, сообщите о нём.
verdict-card-agency-may-not-recruit = { $name } (карточка { $card }) зарегистрирован(а) за агентством «{ $agency }», но «{ $agency }» сейчас не вправе набирать работников: ни одна его лицензия не действует, поэтому никто не может набирать от его имени. Не платите и не отдавайте паспорт.
verdict-card-outside-dates = Карточка { $card } ({ $name }, агентство «{ $agency }») сегодня недействительна (срок: с { $from } по { $until }). Не имейте с этим человеком дел, пока она недействительна.
verdict-contact-representative = { $contact } зарегистрирован за представителем агентства. { $standing }
verdict-contact-reported = О { $contact } сообщали в реестр как о контакте вербовщика без лицензии (опубликованных жалоб: { $count }, последняя — { $month }). Ничего не платите, не отдавайте паспорт и сообщите о нём.
verdict-contact-also-reported = Осторожно: о { $contact } также сообщали как о контакте вербовщика без лицензии (опубликованных жалоб: { $count }, последняя — { $month }). Прежде чем платить, перезвоните в агентство по номеру из этого реестра.
detail-not-a-card = Номер карточки — это буква K и восемь цифр, например K-1234-5678.
detail-representatives-too-many = Агентство уже зарегистрировало { $max } представителей — больше одному агентству нельзя.
detail-card-not-withdrawn = Карточка действует: повторно активировать можно только отозванную карточку.
detail-card-withdrawn-already = Карточка уже отозвана { $since }.
detail-channels-taken-by-card = Некоторые из этих телефонов или аккаунтов зарегистрированы за карточкой { $card } агентства «{ $agency }».
reason-not-in-the-future = не может быть позже сегодняшнего дня

## Страница проверки контактов и карточек.

heading-check-number = Проверьте номер
heading-not-registered-contact = Не зарегистрировано
heading-official = Официальный канал агентства
heading-reported = Есть жалобы
label-card = Карточка
label-representative = Представитель
label-agency = Агентство
label-regions = Набирает в регионах
label-phones = Рабочие телефоны
label-handles = Аккаунты
label-card-valid = Карточка действует
label-card-status = Статус
label-card-history = Прежние отзывы
card-status-active = действует
card-status-withdrawn = отозвана { $date }: { $reason }
card-history-line = отозвана { $withdrawn }, снова действует с { $reactivated }: { $reason }
card-valid-open = с { $from }

## Иностранные работодатели и заявки на работу.

verdict-job-order-open = Заявка { $reference } зарегистрирована: { $position } в стране { $country }, работодатель { $employer }, предлагает { $agency }, открыта до { $until }. Сверьте каждое условие с письменным договором, никогда не платите до подписания и храните паспорт у себя.
verdict-job-order-filled = Заявка { $reference } ({ $position }, { $employer }) зарегистрирована, но все места заняты: { $agency } сейчас по ней не набирает.
verdict-job-order-closed = Заявка { $reference } ({ $position }, { $employer }) закрыта: { $agency } по ней не набирает. Кто всё ещё предлагает её, предлагает не эту работу.
verdict-job-order-withdrawn = Заявка { $reference } ({ $position }, { $employer }) отозвана агентством { $agency }: этой работы нет. Никому за неё не платите.
verdict-job-order-expired = Срок заявки { $reference } ({ $position }, { $employer }) истёк { $until }: она больше не действует.
verdict-job-order-agency-cannot-recruit = Заявка { $reference } зарегистрирована агентством { $agency }, но { $agency } сейчас не вправе набирать: его лицензия не действует. Не платите и не отдавайте паспорт.
verdict-job-order-employer-not-accredited = Заявка { $reference } от работодателя { $employer }, которого министерство приостановило или запретило: по ней сейчас никто не вправе набирать. Не платите и не отдавайте паспорт.
warning-job-order-fee = Это предложение требует от работника оплаты { $fee }. Плата за трудоустройство не норма: спросите, за что она, получите это письменно и никогда не платите до подписания договора.
detail-job-order-not-found = Такой заявки нет: { $reference }. У работы за рубежом от лицензированного агентства есть заявка; попросите её номер.
detail-job-order-mistyped = В номере заявки опечатка: сверьте его с предложением.
detail-not-a-job-order = Номер заявки — буква J и восемь цифр, например J-1000-0012.
detail-employer-not-found = Нет работодателя с id { $id }.
detail-employer-registered = Работодатель с этим регистрационным номером в стране { $country } уже зарегистрирован (id { $id }).
detail-employer-transition = К работодателю со статусом { $status } нельзя применить `{ $action }`.
detail-job-order-transition = К заявке со статусом { $status } нельзя применить `{ $action }`.
detail-license-cannot-register = Лицензия { $number } сейчас не позволяет набирать: по ней нельзя зарегистрировать или вновь открыть заявку.
detail-employer-may-not-hire = Статус работодателя — { $status }: для него нельзя зарегистрировать или вновь открыть заявку.
reason-outside-license-countries = не входит в страны, которые позволяет лицензия { $number } ({ $allowed })
reason-outside-license-sectors = не входит в отрасли, которые позволяет лицензия { $number } ({ $allowed })
reason-currency = должен быть кодом валюты ISO 4217, например USD или KRW
reason-money-decimals = содержит больше знаков после запятой, чем у валюты ({ $decimals })
reason-wage-positive = должна быть больше 0
reason-fee-not-negative = не может быть отрицательной
reason-money-range = должно быть числом не больше миллиарда
reason-provision = не входит в список того, что может предоставить работодатель
reason-employer-unknown = нет работодателя с таким id
reason-valid-until-before-approved = не может быть раньше approved_on

## Страница проверки заявки.

heading-order-open = Открыта: зарегистрирована, идёт набор
heading-order-not-open = Не открыта
label-job-order = Заявка
label-position = Работа
label-employer = Работодатель
label-destination = Страна работы
label-wage = Зарплата
label-hours = Рабочее время
label-contract = Договор
label-worker-fee = Что платите вы
label-provides = Работодатель предоставляет
label-order-valid = Открыта до
label-agency-standing = Агентство и лицензия
wage-per-hour = { $amount } { $currency } в час
wage-per-month = { $amount } { $currency } в месяц
hours-per-week = { $hours } часов в неделю
contract-months = { $months } мес.
fee-none = Ничего: за эту работу вы не должны ничего платить.
provides-nothing = Ничего не зарегистрировано
provision-housing = жильё
provision-meals = питание
provision-travel = дорогу туда и обратно
provision-local_transport = транспорт до работы и обратно
provision-health_insurance = медицинскую страховку
provision-accident_insurance = страховку от несчастных случаев
provision-visa_and_permit = визу и разрешение на работу
provision-training = обучение
provision-work_equipment = спецодежду и снаряжение
employer-status-accredited = аккредитован министерством
employer-status-suspended = приостановлен министерством
employer-status-banned = запрещён министерством
checklist-heading = Перед подписанием
checklist-terms = В письменном договоре должны быть названы работодатель, работа, страна, зарплата, рабочее время и срок договора — те же, что в этой заявке.
checklist-fee = Ничего не платите до подписания договора и берите квитанцию за любой платёж.
checklist-passport = Храните паспорт и документы у себя: никто не вправе их удерживать.
checklist-family = Сообщите семье названия работодателя и агентства и дайте им эту страницу.
share-heading = Поделиться с семьёй
share-text = Эта ссылка несёт подписанные реестром сведения о том, чему вы собираетесь довериться. Семья увидит те же проверенные факты, даже без интернета; о вас в реестр ничего не передаётся.
share-title = С вами поделились: проверено в реестре лицензированных агентств по трудоустройству
share-none = Ничего здесь не удалось подтвердить как сведения реестра: не доверяйте этой ссылке.
share-verified = Подтверждено: подписано реестром { $date }.
share-now = Сегодня реестр говорит:
